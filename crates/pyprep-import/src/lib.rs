//! pyprep's importer: reads Python interview guides written in many layouts (a GitHub
//! README guide, MDX accordions, an mkdocs-material page, numbered markdown lists, plain text
//! scraped from a web page, and generic markdown Q&A) into [`pyprep_core::Question`] values
//! that remember where they came from, repairing the damage such files carry (mojibake,
//! code flattened into escaped one-liners, MDX escapes, dunders turned bold, tab-indented
//! code); and it merges duplicates across guides and the built-in bank into one question
//! with every source and every answer kept.
//!
//! It must stay pure: no filesystem, database, network or clock. Callers read the bytes
//! and write the results (the CLI in one store transaction); this crate only turns bytes
//! into values and values into values, so every behaviour is testable with plain data, and
//! no input, however broken, may make it panic: bad input is an [`ImportError`] naming the
//! document, the line and what to do, or a [`Warning`] in the result.

pub mod code;
pub mod merge;
pub mod normalize;
pub mod repair;

mod body;
mod draft;
mod error;
mod formats;
mod insights;
mod report;
mod text;

pub use error::{Cause, ImportError};
pub use merge::{
    MergeGroup, MergeOutcome, MergeSummary, Target, find_duplicates, merge, merge_documents,
    merge_owned,
};
pub use report::{
    CodeBlock, CodeBlockCounts, Field, Format, ImportSummary, ItemKind, ParsedDocument, Repairs,
    Warning,
};

use draft::Ctx;
use rayon::prelude::*;

/// Reads one document, detecting its layout from its content (never from its name).
///
/// `document_name` is what every question's `Source::document` records (usually the file
/// name). The questions come back in document order, one per question in the document;
/// duplicates within the document are left for [`merge`] (except in layouts whose tables
/// and lists repeat the document's own sections, which are folded into those sections).
/// Ids are slugs of the titles and are made unique by [`merge`].
pub fn parse(document_name: &str, bytes: &[u8]) -> Result<ParsedDocument, ImportError> {
    parse_with(document_name, bytes, None)
}

/// [`parse`] of several documents, `(name, bytes)` each: the same results in the same order,
/// worked out on the machine's cores. Documents are read side by side, and so are the
/// sections within a document and the questions' finishing (see `formats::read_pieces`),
/// each put back in order, so that one long guide does not leave the other cores idle
/// and which thread reads what cannot change a result.
pub fn parse_all<N, B>(files: &[(N, B)]) -> Vec<Result<ParsedDocument, ImportError>>
where
    N: AsRef<str> + Sync,
    B: AsRef<[u8]> + Sync,
{
    files
        .par_iter()
        .map(|(name, bytes)| parse(name.as_ref(), bytes.as_ref()))
        .collect()
}

/// Makes the calling thread one of the threads [`parse_all`] and [`merge`] work on, for a
/// program that imports from its main thread (the `pyprep` CLI, the import benchmark).
///
/// By default the work goes to a pool of one thread per core while the caller waits: an
/// import takes milliseconds, and handing it over and back, with every string made on a
/// pool thread and freed on the caller's, cost as much as a tenth of it (bench/import).
/// Call it once, early, before anything else uses the global pool (later calls change
/// nothing). The caller only works for the pool while it is inside a parallel call itself:
/// on one core, where it is the whole pool, parallel work sent from another thread would
/// wait for it, so a program that does that should not call this.
pub fn work_on_this_thread_too() {
    // An error only means the pool was already set up; it then works as it was set up.
    let _ = rayon::ThreadPoolBuilder::new()
        .use_current_thread()
        .build_global();
}

/// Like [`parse`], with the layout chosen by the caller instead of detected.
pub fn parse_as(
    format: Format,
    document_name: &str,
    bytes: &[u8],
) -> Result<ParsedDocument, ImportError> {
    parse_with(document_name, bytes, Some(format))
}

/// The layout [`parse`] would use for `bytes`.
pub fn detect_format(document_name: &str, bytes: &[u8]) -> Result<Format, ImportError> {
    let text = text::decode(document_name, bytes)?;
    let lines = text::lines(&text, &mut Repairs::default());
    Ok(formats::detect(&lines).0.format())
}

fn parse_with(
    document_name: &str,
    bytes: &[u8],
    format: Option<Format>,
) -> Result<ParsedDocument, ImportError> {
    let text = text::decode(document_name, bytes)?;
    let mut ctx = Ctx::new(document_name);
    let lines = text::lines(&text, &mut ctx.repairs);
    let (reader, found) = match format {
        Some(f) => (formats::reader_for(f), None),
        None => formats::detect(&lines),
    };
    let drafts = reader.read(&lines, found, &mut ctx)?;
    let mut finished = draft::finish(drafts, &mut ctx);
    if reader.format() == Format::MkdocsMaterial {
        finished = fold_repeats(finished);
    }
    if finished.questions.is_empty() {
        ctx.warn(
            None,
            "no questions found: the document has no question sections, question headings, numbered questions, <details> blocks or Q:/A: pairs; nothing was imported",
        );
    }
    Ok(ParsedDocument {
        document: ctx.document.to_string(),
        format: reader.format(),
        questions: finished.questions,
        question_kinds: finished.kinds,
        items: ctx.items,
        code_blocks: ctx.code_blocks.into_iter().map(|(_, b)| b).collect(),
        fields: finished.fields,
        non_companies: ctx.non_companies,
        repairs: ctx.repairs,
        warnings: ctx.warnings,
        signed: finished.signed,
    })
}

/// Folds table rows and list items that repeat one of the document's own questions into
/// it (adding their links, companies and source), with the same rules as [`merge`].
fn fold_repeats(finished: draft::Finished) -> draft::Finished {
    let draft::Finished {
        questions,
        kinds,
        fields,
        signed,
    } = finished;
    let (outcome, mut sigs) = merge::merge_signed(&[], questions, Some(signed));
    // Back in document order, by the position of each question's first source. The order
    // is worked out on (position, index) pairs, unique, so it is the one a stable sort by
    // position gives, and each question is moved once rather than about the sort.
    let mut order: Vec<(u32, usize)> = outcome
        .added
        .iter()
        .enumerate()
        .map(|(i, q)| (q.sources.first().map_or(0, |s| s.position), i))
        .collect();
    order.sort_unstable();
    let kinds = order
        .iter()
        .map(|&(position, _)| {
            kinds
                .get((position as usize).saturating_sub(1))
                .copied()
                .unwrap_or(ItemKind::QaSection)
        })
        .collect();
    let mut added: Vec<Option<pyprep_core::Question>> =
        outcome.added.into_iter().map(Some).collect();
    let questions: Vec<_> = order
        .iter()
        .map(|&(_, i)| added[i].take().expect("each question is taken once"))
        .collect();
    // A question that folded nothing in keeps the signatures it was read with; one that did
    // has new wordings (its sources'), and is signed by the merge that takes it, which works
    // on every core (here, at the end of the longest document, it would hold up the others).
    let signed = questions
        .iter()
        .zip(&order)
        .map(|(q, &(position, _))| {
            let own = (q.sources.len() == 1)
                .then(|| {
                    let i = (position as usize).checked_sub(1)?;
                    sigs.get_mut(i)?.take()
                })
                .flatten();
            own.map(|own| merge::Signed::with(q, own))
        })
        .collect();
    draft::Finished {
        questions,
        kinds,
        fields,
        signed,
    }
}

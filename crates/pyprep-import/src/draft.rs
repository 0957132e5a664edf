//! What readers fill in ([`Draft`]) and how a draft becomes a [`Question`]: id, normalised
//! difficulty, topics and companies, kind, and its `Source`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use pyprep_core::model::slugify;
use pyprep_core::{Difficulty, Example, FollowUp, Kind, Question, Source};
use rayon::prelude::*;

use crate::error::{Cause, ImportError};
use crate::merge::Signed;
use crate::normalize::{self, CompanyName};
use crate::repair;
use crate::report::{CodeBlock, Field, ItemKind, Repairs, Warning};

/// Shared state of one document's import: where warnings, code blocks and counts go.
#[derive(Debug)]
pub(crate) struct Ctx<'d> {
    /// The document's name, borrowed by the contexts of its parts, which are made by the
    /// thousand on every core (a shared count of owners was a cache line the cores passed
    /// back and forth).
    pub document: &'d str,
    pub warnings: Vec<Warning>,
    /// Code blocks with the index of the draft they belong to.
    pub code_blocks: Vec<(usize, CodeBlock)>,
    pub non_companies: BTreeMap<String, u32>,
    pub repairs: Repairs,
    pub items: BTreeMap<ItemKind, u32>,
}

impl<'d> Ctx<'d> {
    pub fn new(document: &'d str) -> Self {
        Ctx {
            document,
            warnings: Vec::new(),
            code_blocks: Vec::new(),
            non_companies: BTreeMap::new(),
            repairs: Repairs::default(),
            items: BTreeMap::new(),
        }
    }

    pub fn warn(&mut self, line: Option<u32>, message: impl Into<String>) {
        self.warnings.push(Warning {
            line,
            message: message.into(),
        });
    }

    pub fn count(&mut self, kind: ItemKind) {
        *self.items.entry(kind).or_default() += 1;
    }

    pub fn error(&self, line: Option<u32>, cause: Cause) -> ImportError {
        ImportError::new(self.document, line, cause)
    }

    /// Whether nothing was reported here (no warning, code block, count or repair).
    pub fn is_empty(&self) -> bool {
        self.warnings.is_empty()
            && self.code_blocks.is_empty()
            && self.non_companies.is_empty()
            && self.repairs.is_empty()
            && self.items.is_empty()
    }

    /// A context for one part of this document, to be read apart (possibly on another
    /// thread) and then [`absorb`](Self::absorb)ed back in document order.
    pub fn part(&self) -> Ctx<'d> {
        Ctx::new(self.document)
    }

    /// Takes in what reading a later part of the document reported, as if it had been read
    /// here: its warnings and code blocks follow this context's, counts add up, and its
    /// code blocks' draft indices (counted from the part's first draft) are moved past the
    /// `drafts_before` drafts read before it.
    pub fn absorb(&mut self, part: Ctx<'d>, drafts_before: usize) {
        self.warnings.extend(part.warnings);
        self.code_blocks.extend(
            part.code_blocks
                .into_iter()
                .map(|(draft, block)| (draft + drafts_before, block)),
        );
        for (label, n) in part.non_companies {
            *self.non_companies.entry(label).or_default() += n;
        }
        self.repairs.add(&part.repairs);
        for (kind, n) in part.items {
            *self.items.entry(kind).or_default() += n;
        }
    }
}

/// A question as a reader found it, before normalisation.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub kind: ItemKind,
    pub line: u32,
    /// The question's wording in the source, inline markup still in.
    pub original_title: String,
    /// Whether titles are markdown (plain text keeps `**` and `<` as written).
    pub markdown: bool,
    /// A shorter title for lists, when the source's wording carries decoration.
    pub title: Option<String>,
    pub prompt: Option<String>,
    pub answer: String,
    pub difficulty_label: Option<String>,
    /// Difficulty implied by context (a section heading) when there is no label.
    pub difficulty_hint: Option<Difficulty>,
    pub tags: Vec<String>,
    pub companies: Vec<String>,
    pub key_points: Vec<String>,
    pub look_for: Vec<String>,
    pub strong_signals: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_ups: Vec<FollowUp>,
    pub links: Vec<String>,
    pub examples: Vec<Example>,
}

impl Draft {
    pub fn new(kind: ItemKind, line: u32, original_title: &str) -> Self {
        Draft {
            kind,
            line,
            original_title: original_title.trim().to_string(),
            markdown: true,
            title: None,
            prompt: None,
            answer: String::new(),
            difficulty_label: None,
            difficulty_hint: None,
            tags: Vec::new(),
            companies: Vec::new(),
            key_points: Vec::new(),
            look_for: Vec::new(),
            strong_signals: Vec::new(),
            red_flags: Vec::new(),
            follow_ups: Vec::new(),
            links: Vec::new(),
            examples: Vec::new(),
        }
    }
}

/// Inline markdown and HTML removed from a one-line title: bold markers, links (their text
/// kept), tags and backslash escapes. Backticks stay, as in the bank's own titles.
pub(crate) fn clean_inline(s: &str) -> String {
    // Most titles have no markup at all: then only their whitespace changes.
    let may_start_markup = |b: &u8| matches!(b, b'\\' | b'*' | b'<' | b'[');
    if !s.bytes().any(|b| may_start_markup(&b)) {
        return squeeze_whitespace(s);
    }
    // Read by bytes: markup is ASCII, so every cut below is at a character boundary.
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let bold = bold_markers(s);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                out.push(char::from(bytes[i + 1]));
                i += 2;
            }
            b'*' if bytes.get(i + 1) == Some(&b'*') && bold.contains(&i) => i += 2,
            b'<' if bytes
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/') =>
            {
                match memchr::memchr(b'>', &bytes[i..]) {
                    Some(end) => i += end + 1,
                    None => {
                        out.push('<');
                        i += 1;
                    }
                }
            }
            b'[' => match memchr::memchr(b']', &bytes[i..]).map(|p| i + p) {
                Some(close) if bytes.get(close + 1) == Some(&b'(') => {
                    let end = memchr::memchr(b')', &bytes[close..]);
                    out.push_str(&s[i + 1..close]);
                    i = end.map_or(bytes.len(), |e| close + e + 1);
                }
                _ => {
                    out.push('[');
                    i += 1;
                }
            },
            _ => {
                // Plain text up to the next byte that may start markup, copied whole.
                let next = bytes[i + 1..]
                    .iter()
                    .position(may_start_markup)
                    .map_or(bytes.len(), |p| i + 1 + p);
                out.push_str(&s[i..next]);
                i = next;
            }
        }
    }
    squeeze_whitespace(&out)
}

/// `s` with runs of whitespace made one space and the ends trimmed. Most titles are like
/// that already (ASCII, single spaces): they are copied whole rather than split and joined.
fn squeeze_whitespace(s: &str) -> String {
    let bytes = s.as_bytes();
    // Tidy: no whitespace but single spaces, none at the ends. (Text with other characters
    // than ASCII is checked by character, not sent down the slow path for having them.)
    let only_spaces = if s.is_ascii() {
        bytes
            .iter()
            .all(|&b| b == b' ' || !(b.is_ascii_whitespace() || b == 0x0B))
    } else {
        s.chars().all(|c| c == ' ' || !c.is_whitespace())
    };
    let tidy = only_spaces
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.windows(2).any(|w| w[0] == b' ' && w[1] == b' ');
    if tidy {
        return s.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Byte positions of `**` pairs that are emphasis: an opener followed by a non-space and a
/// closer preceded by one. A lone `**` (as in `**kwargs`) is text.
fn bold_markers(s: &str) -> Vec<usize> {
    let bytes = s.as_bytes();
    let mut stars = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'*' && bytes[i + 1] == b'*' {
            stars.push(i);
            i += 2;
        } else {
            i += 1;
        }
    }
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for p in stars {
        let before = s[..p].chars().next_back();
        let after = s[p + 2..].chars().next();
        match open {
            None if after.is_some_and(|c| !c.is_whitespace()) => open = Some(p),
            Some(o) if before.is_some_and(|c| !c.is_whitespace()) => {
                out.push(o);
                out.push(p);
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// The kind of exercise a title asks for.
pub(crate) fn infer_kind(title: &str) -> Kind {
    // Every title is asked: ASCII ones (nearly all) are lowercased without the Unicode
    // tables or an allocation, and the output phrases are only looked for in titles that
    // say "print" or "output", with searchers built once.
    crate::text::with_lowercase(title, kind_of_lowercase)
}

/// [`infer_kind`] of a lowercase title.
fn kind_of_lowercase(lower: &str) -> Kind {
    static OUTPUT: LazyLock<[memchr::memmem::Finder<'static>; 6]> = LazyLock::new(|| {
        [
            "what is the output",
            "what will be printed",
            "what does this print",
            "predict the output",
            "what will this print",
            "what is printed",
        ]
        .map(memchr::memmem::Finder::new)
    });
    let bytes = lower.as_bytes();
    // Found from their first bytes: building a substring search for each of a few hundred
    // short titles cost more than reading them.
    let may_ask_output = (0..bytes.len()).any(|i| match bytes[i] {
        b'p' => bytes[i..].starts_with(b"print"),
        b'o' => bytes[i..].starts_with(b"output"),
        _ => false,
    });
    if may_ask_output && OUTPUT.iter().any(|f| f.find(bytes).is_some()) {
        return Kind::Output;
    }
    let coding = [
        "write ",
        "implement ",
        "code to ",
        "create a function",
        "design a ",
        "build a ",
    ];
    if coding.iter().any(|p| lower.starts_with(p)) {
        return Kind::Coding;
    }
    Kind::Concept
}

/// Turns drafts into questions: positions are assigned in order (1-based), code blocks learn
/// their question's position, and the counts of fields found are returned.
pub(crate) fn finish<'d>(drafts: Vec<Draft>, ctx: &mut Ctx<'d>) -> Finished {
    // Each draft is finished on its own (on every core), then what finishing it reported is
    // taken in in document order, as if they had been finished one after the other. Its
    // title is signed there too, for the merge (see `merge::Signed`).
    let parent = &*ctx;
    // The questions go straight to their own vector (they are large, and collecting them
    // with the rest and moving them out again was a copy of every one); a part that
    // reported nothing, as most do, is not kept.
    type Rest<'d> = (
        ItemKind,
        [(Field, bool); 11],
        Option<Box<Ctx<'d>>>,
        Option<Signed>,
    );
    let (questions, rest): (Vec<Question>, Vec<Rest<'d>>) = drafts
        .into_par_iter()
        .enumerate()
        .map(|(i, d)| {
            let mut part = parent.part();
            let kind = d.kind;
            let (question, found) = finish_one(d, i as u32 + 1, &mut part);
            let signed = Some(Signed::of(&question));
            let part = (!part.is_empty()).then(|| Box::new(part));
            (question, (kind, found, part, signed))
        })
        .unzip();
    let mut out = Finished {
        questions,
        kinds: Vec::with_capacity(rest.len()),
        fields: BTreeMap::new(),
        signed: Vec::with_capacity(rest.len()),
    };
    // Counted in place first: `finish_one` lists the fields in one order, the first
    // question's list names them.
    let mut counts: Option<[(Field, u32); 11]> = None;
    for (kind, found, part, signed) in rest {
        if let Some(part) = part {
            ctx.absorb(*part, 0);
        }
        let counts = counts.get_or_insert_with(|| found.map(|(field, _)| (field, 0)));
        for ((_, n), (_, present)) in counts.iter_mut().zip(found) {
            *n += u32::from(present);
        }
        out.kinds.push(kind);
        out.signed.push(signed);
    }
    out.fields = counts
        .into_iter()
        .flatten()
        .filter(|&(_, n)| n > 0)
        .collect();
    for (q, block) in &mut ctx.code_blocks {
        block.question = Some(*q as u32 + 1);
    }
    out
}

/// The questions of a document's drafts, in order.
pub(crate) struct Finished {
    pub questions: Vec<Question>,
    /// The kind of item each question came from.
    pub kinds: Vec<ItemKind>,
    /// How many questions carry each field.
    pub fields: BTreeMap<Field, u32>,
    /// Each question's title signatures (`None` where the merge is to make them).
    pub signed: Vec<Option<Signed>>,
}

/// The question of the draft at `position`, and which of the fields it has.
fn finish_one(d: Draft, position: u32, ctx: &mut Ctx) -> (Question, [(Field, bool); 11]) {
    // Dunder repair needs the question's code as evidence; most questions have no bold
    // lowercase word at all, and then neither the evidence nor a copy is needed.
    let suspect = [
        Some(&d.original_title),
        d.title.as_ref(),
        Some(&d.answer),
        d.prompt.as_ref(),
    ]
    .into_iter()
    .flatten()
    .any(|t| repair::has_bold_word(t));
    let mut context = String::new();
    if suspect {
        for ex in &d.examples {
            context.push_str(&ex.code);
        }
        context.push_str(&d.answer);
    }
    // Borrowed when nothing was restored: most texts are only read on from here.
    fn restore<'t>(text: &'t str, evidence: Option<&str>, ctx: &mut Ctx) -> Cow<'t, str> {
        let Some(context) = evidence else {
            return Cow::Borrowed(text);
        };
        let restored = repair::restore_dunders(text, context);
        if matches!(restored, Cow::Owned(_)) {
            ctx.repairs.dunders_restored += 1;
        }
        restored
    }
    let evidence = suspect.then_some(context.as_str());
    let restore = |text, ctx: &mut Ctx| restore(text, evidence, ctx);
    let clean = |t: &str| {
        if d.markdown {
            clean_inline(t)
        } else {
            t.to_string()
        }
    };
    let original_title = clean(&restore(&d.original_title, ctx));
    let title = match &d.title {
        Some(t) => clean(&restore(t, ctx)),
        None => original_title.clone(),
    };
    let answer = if suspect {
        restore(&d.answer, ctx).into_owned()
    } else {
        String::new()
    };
    let prompt = match &d.prompt {
        Some(p) => restore(p, ctx).into_owned(),
        None => original_title.clone(),
    };
    let mut id = slugify(&title);
    if id.is_empty() {
        id = format!("question-{position}");
    }
    let normalized = d
        .difficulty_label
        .as_deref()
        .and_then(normalize::normalize_difficulty);
    if let (Some(label), None) = (&d.difficulty_label, &normalized) {
        ctx.warn(
            Some(d.line),
            format!("unknown difficulty {label:?}; using medium"),
        );
    }
    let (difficulty, difficulty_label) =
        normalized.unwrap_or((d.difficulty_hint.unwrap_or(Difficulty::Medium), None));
    let kind = infer_kind(&title);
    let fallback = (kind == Kind::Coding).then_some("coding-problems");
    let topics = normalize::topics_for(&d.tags, &title, fallback);
    let mut companies: Vec<String> = Vec::new();
    for raw in &d.companies {
        match normalize::normalize_company(raw) {
            Some(CompanyName::Company(c)) if !companies.contains(&c) => companies.push(c),
            Some(CompanyName::NotACompany(label)) => {
                *ctx.non_companies.entry(label).or_default() += 1;
            }
            Some(CompanyName::Company(_)) | None => {}
        }
    }
    let mut links: Vec<String> = Vec::new();
    for l in d.links {
        if !links.contains(&l) {
            links.push(l);
        }
    }
    let found = [
        (Field::Answer, !answer.is_empty()),
        (Field::Difficulty, d.difficulty_label.is_some()),
        (Field::Topics, !d.tags.is_empty()),
        (Field::Companies, !companies.is_empty()),
        (Field::Links, !links.is_empty()),
        (Field::KeyPoints, !d.key_points.is_empty()),
        (Field::LookFor, !d.look_for.is_empty()),
        (Field::StrongSignals, !d.strong_signals.is_empty()),
        (Field::RedFlags, !d.red_flags.is_empty()),
        (Field::FollowUps, !d.follow_ups.is_empty()),
        (Field::Examples, !d.examples.is_empty()),
    ];
    let question = Question {
        id,
        kind,
        title,
        difficulty,
        difficulty_label,
        topics,
        companies,
        key_points: d.key_points,
        look_for: d.look_for,
        strong_signals: d.strong_signals,
        red_flags: d.red_flags,
        links,
        follow_ups: d.follow_ups,
        sources: vec![Source {
            document: ctx.document.to_string(),
            position,
            title: original_title,
            line: d.line,
            answer: None,
        }],
        prompt,
        answer: if suspect { answer } else { d.answer },
        examples: d.examples,
    };
    (question, found)
}

/// A follow-up written as `"Question?" (short answer)` or plain text.
pub(crate) fn parse_follow_up(item: &str) -> FollowUp {
    let t = item.trim();
    let quoted = |open: char, close: char| -> Option<(String, String)> {
        let rest = t.strip_prefix(open)?;
        let end = rest.find(close)?;
        let question = rest[..end].trim().to_string();
        let after = rest[end + close.len_utf8()..].trim();
        let answer = after
            .strip_prefix('(')
            .and_then(|a| a.strip_suffix(')'))
            .unwrap_or(after)
            .trim()
            .to_string();
        Some((question, answer))
    };
    if let Some((question, answer)) = quoted('"', '"').or_else(|| quoted('“', '”')) {
        return FollowUp { question, answer };
    }
    // "Question? (answer)" without quotes.
    if let Some(q_end) = t.find("? (")
        && t.ends_with(')')
    {
        return FollowUp {
            question: t[..=q_end].to_string(),
            answer: t[q_end + 3..t.len() - 1].trim().to_string(),
        };
    }
    FollowUp {
        question: t.to_string(),
        answer: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_markup_but_keep_code() {
        assert_eq!(
            clean_inline("**What is `__init__`?** <span class=\"x\">Easy</span>"),
            "What is `__init__`? Easy"
        );
        assert_eq!(clean_inline("[How do you x?](#q1)"), "How do you x?");
        assert_eq!(clean_inline(r"Q\&A \< 5"), "Q&A < 5");
        assert_eq!(clean_inline("a < b"), "a < b");
        assert_eq!(
            clean_inline("What are *args and **kwargs?"),
            "What are *args and **kwargs?"
        );
        assert_eq!(clean_inline("a **b** c ** d"), "a b c ** d");
    }

    #[test]
    fn kinds_follow_the_wording() {
        assert_eq!(infer_kind("Write code to flatten a list"), Kind::Coding);
        assert_eq!(
            infer_kind("What is the output of this snippet?"),
            Kind::Output
        );
        assert_eq!(infer_kind("How do you implement a cache?"), Kind::Concept);
    }

    #[test]
    fn follow_ups_split_question_and_answer() {
        let f = parse_follow_up("\"Why is it slow?\" (It copies the list.)");
        assert_eq!(f.question, "Why is it slow?");
        assert_eq!(f.answer, "It copies the list.");
        let f = parse_follow_up("\"Can you nest them?\"");
        assert_eq!(
            (f.question.as_str(), f.answer.as_str()),
            ("Can you nest them?", "")
        );
        let f = parse_follow_up("What about PyPy? (It has a JIT)");
        assert_eq!(
            (f.question.as_str(), f.answer.as_str()),
            ("What about PyPy?", "It has a JIT")
        );
    }
}

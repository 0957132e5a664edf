//! What [`crate::parse`] returns: the questions of one document and an account of what was
//! read, repaired and skipped, plus a serialisable per-file summary for the CLI.

use std::collections::BTreeMap;
use std::fmt;

use pyprep_core::Question;
use serde::Serialize;

/// The layouts the importer recognises, detected from content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A README-style guide: table of contents, then `### Qn:` sections with difficulty,
    /// strategy and code.
    GithubGuide,
    /// An MDX page of `<Accordion title="N. ...">` blocks in numbered sections.
    MdxAccordion,
    /// An mkdocs-material page: `###` questions with `??? success` admonitions and
    /// interviewer insights, a quick-reference table and per-company lists.
    MkdocsMaterial,
    /// A numbered markdown list of bold questions with indented answers, under headings.
    NumberedList,
    /// Plain text scraped from a web page: question paragraphs followed by answers.
    PlainText,
    /// Any other markdown: questions as headings, numbered items, `<details>` or `Q:`/`A:`.
    GenericMarkdown,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::GithubGuide => "github-guide",
            Format::MdxAccordion => "mdx-accordion",
            Format::MkdocsMaterial => "mkdocs-material",
            Format::NumberedList => "numbered-list",
            Format::PlainText => "plain-text",
            Format::GenericMarkdown => "generic-markdown",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kinds of item a document holds; each becomes a question or enriches one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A question section with its own heading.
    QaSection,
    /// An `<Accordion>` block.
    Accordion,
    /// A row of a quick-reference table.
    TableRow,
    /// An item of a "questions asked at <company>" list.
    CompanyListItem,
    /// A standalone code example with a title.
    CodeExample,
    /// A numbered (or bulleted) list item holding a question.
    ListItem,
    /// A question paragraph followed by its answer paragraph.
    QaParagraph,
    /// A heading that asks a question, with the text under it as the answer.
    Heading,
    /// A `<details><summary>` block.
    Details,
    /// A `Q:` / `A:` pair.
    QaPair,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::QaSection => "qa_section",
            ItemKind::Accordion => "accordion",
            ItemKind::TableRow => "table_row",
            ItemKind::CompanyListItem => "company_list_item",
            ItemKind::CodeExample => "code_example",
            ItemKind::ListItem => "list_item",
            ItemKind::QaParagraph => "qa_paragraph",
            ItemKind::Heading => "heading",
            ItemKind::Details => "details",
            ItemKind::QaPair => "qa_pair",
        }
    }
}

/// Question fields a document supplied (counted per question that has them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Answer,
    Difficulty,
    Topics,
    Companies,
    Links,
    KeyPoints,
    LookFor,
    StrongSignals,
    RedFlags,
    FollowUps,
    Examples,
}

/// Something the importer skipped, guessed or repaired that a person may want to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// 1-based line in the document, when one line is concerned.
    pub line: Option<u32>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// One fenced block found in the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeBlock {
    /// 1-based line of the opening fence.
    pub line: u32,
    /// Position of the question it belongs to (see `Source::position`), if any.
    pub question: Option<u32>,
    /// The fence's own info string, empty when unlabelled.
    pub declared: String,
    /// Normalised or detected language.
    pub language: String,
    /// A drawing kept in the answer rather than a runnable example.
    pub diagram: bool,
    pub norun: bool,
    /// Why it cannot run on its own, when `norun`.
    pub norun_reason: Option<String>,
    pub requires: Vec<String>,
    pub nondeterministic: bool,
}

/// How much of each kind of repair the document needed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Repairs {
    /// Lines whose cp1252-garbled UTF-8 was restored.
    pub mojibake_lines: u32,
    /// Code blocks written on one line with escaped newlines, decoded.
    pub escaped_code_blocks: u32,
    /// Lines whose MDX escapes (`\<`, `\&`, ...) were undone.
    pub mdx_escapes: u32,
    /// Dunder names restored from markdown bold (`**slots**` to `__slots__`).
    pub dunders_restored: u32,
    /// Code blocks whose tab indentation was expanded.
    pub tab_indented_blocks: u32,
}

impl Repairs {
    pub fn is_empty(&self) -> bool {
        *self == Repairs::default()
    }

    /// Adds the counts of `other` (the repairs of another part of the same document).
    pub(crate) fn add(&mut self, other: &Repairs) {
        // Destructured so that a new kind of repair cannot be forgotten here.
        let Repairs {
            mojibake_lines,
            escaped_code_blocks,
            mdx_escapes,
            dunders_restored,
            tab_indented_blocks,
        } = other;
        self.mojibake_lines += mojibake_lines;
        self.escaped_code_blocks += escaped_code_blocks;
        self.mdx_escapes += mdx_escapes;
        self.dunders_restored += dunders_restored;
        self.tab_indented_blocks += tab_indented_blocks;
    }
}

/// Everything read from one document.
#[derive(Clone, PartialEq, Serialize)]
pub struct ParsedDocument {
    /// The name the caller gave (usually the file name); every `Source` carries it.
    pub document: String,
    pub format: Format,
    /// The questions, in document order, each with one `Source`.
    pub questions: Vec<Question>,
    /// The kind of item each question came from (parallel to `questions`).
    pub question_kinds: Vec<ItemKind>,
    /// Items read per kind. Items that enriched another question (a table row that repeats
    /// a section's question) are counted here but are not separate questions.
    pub items: BTreeMap<ItemKind, u32>,
    /// Every fenced block, diagrams included.
    pub code_blocks: Vec<CodeBlock>,
    /// How many questions carry each field.
    pub fields: BTreeMap<Field, u32>,
    /// Audience labels found where companies were expected ("Most Tech Companies"), with
    /// how often; they are never stored as companies.
    pub non_companies: BTreeMap<String, u32>,
    pub repairs: Repairs,
    pub warnings: Vec<Warning>,
    /// Each question's title signatures, made while reading (parallel to `questions`; `None`
    /// where the merge is to make them), for [`crate::merge_documents`]. Not part of what
    /// was read: neither shown nor serialised.
    #[serde(skip)]
    pub(crate) signed: Vec<Option<crate::merge::Signed>>,
}

// By hand, only to leave out `signed`.
impl fmt::Debug for ParsedDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ParsedDocument {
            document,
            format,
            questions,
            question_kinds,
            items,
            code_blocks,
            fields,
            non_companies,
            repairs,
            warnings,
            signed: _,
        } = self;
        f.debug_struct("ParsedDocument")
            .field("document", document)
            .field("format", format)
            .field("questions", questions)
            .field("question_kinds", question_kinds)
            .field("items", items)
            .field("code_blocks", code_blocks)
            .field("fields", fields)
            .field("non_companies", non_companies)
            .field("repairs", repairs)
            .field("warnings", warnings)
            .finish()
    }
}

impl ParsedDocument {
    /// The per-file summary the CLI prints (and serialises with `--json`).
    pub fn summary(&self) -> ImportSummary {
        let blocks = &self.code_blocks;
        ImportSummary {
            document: self.document.clone(),
            format: self.format,
            questions: self.questions.len(),
            items: self.items.clone(),
            code_blocks: CodeBlockCounts {
                total: blocks.len(),
                examples: blocks.iter().filter(|b| !b.diagram).count(),
                diagrams: blocks.iter().filter(|b| b.diagram).count(),
                norun: blocks.iter().filter(|b| b.norun).count(),
                requires_packages: blocks.iter().filter(|b| !b.requires.is_empty()).count(),
            },
            fields: self.fields.clone(),
            non_companies: self.non_companies.clone(),
            repairs: self.repairs.clone(),
            warnings: self.warnings.clone(),
        }
    }
}

/// Code block totals for a summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CodeBlockCounts {
    pub total: usize,
    /// Blocks kept as examples (everything but diagrams).
    pub examples: usize,
    pub diagrams: usize,
    pub norun: usize,
    pub requires_packages: usize,
}

/// A per-file account of an import, small enough to print and to emit as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub document: String,
    pub format: Format,
    pub questions: usize,
    pub items: BTreeMap<ItemKind, u32>,
    pub code_blocks: CodeBlockCounts,
    pub fields: BTreeMap<Field, u32>,
    pub non_companies: BTreeMap<String, u32>,
    pub repairs: Repairs,
    pub warnings: Vec<Warning>,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} question(s) ({})",
            self.document, self.questions, self.format
        )?;
        let items: Vec<String> = self
            .items
            .iter()
            .map(|(k, n)| format!("{n} {}", k.as_str()))
            .collect();
        if !items.is_empty() {
            writeln!(f, "  items: {}", items.join(", "))?;
        }
        let c = &self.code_blocks;
        if c.total > 0 {
            writeln!(
                f,
                "  code blocks: {} ({} examples, {} diagrams, {} norun, {} need packages)",
                c.total, c.examples, c.diagrams, c.norun, c.requires_packages
            )?;
        }
        if !self.non_companies.is_empty() {
            let labels: Vec<&str> = self.non_companies.keys().map(String::as_str).collect();
            writeln!(f, "  not companies: {}", labels.join(", "))?;
        }
        let r = &self.repairs;
        if !r.is_empty() {
            writeln!(
                f,
                "  repaired: {} mojibake lines, {} escaped code blocks, {} MDX escapes, {} dunder names, {} tab-indented blocks",
                r.mojibake_lines,
                r.escaped_code_blocks,
                r.mdx_escapes,
                r.dunders_restored,
                r.tab_indented_blocks
            )?;
        }
        for w in &self.warnings {
            writeln!(f, "  warning: {w}")?;
        }
        Ok(())
    }
}

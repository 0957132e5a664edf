//! What templates show: the page chrome every page shares, and questions turned into
//! ready-to-insert HTML fragments (rendered once, then cached by the state).

use askama::Template;
use axum::http::StatusCode;
use pyprep_core::check::current_checks;
use pyprep_core::{CheckStatus, ExampleCheck, Question};

use crate::assets;
use crate::markdown;

/// The parts of the page around the content: `<title>`, navigation and the CSRF token.
pub struct Layout {
    /// Plain text for `<title>`.
    pub title: String,
    pub csrf: String,
    /// Which navigation entry is the current page (`home`, `browse`, ...).
    pub nav: &'static str,
    pub css: &'static str,
    pub js: &'static str,
}

impl Layout {
    pub fn new(title: impl Into<String>, nav: &'static str, csrf: &str) -> Self {
        Layout {
            title: title.into(),
            csrf: csrf.to_string(),
            nav,
            css: assets::css_url(),
            js: assets::js_url(),
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    layout: Layout,
    status: u16,
    reason: &'a str,
    message: &'a str,
}

pub fn render_error_page(status: StatusCode, message: &str) -> askama::Result<String> {
    let reason = status.canonical_reason().unwrap_or("Error");
    ErrorPage {
        layout: Layout::new(format!("{reason} · pyprep"), "", ""),
        status: status.as_u16(),
        reason,
        message,
    }
    .render()
}

/// A topic's name for people: `iterators-generators` becomes "Iterators & generators".
pub fn topic_label(topic: &str) -> String {
    let special = match topic {
        "oop" => Some("OOP"),
        "file-io" => Some("File I/O"),
        "memory-gc" => Some("Memory & GC"),
        "stdlib" => Some("Standard library"),
        "iterators-generators" => Some("Iterators & generators"),
        "asyncio" => Some("asyncio"),
        _ => None,
    };
    if let Some(label) = special {
        return label.to_string();
    }
    let spaced = topic.replace('-', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A name and its label, for links and options.
pub struct Named {
    pub name: String,
    pub label: String,
}

impl Named {
    pub fn topic(name: &str) -> Self {
        Named {
            name: name.to_string(),
            label: topic_label(name),
        }
    }
}

/// A question rendered for its page.
pub struct QuestionView {
    pub id: String,
    pub title_html: String,
    pub title_plain: String,
    pub difficulty: &'static str,
    pub difficulty_label: Option<String>,
    pub kind: &'static str,
    pub topics: Vec<Named>,
    pub companies: Vec<String>,
    pub prompt_html: String,
    pub answer_html: String,
    pub key_points: Vec<String>,
    pub look_for: Vec<String>,
    pub strong_signals: Vec<String>,
    pub red_flags: Vec<String>,
    pub follow_ups: Vec<FollowUpView>,
    pub examples: Vec<ExampleView>,
    pub links: Vec<LinkView>,
    pub sources: Vec<SourceView>,
    pub verified: usize,
    pub failing: usize,
}

impl QuestionView {
    pub fn has_rubric(&self) -> bool {
        !(self.look_for.is_empty() && self.strong_signals.is_empty() && self.red_flags.is_empty())
    }
}

pub struct FollowUpView {
    pub question_html: String,
    pub answer_html: String,
}

pub struct LinkView {
    /// Present only for http(s) URLs; anything else is shown as text, never as a link.
    pub href: Option<String>,
    pub text: String,
}

pub struct SourceView {
    pub document: String,
    pub position: u32,
    pub line: u32,
    pub title_html: String,
    pub answer_html: Option<String>,
}

pub struct ExampleView {
    pub number: usize,
    pub caption_html: String,
    pub description_html: String,
    pub language: String,
    pub code_html: String,
    pub expected_output: Option<String>,
    pub requires: Vec<String>,
    pub check: Option<CheckView>,
}

/// What running an example found, for the badge next to it.
pub struct CheckView {
    /// `ok`, `fail` or `note`: the badge's colour.
    pub tone: &'static str,
    pub summary: String,
    /// The traceback's last line, the diff or the reason, when there is one to show.
    pub detail: Option<String>,
    /// What the example really printed, shown when it differs from what the page claims.
    pub output: Option<String>,
}

impl CheckView {
    fn from_check(check: &ExampleCheck) -> Self {
        let first_line = check.detail.lines().next().unwrap_or("").to_string();
        let tone = if check.status.is_failure() {
            "fail"
        } else if check.status == CheckStatus::Passed {
            "ok"
        } else {
            "note"
        };
        let summary = sentence_case(&check.status.summary(&check.python_version));
        let detail = match check.status {
            CheckStatus::Passed => None,
            CheckStatus::Mismatch | CheckStatus::Error => {
                Some(check.detail.trim_end().to_string()).filter(|d| !d.is_empty())
            }
            _ => Some(first_line).filter(|d| !d.is_empty()),
        };
        let output =
            (check.status.is_failure() && !check.output.is_empty()).then(|| check.output.clone());
        CheckView {
            tone,
            summary,
            detail,
            output,
        }
    }
}

/// "fails on …" as the start of a sentence: "Fails on …".
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn inline_all(items: &[String]) -> Vec<String> {
    items.iter().map(|i| markdown::inline(i)).collect()
}

fn link(url: &str) -> LinkView {
    let url = url.trim();
    let is_web = url.starts_with("https://") || url.starts_with("http://");
    let text = url
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    LinkView {
        href: is_web.then(|| url.to_string()),
        text,
    }
}

impl QuestionView {
    pub fn new(q: &Question, stored_checks: &[ExampleCheck]) -> Self {
        let checks = current_checks(q, stored_checks);
        let examples: Vec<ExampleView> = q
            .examples
            .iter()
            .zip(&checks)
            .enumerate()
            .map(|(i, (example, check))| {
                let check = match check {
                    Some(check) => Some(CheckView::from_check(check)),
                    None if example.is_runnable_python() => Some(CheckView {
                        tone: "note",
                        summary: "Not run yet".to_string(),
                        detail: Some(format!("`pyprep verify {}` runs it", q.id)),
                        output: None,
                    }),
                    None => None,
                };
                ExampleView {
                    number: i + 1,
                    caption_html: markdown::inline(&example.caption),
                    description_html: markdown::block(&example.description),
                    language: example.language.clone(),
                    code_html: markdown::code_block(&example.code, &example.language),
                    expected_output: example.expected_output.clone(),
                    requires: example.requires.clone(),
                    check,
                }
            })
            .collect();
        let verified = checks
            .iter()
            .flatten()
            .filter(|c| c.status == CheckStatus::Passed)
            .count();
        let failing = checks
            .iter()
            .flatten()
            .filter(|c| c.status.is_failure())
            .count();
        QuestionView {
            id: q.id.clone(),
            title_html: markdown::inline(&q.title),
            title_plain: markdown::plain(&q.title),
            difficulty: q.difficulty.as_str(),
            difficulty_label: q.difficulty_label.clone(),
            kind: q.kind.as_str(),
            topics: q.topics.iter().map(|t| Named::topic(t)).collect(),
            companies: q.companies.clone(),
            prompt_html: markdown::block(&q.prompt),
            answer_html: markdown::block(&q.answer),
            key_points: inline_all(&q.key_points),
            look_for: inline_all(&q.look_for),
            strong_signals: inline_all(&q.strong_signals),
            red_flags: inline_all(&q.red_flags),
            follow_ups: q
                .follow_ups
                .iter()
                .map(|f| FollowUpView {
                    question_html: markdown::inline(&f.question),
                    answer_html: markdown::block(&f.answer),
                })
                .collect(),
            examples,
            links: q.links.iter().map(|l| link(l)).collect(),
            sources: q
                .sources
                .iter()
                .map(|s| SourceView {
                    document: s.document.clone(),
                    position: s.position,
                    line: s.line,
                    title_html: markdown::inline(&s.title),
                    answer_html: s.answer.as_deref().map(markdown::block),
                })
                .collect(),
            verified,
            failing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_labels_read_well() {
        assert_eq!(
            topic_label("iterators-generators"),
            "Iterators & generators"
        );
        assert_eq!(topic_label("data-structures"), "Data structures");
        assert_eq!(topic_label("oop"), "OOP");
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            link("https://docs.python.org/3/").href.as_deref(),
            Some("https://docs.python.org/3/")
        );
        let bad = link("javascript:alert(1)");
        assert!(bad.href.is_none());
        assert_eq!(bad.text, "javascript:alert(1)");
    }
}

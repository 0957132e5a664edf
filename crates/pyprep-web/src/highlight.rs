//! Syntax highlighting on the server: code becomes `<span class="hl-...">` runs whose colours
//! live in our CSS (one palette per colour scheme), so pages need no script and no inline
//! style to show coloured code.

use std::sync::LazyLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Every class this module emits starts with this, which is how the sanitiser knows them.
pub const CLASS_PREFIX: &str = "hl-";
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Loads the grammars now rather than on the first request that shows code.
pub fn warm_up() {
    LazyLock::force(&SYNTAXES);
}

fn syntax_for(language: &str) -> Option<&'static SyntaxReference> {
    let token = match language.trim().to_ascii_lowercase().as_str() {
        "" | "text" | "plain" | "output" | "console" => return None,
        "py" | "python3" | "pycon" => "python".to_string(),
        "sh" | "shell" | "zsh" => "bash".to_string(),
        other => other.to_string(),
    };
    SYNTAXES.find_syntax_by_token(&token)
}

/// `code` as HTML-escaped text with highlight spans, for the inside of `<pre><code>`.
pub fn highlight(code: &str, language: &str) -> String {
    let lang = language.trim().to_ascii_lowercase();
    if lang == "pycon" || (lang == "python" && code.trim_start().starts_with(">>>")) {
        return highlight_session(code);
    }
    match syntax_for(&lang) {
        Some(syntax) => highlight_with(code, syntax).unwrap_or_else(|| escape(code)),
        None => escape(code),
    }
}

fn highlight_with(code: &str, syntax: &SyntaxReference) -> Option<String> {
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, STYLE);
    for line in LinesWithEndings::from(code) {
        // A grammar that fails on odd input leaves the code readable, just uncoloured.
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

/// An interactive session: the code after `>>>` and `...` prompts is Python, the rest is
/// what the interpreter printed.
fn highlight_session(code: &str) -> String {
    let Some(python) = SYNTAXES.find_syntax_by_token("python") else {
        return escape(code);
    };
    let mut out = String::with_capacity(code.len() * 2);
    for line in LinesWithEndings::from(code) {
        let prompt = [">>> ", "... ", ">>>", "..."]
            .into_iter()
            .find(|p| line.starts_with(p));
        match prompt {
            Some(prompt) => {
                out.push_str("<span class=\"hl-prompt\">");
                out.push_str(&escape(prompt));
                out.push_str("</span>");
                let rest = &line[prompt.len()..];
                out.push_str(&highlight_with(rest, python).unwrap_or_else(|| escape(rest)));
            }
            None => {
                out.push_str("<span class=\"hl-output\">");
                out.push_str(&escape(line));
                out.push_str("</span>");
            }
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_gets_classes_and_stays_escaped() {
        let html = highlight("if a < b:\n    print('<b>')  # hi\n", "python");
        assert!(html.contains("hl-keyword"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_languages_are_plain_escaped_text() {
        assert_eq!(highlight("<x>", "no-such-lang"), "&lt;x&gt;");
        assert_eq!(highlight("a & b", "output"), "a &amp; b");
    }

    #[test]
    fn sessions_separate_prompts_from_output() {
        let html = highlight(">>> 1 + 1\n2\n", "pycon");
        assert!(
            html.contains("<span class=\"hl-prompt\">&gt;&gt;&gt; </span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-output\">2\n</span>"),
            "{html}"
        );
    }
}

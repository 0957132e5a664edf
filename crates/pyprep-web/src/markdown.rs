//! Markdown to safe HTML. Bank text is ours but imported text is not, so every block of
//! markdown goes through ammonia after rendering; code blocks are highlighted on the way.
//! Short inline texts (titles, key points) use a renderer that only ever emits escaped text
//! and a few inline tags, which is safe by construction and much cheaper.

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::highlight::{self, CLASS_PREFIX, escape};

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        // Remote images would make the page fetch from the network.
        .rm_tags(["img"])
        .add_tag_attributes("span", ["class"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("pre", ["class"])
        .attribute_filter(|_element, attribute, value| {
            if attribute != "class" {
                return Some(Cow::Borrowed(value));
            }
            let kept: Vec<&str> = value
                .split_ascii_whitespace()
                .filter(|class| class.starts_with(CLASS_PREFIX) || *class == "code")
                .collect();
            (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
        });
    builder
});

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders block markdown (a prompt, an answer) to sanitised HTML.
pub fn block(markdown: &str) -> String {
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, options()) {
        match (&mut code, event) {
            (None, Event::Start(Tag::CodeBlock(kind))) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            (Some((_, text)), Event::Text(t)) => text.push_str(&t),
            (Some(_), Event::End(TagEnd::CodeBlock)) => {
                let (language, text) = code.take().unwrap_or_default();
                events.push(Event::Html(code_block(&text, &language).into()));
            }
            (Some(_), _) => {}
            (None, event) => events.push(event),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    SANITIZER.clean(&html).to_string()
}

/// A highlighted `<pre>` for `code` in `language`.
pub fn code_block(code: &str, language: &str) -> String {
    format!(
        "<pre class=\"code\"><code>{}</code></pre>",
        highlight::highlight(code, language)
    )
}

/// Renders one line of inline markdown: emphasis, strong, code and links' text. Anything else
/// (HTML, images, blocks) comes out as the escaped text it was written as.
pub fn inline(markdown: &str) -> String {
    let mut html = String::with_capacity(markdown.len() + 16);
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(text) => html.push_str(&escape(&text)),
            Event::Code(code) => {
                html.push_str("<code>");
                html.push_str(&escape(&code));
                html.push_str("</code>");
            }
            Event::Start(Tag::Emphasis) => html.push_str("<em>"),
            Event::End(TagEnd::Emphasis) => html.push_str("</em>"),
            Event::Start(Tag::Strong) => html.push_str("<strong>"),
            Event::End(TagEnd::Strong) => html.push_str("</strong>"),
            Event::Start(Tag::Strikethrough) => html.push_str("<del>"),
            Event::End(TagEnd::Strikethrough) => html.push_str("</del>"),
            Event::Html(raw) | Event::InlineHtml(raw) => html.push_str(&escape(&raw)),
            Event::SoftBreak | Event::HardBreak => html.push(' '),
            Event::Start(Tag::Item) if !html.is_empty() => html.push(' '),
            _ => {}
        }
    }
    html.trim().to_string()
}

/// The text of inline markdown without any markup, for `<title>` and attributes.
pub fn plain(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_remote_images_are_removed() {
        let html = block(
            "Hi <script>alert(1)</script> <a href=\"javascript:alert(1)\" onclick=\"x()\">x</a>\n\n\
             <img src=\"https://example.com/t.png\"> <span class=\"evil hl-ok\" style=\"color:red\">s</span>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("<span class=\"hl-ok\">s</span>"), "{html}");
    }

    #[test]
    fn fenced_python_is_highlighted() {
        let html = block("Look:\n\n```python\nx = [1, 2]  # list\n```\n");
        assert!(html.contains("<pre class=\"code\"><code>"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
    }

    #[test]
    fn inline_keeps_code_and_escapes_html() {
        assert_eq!(
            inline("Identity (`is`) vs <b>equality</b> **now**"),
            "Identity (<code>is</code>) vs &lt;b&gt;equality&lt;/b&gt; <strong>now</strong>"
        );
        assert_eq!(plain("The `__slots__` *trick*"), "The __slots__ trick");
    }
}

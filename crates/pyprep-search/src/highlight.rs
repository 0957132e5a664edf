//! HTML-safe fragments with the matched words in `<mark>`.
//!
//! Matches are found by running the same analyzer as the index over the stored text, so a
//! word matched through a typo, a stem, a prefix or an identifier part is marked exactly where
//! it stands. Everything else is escaped; the only markup in the output is `<mark>`.
//!
//! Analyzing whole answers for every hit would cost more than the search itself, so a
//! multi-pattern scan first finds the stretches of text that contain a query term at all, and
//! only those are analyzed.

use std::collections::HashSet;
use std::ops::Range;

use aho_corasick::AhoCorasick;

use crate::analyze;

/// Longest stretch analyzed around a candidate match (a term never spans whitespace, but a
/// minified line or a URL can be long).
const MAX_CHUNK: usize = 256;

/// Marks one search's terms in the texts of its hits.
pub(crate) struct Highlighter {
    terms: HashSet<String>,
    /// Finds the terms case-insensitively in ASCII text; `None` when there is nothing to find.
    finder: Option<AhoCorasick>,
}

impl Highlighter {
    pub fn new(terms: HashSet<String>) -> Highlighter {
        // A stem is not always in its word ("writing" stems to "write"), but the English
        // stemmer rewrites at most a word's last letter, so the stem minus its last letter is
        // (bar a few irregular words such as "dying" -> "die", which then go unmarked).
        let patterns: HashSet<&str> = terms
            .iter()
            .map(|term| match term.char_indices().last() {
                Some((last, _)) if term.len() >= 3 && term.chars().all(char::is_alphabetic) => {
                    &term[..last]
                }
                _ => term.as_str(),
            })
            .collect();
        let finder = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns)
            .ok()
            .filter(|_| !terms.is_empty());
        Highlighter { terms, finder }
    }

    /// Byte ranges of `text` whose terms are being highlighted, merged where they overlap.
    fn matches(&self, text: &str) -> Vec<Range<usize>> {
        let Some(finder) = &self.finder else {
            return Vec::new();
        };
        let mut ranges = Vec::new();
        if !text.is_ascii() {
            // Lowercasing can change byte lengths outside ASCII: analyze it all.
            self.collect(text, 0, &mut ranges);
        } else {
            let bytes = text.as_bytes();
            let mut done = 0;
            for found in finder.find_iter(text) {
                if found.start() < done {
                    continue;
                }
                let mut start = found.start();
                while start > 0
                    && !bytes[start - 1].is_ascii_whitespace()
                    && found.start() - start < MAX_CHUNK
                {
                    start -= 1;
                }
                let mut end = found.end();
                while end < bytes.len()
                    && !bytes[end].is_ascii_whitespace()
                    && end - found.end() < MAX_CHUNK
                {
                    end += 1;
                }
                self.collect(&text[start..end], start, &mut ranges);
                done = end;
            }
        }
        merge(ranges)
    }

    fn collect(&self, text: &str, offset: usize, out: &mut Vec<Range<usize>>) {
        out.extend(
            analyze::tokens(text)
                .into_iter()
                .filter(|t| self.terms.contains(&t.text))
                .map(|t| offset + t.offset_from..offset + t.offset_to),
        );
    }

    /// The whole of `text` with every match marked (for titles).
    pub fn mark_all(&self, text: &str) -> String {
        render(text, 0..text.len(), &self.matches(text), false)
    }

    /// The window of about `max` bytes of `text` that marks the most different words, or
    /// `None` when nothing in `text` matches.
    pub fn snippet(&self, text: &str, max: usize) -> Option<Fragment> {
        let ranges = self.matches(text);
        if ranges.is_empty() {
            return None;
        }
        let lead = (max / 4).min(40);
        let mut best: Option<(usize, usize, Range<usize>)> = None;
        // Matches past the first few hundred do not change which passage is best in practice.
        for (i, first) in ranges.iter().enumerate().take(200) {
            let start = first.start.saturating_sub(lead);
            let end = (start + max).min(text.len());
            let inside = ranges[i..].iter().take_while(|r| r.end <= end);
            let words: HashSet<String> = inside
                .clone()
                .map(|r| text[r.clone()].to_lowercase())
                .collect();
            let score = (words.len(), inside.count());
            if best.as_ref().is_none_or(|(d, n, _)| score > (*d, *n)) {
                best = Some((score.0, score.1, start..end));
            }
        }
        let (distinct, _, window) = best?;
        Some(Fragment {
            html: excerpt(text, window, &ranges),
            distinct,
        })
    }
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

fn escape_into(out: &mut String, text: &str, collapse: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if collapse && c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
}

/// Renders `text[window]` escaped, with `ranges` (clipped to the window) marked.
fn render(text: &str, window: Range<usize>, ranges: &[Range<usize>], collapse: bool) -> String {
    let mut out = String::new();
    let mut at = window.start;
    for range in ranges {
        let start = range.start.max(window.start);
        let end = range.end.min(window.end);
        if start >= end {
            continue;
        }
        escape_into(&mut out, &text[at..start], collapse);
        out.push_str("<mark>");
        escape_into(&mut out, &text[start..end], collapse);
        out.push_str("</mark>");
        at = end;
    }
    escape_into(&mut out, &text[at..window.end], collapse);
    if collapse {
        out.truncate(out.trim_end().len());
    }
    out
}

/// A passage of `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fragment {
    pub html: String,
    /// How many different words it marks; picks the best passage among fields.
    pub distinct: usize,
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The start of `text`, unmarked, when no passage matches.
pub(crate) fn opening(text: &str, max: usize) -> String {
    excerpt(text, 0..max.min(text.len()), &[])
}

/// Renders `window` snapped to word boundaries, with ellipses where text was cut.
fn excerpt(text: &str, window: Range<usize>, ranges: &[Range<usize>]) -> String {
    let mut start = floor_char(text, window.start);
    let mut end = floor_char(text, window.end);
    if start > 0 {
        // Start after a space rather than in the middle of a word, unless a match is there.
        let first_match = ranges
            .iter()
            .find(|r| r.end > start)
            .map_or(end, |r| r.start);
        if let Some(space) = text[start..first_match.max(start)].find(char::is_whitespace) {
            start += space;
        }
    }
    if end < text.len() {
        let last_match = ranges
            .iter()
            .filter(|r| r.start < end)
            .map(|r| r.end)
            .max()
            .unwrap_or(start);
        if let Some(space) = text[last_match.min(end)..end].rfind(char::is_whitespace) {
            end = last_match.min(end) + space;
        }
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let body = render(text, start..end, ranges, true);
    out.push_str(body.trim_start());
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> Highlighter {
        Highlighter::new(words.iter().map(|w| w.to_string()).collect())
    }

    fn mark_all(text: &str, highlighter: &Highlighter) -> String {
        highlighter.mark_all(text)
    }

    fn snippet(text: &str, highlighter: &Highlighter, max: usize) -> Option<Fragment> {
        highlighter.snippet(text, max)
    }

    #[test]
    fn marks_words_and_escapes_everything_else() {
        assert_eq!(
            mark_all("Use <b>__slots__</b> & \"save\"", &terms(&["__slots__"])),
            "Use &lt;b&gt;<mark>__slots__</mark>&lt;/b&gt; &amp; &quot;save&quot;"
        );
        // A part match inside an identifier marks only the part; the whole identifier when
        // it matched whole.
        assert_eq!(
            mark_all("functools.lru_cache", &terms(&["cache"])),
            "functools.lru_<mark>cache</mark>"
        );
        assert_eq!(
            mark_all("functools.lru_cache", &terms(&["lru_cache", "cache"])),
            "functools.<mark>lru_cache</mark>"
        );
        // Stems mark the word they came from.
        assert_eq!(
            mark_all("Decorators", &terms(&["decor"])),
            "<mark>Decorators</mark>"
        );
    }

    #[test]
    fn snippet_picks_the_passage_with_most_words() {
        let filler = "word ".repeat(60);
        let text = format!("alpha {filler} beta gamma together {filler} end");
        let fragment = snippet(&text, &terms(&["beta", "gamma"]), 80).unwrap();
        assert_eq!(fragment.distinct, 2);
        assert!(fragment.html.starts_with('…') && fragment.html.ends_with('…'));
        assert!(
            fragment
                .html
                .contains("<mark>beta</mark> <mark>gamma</mark> together")
        );
        assert!(!fragment.html.contains("alpha"));
        assert!(snippet(&text, &terms(&["missing"]), 80).is_none());
    }

    #[test]
    fn the_fast_scan_finds_exactly_what_full_analysis_finds() {
        // Guards the chunked scan against missing or inventing matches.
        for question in pyprep_bank::questions().unwrap() {
            // Words, stems, identifiers and operators of the question itself, and a few more.
            let mut words: Vec<String> = analyze::tokens(&question.title)
                .into_iter()
                .chain(analyze::tokens(&question.answer).into_iter().step_by(7))
                .map(|t| t.text)
                .collect();
            words.extend(
                [
                    "decor",
                    "__init__",
                    "lru_cache",
                    "cache",
                    "self",
                    "==",
                    "*args",
                    "def",
                ]
                .map(String::from),
            );
            let highlighter = Highlighter::new(words.iter().cloned().collect());
            for text in [&question.prompt, &question.answer] {
                let mut full = Vec::new();
                highlighter.collect(text, 0, &mut full);
                assert_eq!(highlighter.matches(text), merge(full), "{}", question.id);
            }
        }
    }

    #[test]
    fn snippets_collapse_whitespace_and_respect_char_boundaries() {
        let text = "ééé\n\n   naïve   café\tlatte ".repeat(20);
        let fragment = snippet(&text, &terms(&["café"]), 33).unwrap();
        assert!(!fragment.html.contains('\n') && !fragment.html.contains("  "));
        assert!(fragment.html.contains("<mark>café</mark>"));
        assert_eq!(opening("a\n\nb", 100), "a b");
    }
}

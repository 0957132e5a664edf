//! How text becomes search terms, shared by indexing, query parsing and highlighting so the
//! three always agree.
//!
//! Prose splits into lowercase words as usual. Python identifiers are kept whole as well:
//! `functools.lru_cache` yields `functools.lru_cache`, `lru_cache`, `functools`, `lru` and
//! `cache`; `*args` yields `*args` and `args`; `__slots__` yields `__slots__` and `slots`. Only
//! the finest parts ("atoms") take positions, so phrases match prose and code alike, while the
//! whole identifiers sit on the position of their first atom and let `__slots__` be searched
//! as written. Alphabetic atoms also get their English stem at the same position, so
//! "decorators" finds "decorator" without losing the exact form for prefix search.

use std::ops::Range;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Longer terms (hashes, base64, minified code) only bloat the dictionary.
const MAX_TERM_BYTES: usize = 60;
/// Short words stem badly ("uses" -> "use" is fine, "is" -> "i" is not).
const MIN_STEM_CHARS: usize = 4;

/// One identifier or word as written, with its structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    /// Lowercased text, stars and dots included.
    pub text: String,
    pub range: Range<usize>,
    /// Dotted parts (`functools`, `lru_cache`); a run without dots has one.
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub text: String,
    pub range: Range<usize>,
    /// The words between underscores; never empty.
    pub atoms: Vec<Atom>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Atom {
    pub text: String,
    pub range: Range<usize>,
}

impl Run {
    /// A plain word: the run is its only atom.
    pub fn is_simple(&self) -> bool {
        self.parts.len() == 1
            && self.parts[0].atoms.len() == 1
            && self.parts[0].atoms[0].text == self.text
    }

    pub fn atoms(&self) -> impl Iterator<Item = &Atom> {
        self.parts.iter().flat_map(|p| p.atoms.iter())
    }

    /// The next finer level of a compound: dotted parts if there are several, else atoms.
    pub fn sub_terms(&self) -> Vec<&str> {
        if self.parts.len() > 1 {
            self.parts.iter().map(|p| p.text.as_str()).collect()
        } else {
            self.atoms().map(|a| a.text.as_str()).collect()
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Characters Python operators are made of.
const OPERATOR_CHARS: &str = "=!<>:+-*/%&|^~@";
/// Operators worth searching for ("`is` versus `==`", "the walrus operator `:=`"); single
/// characters are too common in prose and markdown to mean anything.
const OPERATORS: &[&str] = &[
    "==", "!=", "<=", ">=", ":=", "->", "**", "//", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=",
    "|=", "^=", "@=", "//=", "**=", "<<=", ">>=",
];

fn operator_run(text: &str, range: Range<usize>) -> Run {
    let op = text[range.clone()].to_string();
    Run {
        text: op.clone(),
        range: range.clone(),
        parts: vec![Part {
            text: op.clone(),
            range: range.clone(),
            atoms: vec![Atom { text: op, range }],
        }],
    }
}

/// Splits `text` into runs: words, dotted and underscored identifiers, `*args`/`**kwargs`.
pub(crate) fn runs(text: &str) -> Vec<Run> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let start = i;
        if c == '*' {
            // `*args` / `**kwargs`: stars that start a name, not multiplication (`2*x`).
            let stars = chars[i..].iter().take_while(|&&(_, c)| c == '*').count();
            let after = chars.get(i + stars).map(|&(_, c)| c);
            let before = i.checked_sub(1).map(|j| chars[j].1);
            let starts_name = stars <= 2
                && after.is_some_and(|c| c.is_alphabetic() || c == '_')
                && !before.is_some_and(|c| is_word_char(c) || c == ')' || c == ']' || c == '*');
            if starts_name {
                i += stars;
            }
        }
        if i == start && OPERATOR_CHARS.contains(c) {
            let len = chars[i..]
                .iter()
                .take_while(|&&(_, c)| OPERATOR_CHARS.contains(c))
                .count();
            i += len;
            let range = byte_at(start)..byte_at(i);
            if OPERATORS.contains(&&text[range.clone()]) {
                runs.push(operator_run(text, range));
            }
            continue;
        } else if i == start && !is_word_char(c) {
            i += 1;
            continue;
        }
        let core_start = i;
        while i < chars.len() {
            let c = chars[i].1;
            // A dot continues the name only between word characters (`os.path`, not `end.`).
            let inner_dot = c == '.'
                && i > core_start
                && is_word_char(chars[i - 1].1)
                && chars.get(i + 1).is_some_and(|&(_, c)| is_word_char(c));
            if !is_word_char(c) && !inner_dot {
                break;
            }
            i += 1;
        }
        let range = byte_at(start)..byte_at(i);
        runs.push(structure(text, range, byte_at(core_start)));
    }
    runs
}

/// Builds the parts and atoms of the run at `range` whose name (after any stars) starts at
/// `core_start`.
fn structure(text: &str, range: Range<usize>, core_start: usize) -> Run {
    let mut parts = Vec::new();
    let mut part_start = core_start;
    for piece in text[core_start..range.end].split('.') {
        let part_range = part_start..part_start + piece.len();
        part_start = part_range.end + 1;
        let mut atoms = Vec::new();
        let mut atom_start = part_range.start;
        for word in piece.split('_') {
            let atom_range = atom_start..atom_start + word.len();
            atom_start = atom_range.end + 1;
            if !word.is_empty() {
                atoms.push(Atom {
                    text: word.to_lowercase(),
                    range: atom_range,
                });
            }
        }
        if atoms.is_empty() {
            // A name made of underscores only (`_`): it is its own atom.
            atoms.push(Atom {
                text: piece.to_string(),
                range: part_range.clone(),
            });
        }
        parts.push(Part {
            text: piece.to_lowercase(),
            range: part_range,
            atoms,
        });
    }
    Run {
        text: text[range.clone()].to_lowercase(),
        range,
        parts,
    }
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The English stem of an alphabetic word, when it differs from the word.
pub(crate) fn stem(word: &str) -> Option<String> {
    if word.chars().count() < MIN_STEM_CHARS || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let stem = stemmer().stem(word);
    (stem != word).then(|| stem.into_owned())
}

/// Every term `text` indexes as, in position order, with byte offsets into `text`.
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut position = 0;
    for run in runs(text) {
        let simple = run.is_simple();
        let multi_part = run.parts.len() > 1;
        for (p, part) in run.parts.iter().enumerate() {
            for (a, atom) in part.atoms.iter().enumerate() {
                if p == 0 && a == 0 && !simple {
                    push(&mut out, &run.text, run.range.clone(), position);
                }
                if a == 0 && multi_part && part.text != atom.text {
                    push(&mut out, &part.text, part.range.clone(), position);
                }
                push(&mut out, &atom.text, atom.range.clone(), position);
                if let Some(stem) = stem(&atom.text) {
                    push(&mut out, &stem, atom.range.clone(), position);
                }
                position += 1;
            }
        }
    }
    out
}

fn push(out: &mut Vec<Token>, text: &str, range: Range<usize>, position: usize) {
    if text.len() > MAX_TERM_BYTES {
        return;
    }
    out.push(Token {
        offset_from: range.start,
        offset_to: range.end,
        position,
        text: text.to_string(),
        position_length: 1,
    });
}

/// Every pair of neighbouring words ("import name"), which lets a phrase find its few
/// candidate documents at once when its words are each in most documents. Only words take
/// part (not whole identifiers or stems), in the order phrase positions use.
pub(crate) fn pairs(text: &str) -> Vec<Token> {
    let atoms: Vec<Atom> = runs(text)
        .into_iter()
        .flat_map(|run| run.parts.into_iter().flat_map(|part| part.atoms))
        .collect();
    atoms
        .windows(2)
        .enumerate()
        .filter_map(|(position, pair)| {
            let text = pair_term(&pair[0].text, &pair[1].text);
            (text.len() <= MAX_TERM_BYTES).then(|| Token {
                offset_from: pair[0].range.start,
                offset_to: pair[1].range.end,
                position,
                text,
                position_length: 1,
            })
        })
        .collect()
}

/// The term [`pairs`] indexes for two neighbouring words.
pub(crate) fn pair_term(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

/// The tantivy face of [`pairs`].
#[derive(Debug, Clone, Default)]
pub(crate) struct PairTokenizer;

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: pairs(text),
            next: 0,
        }
    }
}

/// The tantivy face of [`tokens`].
#[derive(Debug, Clone, Default)]
pub(crate) struct PyTokenizer;

pub(crate) struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for PyTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: tokens(text),
            next: 0,
        }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(usize, String)> {
        tokens(text)
            .into_iter()
            .map(|t| (t.position, t.text))
            .collect()
    }

    fn owned(items: &[(usize, &str)]) -> Vec<(usize, String)> {
        items.iter().map(|&(p, t)| (p, t.to_string())).collect()
    }

    #[test]
    fn identifiers_are_kept_whole_and_split() {
        assert_eq!(
            texts("use functools.lru_cache now"),
            owned(&[
                (0, "use"),
                (1, "functools.lru_cache"),
                (1, "functools"),
                (1, "functool"),
                (2, "lru_cache"),
                (2, "lru"),
                (3, "cache"),
                (3, "cach"),
                (4, "now"),
            ])
        );
        assert_eq!(
            texts("def f(*args, **kwargs):"),
            owned(&[
                (0, "def"),
                (1, "f"),
                (2, "*args"),
                (2, "args"),
                (2, "arg"),
                (3, "**kwargs"),
                (3, "kwargs"),
                (3, "kwarg"),
            ])
        );
        assert_eq!(
            texts("`__slots__` and __get__."),
            owned(&[
                (0, "__slots__"),
                (0, "slots"),
                (0, "slot"),
                (1, "and"),
                (2, "__get__"),
                (2, "get"),
            ])
        );
    }

    #[test]
    fn stems_share_the_position_of_their_word() {
        assert_eq!(
            texts("Decorators wrap"),
            owned(&[(0, "decorators"), (0, "decor"), (1, "wrap")])
        );
    }

    #[test]
    fn multiplication_and_sentence_ends_are_not_identifiers() {
        assert_eq!(
            texts("2*x. Next"),
            owned(&[(0, "2"), (1, "x"), (2, "next")])
        );
        assert_eq!(texts("a * b"), owned(&[(0, "a"), (1, "b")]));
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "Größe: os.path.join";
        for token in tokens(text) {
            let slice = text[token.offset_from..token.offset_to].to_lowercase();
            // Stems are prefixes of their word for these words.
            assert!(slice.starts_with(&token.text), "{slice} / {}", token.text);
        }
    }

    #[test]
    fn pairs_are_neighbouring_words() {
        let texts: Vec<String> = pairs("Use functools.lru_cache, or *args.")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            texts,
            [
                "use functools",
                "functools lru",
                "lru cache",
                "cache or",
                "or args"
            ]
        );
    }

    #[test]
    fn operators_are_words_of_their_own() {
        assert_eq!(
            texts("a == b, x := 2**3; f() -> int; a = b * c"),
            owned(&[
                (0, "a"),
                (1, "=="),
                (2, "b"),
                (3, "x"),
                (4, ":="),
                (5, "2"),
                (6, "**"),
                (7, "3"),
                (8, "f"),
                (9, "->"),
                (10, "int"),
                (11, "a"),
                (12, "b"),
                (13, "c"),
            ])
        );
        assert_eq!(texts("|---|--|"), owned(&[]));
    }

    #[test]
    fn underscore_only_names_and_long_junk() {
        assert_eq!(
            texts("for _ in x"),
            owned(&[(0, "for"), (1, "_"), (2, "in"), (3, "x")])
        );
        let junk = "a".repeat(100);
        assert!(texts(&junk).is_empty());
    }
}

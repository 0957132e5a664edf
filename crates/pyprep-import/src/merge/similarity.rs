//! When two titles ask the same question. A title becomes a signature: its content words,
//! stemmed and with synonyms folded ("dict" and "dictionaries", "GIL" and "Global Interpreter
//! Lock"), split into *core* words that say what is asked and *soft* words that only frame
//! it ("method", "work", "create"). Two titles match only when their core words are exactly
//! the same set and the soft words mostly agree: "list vs tuple" never meets "list vs array",
//! and "What is a decorator?" meets "Explain decorators and how they work". The price is
//! some missed duplicates, which is the side the importer should err on.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Weight of a soft word against a core word's 1.0.
const SOFT_WEIGHT: f32 = 0.3;
/// Minimum weighted overlap of two signatures with the same core words.
pub const THRESHOLD: f32 = 0.7;

/// Multi-word names folded into one token before splitting, so "global interpreter lock"
/// meets "GIL" and "deep copy" meets `deepcopy`.
const PHRASES: &[(&str, &str)] = &[
    (" global interpreter lock ", " gil "),
    (" method resolution order ", " mro "),
    (" garbage collection ", " gc "),
    (" garbage collector ", " gc "),
    (" deep copy ", " deepcopy "),
    (" deep copies ", " deepcopy "),
    (" shallow copy ", " shallowcopy "),
    (" shallow copies ", " shallowcopy "),
    (" f strings ", " fstring "),
    (" f string ", " fstring "),
    (" fstrings ", " fstring "),
    (" virtual environments ", " venv "),
    (" virtual environment ", " venv "),
    (" virtualenv ", " venv "),
    (" type hints ", " typehint "),
    (" type hint ", " typehint "),
    (" type hinting ", " typehint "),
    (" type annotations ", " typehint "),
    (" type annotation ", " typehint "),
    (" context managers ", " contextmanager "),
    (" context manager ", " contextmanager "),
    (" object oriented programming ", " oop "),
    (" object oriented ", " oop "),
    (" regular expressions ", " regex "),
    (" regular expression ", " regex "),
    (" static methods ", " staticmethod "),
    (" static method ", " staticmethod "),
    (" class methods ", " classmethod "),
    (" class method ", " classmethod "),
    (" instance methods ", " instancemethod "),
    (" instance method ", " instancemethod "),
    (" abstract base classes ", " abc "),
    (" abstract base class ", " abc "),
    (" pep 8 ", " pep8 "),
    (" python 2 ", " python2 "),
    (" python 3 ", " python3 "),
    (" multi threading ", " thread "),
    (" magic methods ", " dunder "),
    (" dunder methods ", " dunder "),
    (" special methods ", " dunder "),
    (" lambda functions ", " lambda "),
    (" lambda function ", " lambda "),
    (" anonymous functions ", " lambda "),
    (" anonymous function ", " lambda "),
    (" event loop ", " eventloop "),
    (" monkey patching ", " monkeypatch "),
    (" monkey patch ", " monkeypatch "),
    (" duck typing ", " ducktyping "),
    (" walrus operator ", " walrus "),
    (" assignment expressions ", " walrus "),
    (" assignment expression ", " walrus "),
    (" list comprehensions ", " listcomp "),
    (" list comprehension ", " listcomp "),
    (" dictionary comprehensions ", " dictcomp "),
    (" dictionary comprehension ", " dictcomp "),
    (" dict comprehension ", " dictcomp "),
    (" set comprehensions ", " setcomp "),
    (" set comprehension ", " setcomp "),
    (" generator expressions ", " genexp "),
    (" generator expression ", " genexp "),
    (" reference counting ", " refcount "),
    (" name mangling ", " namemangling "),
    (" pattern matching ", " patternmatching "),
    (" match case ", " patternmatching "),
    (" data classes ", " dataclass "),
    (" data class ", " dataclass "),
    (" named tuples ", " namedtuple "),
    (" named tuple ", " namedtuple "),
    (" unit testing ", " unittest "),
    (" unit tests ", " unittest "),
    (" init py ", " initpy "),
    (" if name main ", " namemain "),
    (" name main ", " namemain "),
    (" main function ", " namemain "),
    (" dependency injection ", " dependencyinjection "),
    (" operator overloading ", " operatoroverload "),
    (" method overloading ", " methodoverload "),
    (" function overloading ", " methodoverload "),
    (" async with ", " async_with "),
    (" async for ", " async_for "),
    (" with statements ", " with_stmt "),
    (" with statement ", " with_stmt "),
];

/// Words that carry no meaning in a title.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "between",
    "both",
    "by",
    "can",
    "compare",
    "comparison",
    "concept",
    "concepts",
    "could",
    "define",
    "definition",
    "describe",
    "detail",
    "details",
    "did",
    "difference",
    "differences",
    "differ",
    "different",
    "do",
    "does",
    "doing",
    "e",
    "each",
    "eg",
    "example",
    "examples",
    "explain",
    "explained",
    "for",
    "from",
    "g",
    "give",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "key",
    "main",
    "me",
    "mean",
    "meaning",
    "means",
    "more",
    "most",
    "of",
    "on",
    "one",
    "or",
    "other",
    "own",
    "provide",
    "purpose",
    "python",
    "pythons",
    "really",
    "role",
    "s",
    "should",
    "so",
    "some",
    "tell",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "understand",
    "understanding",
    "us",
    "use",
    "used",
    "uses",
    "using",
    "usage",
    "versus",
    "vs",
    "was",
    "way",
    "ways",
    "we",
    "were",
    "what",
    "whats",
    "when",
    "where",
    "which",
    "who",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "py",
    "briefly",
    "exactly",
    "actually",
    "basic",
    "basics",
    "important",
    "overview",
    "introduction",
    "intro",
    "discuss",
    "illustrate",
    "demonstrate",
    "write",
    "code",
];

/// Words that frame a question without deciding what it asks (stemmed when first used).
const SOFT: &[&str] = &[
    "method",
    "function",
    "keyword",
    "statement",
    "operator",
    "feature",
    "mechanism",
    "builtin",
    "work",
    "handle",
    "manage",
    "impact",
    "effect",
    "efficiently",
    "properly",
    "correctly",
    "practice",
    "best",
    "advantage",
    "benefit",
    "case",
    "make",
    "help",
    "need",
    "happen",
    "achieve",
    "affect",
    "behavior",
    "behaviour",
    "behave",
    "matter",
    "application",
    "common",
    "typical",
    "real",
    "world",
    "program",
    "programming",
    "language",
    "deal",
    "avoid",
    "prevent",
    "ensure",
    "pattern",
    "technique",
    "approach",
    "strategy",
    "tip",
    "trick",
    "pitfall",
    "gotcha",
    "option",
    "alternative",
    "limit",
    "limitation",
    "instead",
    "special",
    "syntax",
    "effective",
    "effectively",
    "efficient",
    "modern",
    "production",
    "right",
    "done",
];

fn soft_stems() -> &'static HashSet<String> {
    static SOFT_STEMS: OnceLock<HashSet<String>> = OnceLock::new();
    SOFT_STEMS.get_or_init(|| {
        SOFT.iter()
            .map(|w| stemmer().stem(w).into_owned())
            .collect()
    })
}

/// Folded spellings, applied to a word before stemming (`dict` means dictionary).
const SYNONYMS: &[(&str, &str)] = &[
    ("dict", "dictionari"),
    ("dicts", "dictionari"),
    ("iterable", "iterable"),
    ("iterables", "iterable"),
    ("iterator", "iterator"),
    ("iterators", "iterator"),
    ("threading", "thread"),
    ("multithreading", "thread"),
    ("multithreaded", "thread"),
    ("asynchronous", "async"),
    ("asyncio", "asyncio"),
    ("coroutines", "coroutin"),
    ("args", "args"),
    ("kwargs", "kwargs"),
    ("str", "__str__"),
    ("with", "with_stmt"),
    ("repr", "__repr__"),
    ("decorators", "decor"),
    ("fstring", "fstring"),
    ("memoization", "memoiz"),
    ("memoize", "memoiz"),
    ("caching", "cach"),
    ("cache", "cach"),
    ("pickling", "pickl"),
    ("unpickling", "unpickl"),
    ("serialization", "serial"),
    ("serialize", "serial"),
    ("build", "make"),
    ("create", "make"),
    ("creating", "make"),
    ("implement", "make"),
    ("implementing", "make"),
    ("implementation", "make"),
    ("write", "make"),
    ("writing", "make"),
    ("define", "make"),
    ("defining", "make"),
];

fn stopwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
}

fn synonym(word: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| SYNONYMS.iter().copied().collect())
        .get(word)
        .copied()
}

/// Phrases (their words and the token replacing them) by their first word.
type PhraseTable = HashMap<&'static str, Vec<(Vec<&'static str>, &'static str)>>;

/// Phrases by their first word, so a title is scanned once rather than once per phrase.
fn phrases() -> &'static PhraseTable {
    static MAP: OnceLock<PhraseTable> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = PhraseTable::new();
        for (from, to) in PHRASES {
            let words: Vec<&'static str> = from.split_whitespace().collect();
            map.entry(words[0]).or_default().push((words, to.trim()));
        }
        for list in map.values_mut() {
            // Longest phrase first, so "deep copies" wins over a shorter one.
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        map
    })
}

/// The English stem of a word, remembered per thread: titles repeat the same few hundred
/// words, and the stemmer allocates.
fn stem(word: &str) -> String {
    thread_local! {
        static CACHE: std::cell::RefCell<HashMap<String, String>> = std::cell::RefCell::new(HashMap::new());
    }
    CACHE.with(|cache| {
        if let Some(s) = cache.borrow().get(word) {
            return s.clone();
        }
        let s = stemmer().stem(word).into_owned();
        let mut cache = cache.borrow_mut();
        if cache.len() < 100_000 {
            cache.insert(word.to_string(), s.clone());
        }
        s
    })
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The comparable form of a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// Sorted, distinct words that decide what is asked.
    pub core: Vec<String>,
    /// Sorted, distinct framing words.
    pub soft: Vec<String>,
    /// The title as lowercase words, for titles with no core word at all.
    pub plain: String,
}

impl Signature {
    /// The key under which signatures that can match are filed: their core words.
    pub fn key(&self) -> String {
        if self.core.is_empty() {
            format!("={}", self.plain)
        } else {
            self.core.join(" ")
        }
    }
}

/// A title's signature.
pub fn signature(title: &str) -> Signature {
    let lowered = title.to_lowercase().replace("__init__.py", "initpy");
    let title = lowered.as_str();
    let mut core: Vec<String> = Vec::new();
    let mut soft: Vec<String> = Vec::new();
    let mut prose = String::with_capacity(title.len() + 2);
    prose.push(' ');
    // Code spans name exactly what is asked: their words are never stopwords.
    let mut in_code = false;
    let mut code = String::new();
    for c in title.chars() {
        if c == '`' {
            if in_code {
                for word in code_words(&code) {
                    core.push(word);
                }
                code.clear();
            }
            in_code = !in_code;
        } else if in_code {
            code.push(c);
        } else {
            prose.push(c);
        }
    }
    prose.push_str(&code);
    let lower = prose.to_lowercase();
    let has_eq = lower.contains("==") || core.iter().any(|w| w == "==");
    let mut normalised = String::with_capacity(lower.len() + 2);
    let chars: Vec<char> = lower.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let keep = c.is_alphanumeric()
            || c == '_'
            || (c == '.'
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()));
        normalised.push(if keep { c } else { ' ' });
    }
    let raw_words: Vec<&str> = normalised.split_whitespace().collect();
    let mut folded: Vec<&str> = Vec::with_capacity(raw_words.len());
    let mut k = 0;
    while k < raw_words.len() {
        let phrase = phrases().get(raw_words[k]).and_then(|list| {
            list.iter()
                .find(|(words, _)| raw_words[k..].starts_with(words))
        });
        match phrase {
            Some((words, to)) => {
                folded.push(to);
                k += words.len();
            }
            None => {
                folded.push(raw_words[k]);
                k += 1;
            }
        }
    }
    let plain = folded.join(" ");
    if has_eq {
        core.push("==".into());
        core.push("is".into());
    }
    let words = folded;
    for (k, &word) in words.iter().enumerate() {
        let w = word.trim_matches('_');
        // The word before "module" is the module's name ("the operator module"), however
        // soft it would be elsewhere (a stopword stays a stopword).
        let names_module = matches!(
            words.get(k + 1),
            Some(&("module" | "modules" | "library" | "package"))
        );
        if w.is_empty() {
            continue;
        }
        if word.starts_with("__") && word.ends_with("__") && word.len() > 4 {
            core.push(word.to_string());
            continue;
        }
        if stopwords().contains(w) {
            continue;
        }
        let token = synonym(w).map(str::to_string).unwrap_or_else(|| {
            if w.chars().all(|c| c.is_ascii_alphabetic()) {
                stem(w)
            } else {
                w.to_string()
            }
        });
        if !names_module && (token == "make" || soft_stems().contains(&token)) {
            soft.push(token);
        } else {
            core.push(token);
        }
    }
    core.sort();
    core.dedup();
    soft.sort();
    soft.dedup();
    soft.retain(|s| !core.contains(s));
    Signature { core, soft, plain }
}

/// Words of a code span: `@staticmethod` is `staticmethod`, `zip()` is `zip`,
/// `functools.reduce` is `functools` and `reduce`; dunder names stay whole.
fn code_words(code: &str) -> Vec<String> {
    let lower = code.to_lowercase();
    let mut out = Vec::new();
    for part in lower.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '=')) {
        let part = part.trim_matches('=');
        if part.is_empty() && lower.contains("==") {
            continue;
        }
        if part.is_empty() {
            continue;
        }
        out.push(synonym(part).unwrap_or(part).to_string());
    }
    if lower.contains("==") {
        out.push("==".into());
    }
    out
}

/// How similar two signatures are (0.0 to 1.0), or `None` when they must not merge.
pub fn score(a: &Signature, b: &Signature) -> Option<f32> {
    if a.core.is_empty() || b.core.is_empty() {
        return (a.core.is_empty()
            && b.core.is_empty()
            && !a.plain.is_empty()
            && a.plain == b.plain)
            .then_some(1.0);
    }
    if a.core != b.core {
        return None;
    }
    let common = a.soft.iter().filter(|s| b.soft.contains(s)).count() as f32;
    let union = (a.soft.len() + b.soft.len()) as f32 - common;
    let core = a.core.len() as f32;
    let s = (core + SOFT_WEIGHT * common) / (core + SOFT_WEIGHT * union);
    (s >= THRESHOLD).then_some(s)
}

/// How similar two titles are, or `None` when they are different questions.
pub fn title_similarity(a: &str, b: &str) -> Option<f32> {
    score(&signature(a), &signature(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        title_similarity(a, b).is_some()
    }

    #[test]
    fn same_questions_in_other_words_match() {
        assert!(same(
            "What is the difference between list and tuple?",
            "Explain the difference between lists and tuples in Python."
        ));
        assert!(same("Explain List vs Tuple", "List vs tuple"));
        assert!(same(
            "What is a decorator?",
            "What are decorators in Python and how are they used?"
        ));
        assert!(same(
            "What is the Global Interpreter Lock (GIL)?",
            "What is the GIL in Python?"
        ));
        assert!(same(
            "How do you use the `with` statement?",
            "What is the with statement?"
        ));
        assert!(same(
            "What is `__str__` vs `__repr__`?",
            "What is the difference between `__str__` and `__repr__`?"
        ));
        assert!(same(
            "Explain `is` vs `==`",
            "What is the difference between `==` and `is`?"
        ));
        assert!(same(
            "Explain the difference between == and is operators in Python.",
            "`is` vs `==`"
        ));
        assert!(same("What is a dict?", "What are dictionaries in Python?"));
        assert!(same("What is Python?", "What is Python?"));
    }

    #[test]
    fn different_questions_do_not() {
        assert!(!same("list vs tuple", "list vs array"));
        assert!(!same(
            "What is a list?",
            "What is the difference between list and tuple?"
        ));
        assert!(!same("What is an iterator?", "What is an iterable?"));
        assert!(!same(
            "What is `__init__`?",
            "What is `__init__` vs `__new__`?"
        ));
        assert!(!same("What is a static method?", "What is a class method?"));
        assert!(!same(
            "What is Python?",
            "What are the key features of Python?"
        ));
        assert!(!same(
            "What is a generator?",
            "What is a generator expression?"
        ));
        assert!(!same(
            "New features in Python 3.9",
            "New features in Python 3.10"
        ));
        assert!(!same(
            "What is method overloading?",
            "How do you implement operator overloading?"
        ));
        assert!(!same(
            "What is a package?",
            "What is a module vs a package?"
        ));
        assert!(!same(
            "What is a module?",
            "How do you use the operator module?"
        ));
        assert!(!same(
            "What is `__init__`?",
            "What is __init__.py and what is its purpose?"
        ));
        assert!(!same(
            "What is an asynchronous function?",
            "What is the purpose of async with and async for?"
        ));
        assert!(
            !same(
                "What is the GIL?",
                "What is the GIL? How does it impact performance?"
            ),
            "titles alone"
        );
    }
}

//! When two titles ask the same question. A title becomes a signature: its content words,
//! stemmed and with synonyms folded ("dict" and "dictionaries", "GIL" and "Global Interpreter
//! Lock"), split into *core* words that say what is asked and *soft* words that only frame
//! it ("method", "work", "create"). Two titles match only when their core words are exactly
//! the same set and the soft words mostly agree: "list vs tuple" never meets "list vs array",
//! and "What is a decorator?" meets "Explain decorators and how they work". The price is
//! some missed duplicates, which is the side the importer should err on.

use std::cell::RefCell;
use std::hash::{DefaultHasher, Hasher};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};

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

// The word tables are looked up for every word of every title; their keys are short and
// not attacker-chosen in any way that matters here, so a fast hash beats SipHash.
fn soft_stems() -> &'static FxHashSet<String> {
    static SOFT_STEMS: OnceLock<FxHashSet<String>> = OnceLock::new();
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

fn stopwords() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
}

fn synonym(word: &str) -> Option<&'static str> {
    static MAP: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| SYNONYMS.iter().copied().collect())
        .get(word)
        .copied()
}

/// Phrases (their words and the token replacing them) by their first word.
type PhraseTable = FxHashMap<&'static str, Vec<(Vec<&'static str>, &'static str)>>;

/// Phrases by their first word, so a title is scanned once rather than once per phrase.
fn phrases() -> &'static PhraseTable {
    static MAP: OnceLock<PhraseTable> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = PhraseTable::default();
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

/// A word of a signature, as a number: the merge compares, sorts, hashes and drops
/// thousands of signatures made of a few hundred distinct words, and doing so with copies of
/// the words was most of its allocations. The number is a 64-bit hash of the word's spelling,
/// so it is the same on every thread and titles can be signed on all of them: with a few
/// thousand distinct words in an import, two of them sharing a number has a chance of about
/// one in 10^12.
pub(crate) type Token = u64;

/// The token of a spelling. SipHash with fixed keys (what [`DefaultHasher::new`] gives) is
/// the same for every thread of the process and, unlike a multiplicative hash, has no known
/// simple collisions among short words.
fn token_of(spelling: &str) -> Token {
    let mut h = DefaultHasher::new();
    h.write(spelling.as_bytes());
    h.finish()
}

/// What one thread remembers about title words: what each word, as written, becomes (like
/// stems, the same words make up most titles) and the spelling of every token it made, for
/// [`signature`].
#[derive(Default)]
struct Vocabulary {
    names: FxHashMap<Token, String>,
    words: FxHashMap<String, Word>,
    /// The words of eight bytes or fewer asked lately, by their bytes (see [`Recent`]).
    recent: Recent,
    /// Buffers [`Vocabulary::sig_ascii`] reuses from title to title.
    scratch: Scratch,
}

/// A cache in front of [`Vocabulary::words`] for short words (most words of a title):
/// one slot per word, chosen by its bytes, which a word up to eight bytes long fits in as
/// one number, so that a word asked again (the same few hundred make up most titles) is
/// answered by comparing two numbers, without hashing it or comparing strings.
struct Recent {
    slots: Vec<(u64, Word)>,
}

impl Recent {
    const SLOTS: usize = 1024;

    /// A word's bytes as one number, for a word of one to eight bytes (never 0: a word has
    /// no NUL byte, and 0 marks an empty slot).
    fn key(word: &str) -> Option<u64> {
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > 8 || bytes.contains(&0) {
            return None;
        }
        let mut padded = [0u8; 8];
        padded[..bytes.len()].copy_from_slice(bytes);
        Some(u64::from_le_bytes(padded))
    }

    fn slot(key: u64) -> usize {
        // Fibonacci hashing: the top bits of the product spread similar words apart.
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::SLOTS.trailing_zeros())) as usize
    }
}

impl Default for Recent {
    fn default() -> Self {
        let empty = Word {
            starts_phrase: false,
            token: None,
        };
        Recent {
            slots: vec![(0, empty); Self::SLOTS],
        }
    }
}

/// What signing a title works on, kept from one title to the next: signing thousands of
/// titles allocated these thousands of times, and allocation was most of its cost.
#[derive(Default)]
struct Scratch {
    /// The title's prose, lowercase, when it has code spans (see [`normalise`]).
    prose: String,
    /// The title (or its prose), lowercase, with everything but words blanked out.
    text: String,
    /// Where the words of `text` are.
    spans: Vec<(usize, usize)>,
    /// The words after phrases are folded, each with what it means.
    words: Vec<(Spelled, Word)>,
}

/// A word of a title being signed: a word of the scratch text, or the token a phrase was
/// folded into.
#[derive(Clone, Copy)]
enum Spelled {
    At(usize, usize),
    Folded(&'static str),
}

impl Spelled {
    fn text<'t>(&self, text: &'t str) -> &'t str {
        match *self {
            Spelled::At(start, end) => &text[start..end],
            Spelled::Folded(token) => token,
        }
    }
}

/// What a word of a title, as written, means for its signature.
#[derive(Clone, Copy)]
struct Word {
    /// Whether a phrase starts with it (see [`phrases`]).
    starts_phrase: bool,
    /// `None` for a stopword (or a word of underscores), else its token and whether the
    /// token is a framing (soft) word. A dunder name is its own token and never soft.
    token: Option<(Token, bool)>,
}

/// Most words and spellings a thread's vocabulary holds before it starts afresh (at the
/// start of a merge or of [`signature`]).
const VOCABULARY_LIMIT: usize = 200_000;

thread_local! {
    static VOCABULARY: RefCell<Vocabulary> = RefCell::new(Vocabulary::default());
}

impl Vocabulary {
    fn token(&mut self, spelling: &str) -> Token {
        let token = token_of(spelling);
        self.names
            .entry(token)
            .or_insert_with(|| spelling.to_string());
        token
    }
}

/// Forgets the thread's words if there are too many of them (before signing a title, so
/// never while a [`signature`] is being spelled).
fn forget_if_full() {
    VOCABULARY.with(|v| {
        let mut v = v.borrow_mut();
        if v.names.len() + v.words.len() > VOCABULARY_LIMIT {
            *v = Vocabulary::default();
        }
    });
}

/// The token of a spelling (a code word, a dunder name).
fn token(spelling: &str) -> Token {
    VOCABULARY.with(|v| v.borrow_mut().token(spelling))
}

impl Vocabulary {
    /// What `word` (a word of a title as written) means: one lookup for what both the
    /// phrase folding and the signature need, since every word of every title is asked.
    fn word(&mut self, word: &str) -> Word {
        let Some(key) = Recent::key(word) else {
            return self.word_of(word);
        };
        let slot = Recent::slot(key);
        let (seen, known) = self.recent.slots[slot];
        if seen == key {
            return known;
        }
        let known = self.word_of(word);
        self.recent.slots[slot] = (key, known);
        known
    }

    /// [`Vocabulary::word`], looked up or worked out.
    fn word_of(&mut self, word: &str) -> Word {
        if let Some(&known) = self.words.get(word) {
            return known;
        }
        let trimmed = crate::text::trim_ascii_byte(word, b'_');
        let token = if trimmed.is_empty() {
            None
        } else if word.starts_with("__") && word.ends_with("__") && word.len() > 4 {
            Some((self.token(word), false))
        } else {
            (!stopwords().contains(trimmed)).then(|| {
                let spelling = synonym(trimmed).map(str::to_string).unwrap_or_else(|| {
                    if trimmed.chars().all(|c| c.is_ascii_alphabetic()) {
                        stem(trimmed)
                    } else {
                        trimmed.to_string()
                    }
                });
                let framing = spelling == "make" || soft_stems().contains(&spelling);
                (self.token(&spelling), framing)
            })
        };
        let known = Word {
            starts_phrase: phrases().contains_key(word),
            token,
        };
        self.words.insert(word.to_string(), known);
        known
    }
}

/// Most words a stem cache keeps.
const STEM_CACHE_LIMIT: usize = 100_000;

/// The English stem of a word, remembered per thread: titles repeat the same few hundred
/// words, and the stemmer allocates.
fn stem(word: &str) -> String {
    thread_local! {
        static CACHE: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
    }
    CACHE.with(|cache| {
        if let Some(s) = cache.borrow().get(word) {
            return s.clone();
        }
        let s = stemmer().stem(word).into_owned();
        let mut cache = cache.borrow_mut();
        if cache.len() < STEM_CACHE_LIMIT {
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

/// A signature as the merge keeps it: a [`Signature`] with [`Token`]s for words. Core and
/// soft tokens are sorted by number, which is as good as by spelling for what a merge does
/// with them (compare, intersect, hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sig {
    pub core: Vec<Token>,
    pub soft: Vec<Token>,
    pub plain: String,
}

impl Sig {
    /// A hash of [`Signature::key`]: equal keys hash equally. Signatures with different keys
    /// never match (see [`score`]), so a collision can only add candidates that are then
    /// turned down, never change a result.
    pub(crate) fn key_hash(&self) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        if self.core.is_empty() {
            h.write_u8(0);
            h.write(self.plain.as_bytes());
        } else {
            h.write_u8(1);
            for &token in &self.core {
                h.write_u64(token);
            }
        }
        h.finish()
    }
}

/// A title's signature.
pub fn signature(title: &str) -> Signature {
    let sig = sig_of(title, true);
    let spell = |tokens: &[Token]| -> Vec<String> {
        let mut words: Vec<String> =
            VOCABULARY.with(|v| tokens.iter().map(|t| v.borrow().names[t].clone()).collect());
        words.sort();
        words
    };
    Signature {
        core: spell(&sig.core),
        soft: spell(&sig.soft),
        plain: sig.plain,
    }
}

/// [`signature`], with shared tokens. Its `plain` text is only filled in when it counts,
/// for a title without core words (see [`score`]).
pub(crate) fn sig(title: &str) -> Sig {
    sig_of(title, false)
}

/// A title's [`Sig`], with its plain text always (`always_plain`) or only when it counts.
fn sig_of(title: &str, always_plain: bool) -> Sig {
    forget_if_full();
    // Nearly every title is ASCII, and has its own way through.
    if title.is_ascii()
        && !(crate::text::has_byte(title, b'.')
            && title.to_ascii_lowercase().contains("__init__.py"))
    {
        return VOCABULARY.with(|v| v.borrow_mut().sig_ascii(title, always_plain));
    }
    let lowered = lowercase(title);
    // (Looked for only when there is a dot: a substring search costs more than the title.)
    let lowered = if crate::text::has_byte(&lowered, b'.') && lowered.contains("__init__.py") {
        lowered.replace("__init__.py", "initpy")
    } else {
        lowered
    };
    let mut core: Vec<Token> = Vec::new();
    let mut soft: Vec<Token> = Vec::new();
    let ascii = lowered.is_ascii() && !crate::text::has_byte(&lowered, b'`');
    let (normalised, has_eq) = if ascii {
        // Most titles: no code spans, no Unicode; the prose is the lowercased title.
        let bytes = lowered.as_bytes();
        let has_eq = memchr::memchr_iter(b'=', bytes).any(|p| bytes.get(p + 1) == Some(&b'='));
        (normalise_ascii(lowered), has_eq)
    } else {
        normalise(&lowered, &mut core)
    };
    // What is left of an ASCII title is words and spaces.
    let mut raw_words: Vec<&str> = Vec::with_capacity(16);
    if ascii {
        // Split at spaces by hand: the standard split searches for the encoded character
        // and compares it, which cost more than these short titles.
        let mut start = None;
        for (i, &b) in normalised.as_bytes().iter().enumerate() {
            match (b == b' ', start) {
                (true, Some(s)) => {
                    raw_words.push(&normalised[s..i]);
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        if let Some(s) = start {
            raw_words.push(&normalised[s..]);
        }
    } else {
        raw_words.extend(normalised.split_whitespace());
    }
    if has_eq {
        core.push(token("=="));
        core.push(token("is"));
    }
    let mut plain = String::with_capacity(normalised.len());
    // Every word is looked up once, under one borrow of the thread's vocabulary (the
    // lookups were most of the cost of a signature).
    VOCABULARY.with(|v| {
        let mut v = v.borrow_mut();
        // Phrases are folded: a phrase's token stands for its words.
        let mut words: Vec<(&str, Word)> = Vec::with_capacity(raw_words.len());
        let mut k = 0;
        while k < raw_words.len() {
            let word = v.word(raw_words[k]);
            let phrase = word
                .starts_phrase
                .then(|| phrases().get(raw_words[k]))
                .flatten()
                .and_then(|list| {
                    list.iter()
                        .find(|(phrase, _)| raw_words[k..].starts_with(phrase))
                });
            match phrase {
                Some((phrase, to)) => {
                    words.push((to, v.word(to)));
                    k += phrase.len();
                }
                None => {
                    words.push((raw_words[k], word));
                    k += 1;
                }
            }
        }
        // Sized once: most words are core words.
        core.reserve(words.len());
        for (k, &(spelling, word)) in words.iter().enumerate() {
            if k > 0 {
                plain.push(' ');
            }
            plain.push_str(spelling);
            let Some((token, framing)) = word.token else {
                continue;
            };
            file_token(
                token,
                framing,
                words.get(k + 1).map(|w| w.0),
                &mut core,
                &mut soft,
            );
        }
    });
    settle(&mut core, &mut soft);
    if !always_plain && !core.is_empty() {
        plain = String::new();
    }
    Sig { core, soft, plain }
}

impl Vocabulary {
    /// [`sig_of`] of an ASCII title (without `__init__.py`): the same steps as for any
    /// title, lowercasing, blanking and splitting in one pass over its bytes (or its prose,
    /// when it has code spans), in buffers kept from one title to the next.
    fn sig_ascii(&mut self, title: &str, always_plain: bool) -> Sig {
        let mut scratch = std::mem::take(&mut self.scratch);
        let Scratch {
            prose,
            text,
            spans,
            words,
        } = &mut scratch;
        let mut core: Vec<Token> = Vec::with_capacity(16);
        let (source, code_eq) = if crate::text::has_byte(title, b'`') {
            // As `normalise` does: the words of code spans are core words, and the rest
            // (with an unclosed span's text at the end) is the prose read below.
            prose.clear();
            prose.push(' ');
            let mut code_eq = false;
            let mut spans_of_code = title.split('`');
            let mut unclosed = "";
            let mut in_code = false;
            while let Some(part) = spans_of_code.next() {
                if !in_code {
                    push_lowercase(prose, part);
                } else if spans_of_code.clone().next().is_none() {
                    // No closing backtick after it.
                    unclosed = part;
                } else {
                    let code = part.to_ascii_lowercase();
                    code_eq |= code.contains("==");
                    for word in code_words(&code) {
                        core.push(self.token(&word));
                    }
                }
                in_code = !in_code;
            }
            push_lowercase(prose, unclosed);
            (prose.as_str(), code_eq)
        } else {
            (title, false)
        };
        let bytes = source.as_bytes();
        // (Most titles have no `=`, which a plain scan tells sooner than a search.)
        let has_eq = code_eq
            || (crate::text::has_byte(source, b'=')
                && memchr::memchr_iter(b'=', bytes).any(|p| bytes.get(p + 1) == Some(&b'=')));
        // The words are what `normalise_ascii` leaves of the lowercased text: runs of
        // letters, digits, `_` and dots between digits. They are found, not blanked out:
        // only their spans are read from here on.
        text.clear();
        text.push_str(source);
        text.make_ascii_lowercase();
        spans.clear();
        let b = text.as_bytes();
        // Letters, digits and `_` are kept by a table lookup (every byte of every title is
        // asked); a dot only between digits.
        const WORD_BYTE: [bool; 256] = {
            let mut table = [false; 256];
            let mut c = 0;
            while c < 256 {
                table[c] = (c as u8).is_ascii_alphanumeric() || c as u8 == b'_';
                c += 1;
            }
            table
        };
        let kept = |i: usize| {
            let c = b[i];
            WORD_BYTE[usize::from(c)]
                || (c == b'.'
                    && i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(|n| n.is_ascii_digit()))
        };
        let mut i = 0;
        while i < b.len() {
            while i < b.len() && !kept(i) {
                i += 1;
            }
            let start = i;
            while i < b.len() && kept(i) {
                i += 1;
            }
            if start < i {
                spans.push((start, i));
            }
        }
        // Phrases are folded: a phrase's token stands for its words.
        words.clear();
        let mut k = 0;
        while k < spans.len() {
            let (start, end) = spans[k];
            let spelling = &text[start..end];
            let word = self.word(spelling);
            let phrase = word
                .starts_phrase
                .then(|| phrases().get(spelling))
                .flatten()
                .and_then(|list| {
                    list.iter().find(|(phrase, _)| {
                        spans.len() - k >= phrase.len()
                            && phrase
                                .iter()
                                .zip(&spans[k..])
                                .all(|(p, &(s, e))| *p == &text[s..e])
                    })
                });
            match phrase {
                Some((phrase, to)) => {
                    words.push((Spelled::Folded(to), self.word(to)));
                    k += phrase.len();
                }
                None => {
                    words.push((Spelled::At(start, end), word));
                    k += 1;
                }
            }
        }
        core.reserve(words.len() + 2);
        let mut soft: Vec<Token> = Vec::new();
        if has_eq {
            core.push(self.token("=="));
            core.push(self.token("is"));
        }
        for (k, (_, word)) in words.iter().enumerate() {
            let Some((token, framing)) = word.token else {
                continue;
            };
            let next = words.get(k + 1).map(|(next, _)| next.text(text));
            file_token(token, framing, next, &mut core, &mut soft);
        }
        settle(&mut core, &mut soft);
        let mut plain = String::new();
        if always_plain || core.is_empty() {
            plain.reserve(text.len());
            for (k, (spelled, _)) in words.iter().enumerate() {
                if k > 0 {
                    plain.push(' ');
                }
                plain.push_str(spelled.text(text));
            }
        }
        self.scratch = scratch;
        Sig { core, soft, plain }
    }
}

/// Files a word's token with the soft (framing) words or the core ones. The word before
/// "module" is the module's name ("the operator module"), however soft it would be
/// elsewhere (a stopword stays a stopword: it has no token).
fn file_token(
    token: Token,
    framing: bool,
    next: Option<&str>,
    core: &mut Vec<Token>,
    soft: &mut Vec<Token>,
) {
    let names_module = matches!(next, Some("module" | "modules" | "library" | "package"));
    if framing && !names_module {
        soft.push(token);
    } else {
        core.push(token);
    }
}

/// Sorts and deduplicates a signature's core and soft tokens; a soft word that is also a
/// core word counts as core only.
fn settle(core: &mut Vec<Token>, soft: &mut Vec<Token>) {
    core.sort_unstable();
    core.dedup();
    soft.sort_unstable();
    soft.dedup();
    soft.retain(|s| !core.contains(s));
}

/// Appends `s` to `to`, ASCII letters lowercased.
fn push_lowercase(to: &mut String, s: &str) {
    let start = to.len();
    to.push_str(s);
    to[start..].make_ascii_lowercase();
}

/// `s.to_lowercase()`, without the Unicode tables for ASCII text (nearly every title),
/// where both give the same result.
fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

/// The title's prose (code spans' words go to `core`) with everything but words and
/// version numbers blanked out, and whether it compares with `==`.
fn normalise(title: &str, core: &mut Vec<Token>) -> (String, bool) {
    let mut prose = String::with_capacity(title.len() + 2);
    prose.push(' ');
    // Code spans name exactly what is asked: their words are never stopwords.
    let mut in_code = false;
    let mut code = String::new();
    // Whether a code span's words include `==`.
    let mut code_eq = false;
    for c in title.chars() {
        if c == '`' {
            if in_code {
                for word in code_words(&code) {
                    code_eq |= word == "==";
                    core.push(token(&word));
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
    // ASCII prose is already lowercase (it comes from the lowercased title).
    let lower = if prose.is_ascii() {
        prose
    } else {
        prose.to_lowercase()
    };
    let has_eq = lower.contains("==") || code_eq;
    let mut normalised = String::with_capacity(lower.len() + 2);
    let mut chars = lower.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        let keep = c.is_alphanumeric()
            || c == '_'
            || (c == '.'
                && previous.is_some_and(|p| p.is_ascii_digit())
                && chars.peek().is_some_and(|n| n.is_ascii_digit()));
        normalised.push(if keep { c } else { ' ' });
        previous = Some(c);
    }
    (normalised, has_eq)
}

/// [`normalise`] for an ASCII title without code spans, rewriting its bytes in place.
fn normalise_ascii(title: String) -> String {
    let mut bytes = title.into_bytes();
    let mut previous: Option<u8> = None;
    for i in 0..bytes.len() {
        let c = bytes[i];
        let keep = c.is_ascii_alphanumeric()
            || c == b'_'
            || (c == b'.'
                && previous.is_some_and(|p| p.is_ascii_digit())
                && bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit()));
        if !keep {
            bytes[i] = b' ';
        }
        previous = Some(c);
    }
    String::from_utf8(bytes).expect("ASCII stays ASCII")
}

/// Words of a code span: `@staticmethod` is `staticmethod`, `zip()` is `zip`,
/// `functools.reduce` is `functools` and `reduce`; dunder names stay whole.
fn code_words(code: &str) -> Vec<String> {
    let lower = lowercase(code);
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
    score_parts((&a.core, &a.soft, &a.plain), (&b.core, &b.soft, &b.plain))
}

/// [`score`] for the merge's signatures.
pub(crate) fn sig_score(a: &Sig, b: &Sig) -> Option<f32> {
    score_parts((&a.core, &a.soft, &a.plain), (&b.core, &b.soft, &b.plain))
}

/// [`score`] of two signatures' core words, soft words and plain text.
fn score_parts<T: PartialEq>(a: (&[T], &[T], &str), b: (&[T], &[T], &str)) -> Option<f32> {
    let ((a_core, a_soft, a_plain), (b_core, b_soft, b_plain)) = (a, b);
    if a_core.is_empty() || b_core.is_empty() {
        return (a_core.is_empty()
            && b_core.is_empty()
            && !a_plain.is_empty()
            && a_plain == b_plain)
            .then_some(1.0);
    }
    if a_core != b_core {
        return None;
    }
    let common = a_soft.iter().filter(|s| b_soft.contains(s)).count() as f32;
    let union = (a_soft.len() + b_soft.len()) as f32 - common;
    let core = a_core.len() as f32;
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

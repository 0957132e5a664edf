//! Mapping the many ways guides label things onto pyprep's names: difficulty onto
//! easy/medium/hard (keeping the source's label), free-form tags onto the topic taxonomy,
//! and company names onto one spelling, with audience labels such as "Most Tech Companies"
//! kept apart from real companies.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use pyprep_core::Difficulty;

use crate::text::trim;

/// The normalised difficulty of a source label such as `🔴 Hard`, `Intermediate` or `Expert`,
/// with the label itself when it says more than the normalised name. `None` for labels that
/// are not a difficulty.
pub fn normalize_difficulty(label: &str) -> Option<(Difficulty, Option<String>)> {
    let cleaned: String = label
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace() || *c == '-')
        .collect();
    let cleaned = cleaned.trim();
    let lower = cleaned.to_lowercase();
    let difficulty = match lower.as_str() {
        "easy" | "beginner" | "basic" | "basics" | "junior" | "entry" | "entry-level"
        | "simple" | "low" | "fundamental" => Difficulty::Easy,
        "medium" | "intermediate" | "moderate" | "mid" | "mid-level" | "normal" => {
            Difficulty::Medium
        }
        "hard" | "advanced" | "expert" | "senior" | "difficult" | "high" | "very hard" => {
            Difficulty::Hard
        }
        _ => return None,
    };
    let label = (lower != difficulty.as_str()).then(|| cleaned.to_string());
    Some((difficulty, label))
}

/// A difficulty implied by a section heading ("Python Medium Level Questions", "Advanced
/// Topics"), used only when the question itself carries no label.
pub(crate) fn difficulty_from_heading(heading: &str) -> Option<Difficulty> {
    let lower = heading.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    // Only a heading that is about the level counts: the level word opens it ("Advanced
    // Topics", "More Advanced ..."), names the level ("Medium Level Questions") or closes it
    // ("Python Basics"); "OOP, Advanced Functions" is about functions, not a level.
    let level_word = |i: usize| -> bool {
        i == 0
            || (i == 1 && matches!(words[0], "more" | "python" | "most"))
            || words.get(i + 1) == Some(&"level")
            || i + 1 == words.len()
    };
    for (i, w) in words.iter().enumerate() {
        let d = match *w {
            "advanced" | "expert" | "hard" => Difficulty::Hard,
            "medium" | "intermediate" => Difficulty::Medium,
            "basics" | "basic" | "beginner" | "easy" => Difficulty::Easy,
            _ => continue,
        };
        if level_word(i) {
            return Some(d);
        }
    }
    None
}

/// Tags that name a taxonomy topic outright (lowercase). Tags mapped to `""` describe no
/// topic ("Advanced", "Best Practices", "Python 3.8+") and are dropped.
const TAG_TOPICS: &[(&str, &str)] = &[
    ("abc", "oop"),
    ("abstraction", "oop"),
    ("advanced", ""),
    ("advanced oop", "oop"),
    ("advanced patterns", "design-patterns"),
    ("algorithms", "coding-problems"),
    ("arguments", "functions"),
    ("assignment", "basics"),
    ("assignment expression", "basics"),
    ("async", "asyncio"),
    ("async/await", "asyncio"),
    ("asyncio", "asyncio"),
    ("asyncio internals", "asyncio"),
    ("basics", "basics"),
    ("best practices", ""),
    ("binary search", "stdlib"),
    ("built-ins", "stdlib"),
    ("bytecode", "internals"),
    ("cach*", "performance"),
    ("classes", "oop"),
    ("cli", "packaging"),
    ("closures", "functions"),
    ("code example", ""),
    ("collections", "stdlib"),
    ("combinatorics", "stdlib"),
    ("compatibility", "basics"),
    ("comprehensions", "basics"),
    ("concurrency", "concurrency"),
    ("context managers", "context-managers"),
    ("control flow", "basics"),
    ("copying", "data-structures"),
    ("data analysis", "data-science"),
    ("data exchange", "file-io"),
    ("data processing", "data-science"),
    ("data science", "data-science"),
    ("data structures", "data-structures"),
    ("dataclasses", "oop"),
    ("databases", "databases"),
    ("datetime", "stdlib"),
    ("debugging", "testing"),
    ("decorators", "decorators"),
    ("dependencies", "packaging"),
    ("descriptors", "metaprogramming"),
    ("design patterns", "design-patterns"),
    ("development", ""),
    ("distribution", "packaging"),
    ("documentation", "basics"),
    ("duck typing", "oop"),
    ("dynamic", "metaprogramming"),
    ("dynamic programming", "metaprogramming"),
    ("encapsulation", "oop"),
    ("entry point", "packaging"),
    ("environment", "packaging"),
    ("equality", "basics"),
    ("error handling", "error-handling"),
    ("exceptions", "error-handling"),
    ("expressions", "basics"),
    ("file i/o", "file-io"),
    ("files", "file-io"),
    ("formatting", "basics"),
    ("functional", "functions"),
    ("functional programming", "functions"),
    ("functions", "functions"),
    ("functools", "functions"),
    ("garbage collection", "memory-gc"),
    ("gc", "memory-gc"),
    ("generators", "iterators-generators"),
    ("gil", "concurrency"),
    ("grouping", "stdlib"),
    ("heap", "stdlib"),
    ("i/o", "file-io"),
    ("identity", "basics"),
    ("imports", "packaging"),
    ("indexing", "data-structures"),
    ("inheritance", "oop"),
    ("interfaces", "oop"),
    ("internals", "internals"),
    ("interpreters", "internals"),
    ("introspection", "metaprogramming"),
    ("iteration", "iterators-generators"),
    ("iterators", "iterators-generators"),
    ("itertools", "iterators-generators"),
    ("lambda", "functions"),
    ("anonymous functions", "functions"),
    ("lazy evaluation", "iterators-generators"),
    ("logging", "stdlib"),
    ("magic methods", "oop"),
    ("memory", "memory-gc"),
    ("memory optimization", "memory-gc"),
    ("meta-programming", "metaprogramming"),
    ("metaclasses", "metaprogramming"),
    ("metaprogramming", "metaprogramming"),
    ("methods", "oop"),
    ("modern python", ""),
    ("modules", "packaging"),
    ("mro", "oop"),
    ("multiprocessing", "concurrency"),
    ("object creation", "oop"),
    ("objects", "oop"),
    ("oop", "oop"),
    ("oop internals", "oop"),
    ("operators", "basics"),
    ("optimization", "performance"),
    ("os concepts", "concurrency"),
    ("packages", "packaging"),
    ("packaging", "packaging"),
    ("parallelism", "concurrency"),
    ("paths", "file-io"),
    ("pattern matching", "basics"),
    ("patterns", "design-patterns"),
    ("pdb", "testing"),
    ("performance", "performance"),
    ("persistence", "file-io"),
    ("pitfalls", ""),
    ("priority queue", "stdlib"),
    ("process management", "concurrency"),
    ("profiling", "performance"),
    ("properties", "oop"),
    ("protocol", "typing"),
    ("pytest", "testing"),
    ("fixture*", "testing"),
    ("python 2 vs 3", "basics"),
    ("references", "memory-gc"),
    ("regex", "stdlib"),
    ("resource management", "context-managers"),
    ("resources", "context-managers"),
    ("scope", "functions"),
    ("scoping", "functions"),
    ("security", "security"),
    ("serialization", "file-io"),
    ("setuptools", "packaging"),
    ("shell", "stdlib"),
    ("sorted lists", "stdlib"),
    ("standard library", "stdlib"),
    ("standards", "basics"),
    ("static analysis", "typing"),
    ("static typing", "typing"),
    ("strings", "data-structures"),
    ("subprocess", "stdlib"),
    ("syntax", "basics"),
    ("system", "stdlib"),
    ("tdd", "testing"),
    ("testing", "testing"),
    ("text processing", "stdlib"),
    ("threading", "concurrency"),
    ("time handling", "stdlib"),
    ("timezone", "stdlib"),
    ("tool building", ""),
    ("type hints", "typing"),
    ("typing", "typing"),
    ("unittest", "testing"),
    ("unpacking", "basics"),
    ("virtual environments", "packaging"),
    ("web", "web-frameworks"),
    ("with", "context-managers"),
    ("yield", "iterators-generators"),
];

/// Keywords that suggest a topic when they appear in a title, most specific first. A key
/// with a space or punctuation matches as a substring; a plain word matches whole words
/// (plural `s` allowed), or word prefixes when it ends with `*`.
const KEYWORD_TOPICS: &[(&str, &str)] = &[
    ("dependency injection", "design-patterns"),
    ("buffer protocol", "internals"),
    ("descriptor protocol", "metaprogramming"),
    ("context variable*", "asyncio"),
    ("contextvar*", "asyncio"),
    ("fastapi", "web-frameworks"),
    ("django", "web-frameworks"),
    ("flask", "web-frameworks"),
    ("asyncio", "asyncio"),
    ("async*", "asyncio"),
    ("await", "asyncio"),
    ("event loop", "asyncio"),
    ("coroutine*", "asyncio"),
    ("uvloop", "asyncio"),
    ("aiohttp", "asyncio"),
    ("taskgroup", "asyncio"),
    ("gil", "concurrency"),
    ("global interpreter lock", "concurrency"),
    ("thread*", "concurrency"),
    ("multithread*", "concurrency"),
    ("multiprocessing", "concurrency"),
    ("concurren*", "concurrency"),
    ("parallel*", "concurrency"),
    ("race condition", "concurrency"),
    ("deadlock*", "concurrency"),
    ("producer", "concurrency"),
    ("celery", "concurrency"),
    ("task queue", "concurrency"),
    ("decorator*", "decorators"),
    ("generator*", "iterators-generators"),
    ("iterator*", "iterators-generators"),
    ("iterable*", "iterators-generators"),
    ("yield", "iterators-generators"),
    ("itertools", "iterators-generators"),
    ("lazy", "iterators-generators"),
    ("context manager", "context-managers"),
    ("contextlib", "context-managers"),
    ("with statement", "context-managers"),
    ("`with`", "context-managers"),
    ("__enter__", "context-managers"),
    ("exception*", "error-handling"),
    ("error handling", "error-handling"),
    ("try-except", "error-handling"),
    ("try/except", "error-handling"),
    ("finally", "error-handling"),
    ("raise", "error-handling"),
    ("traceback", "error-handling"),
    ("stack trace", "error-handling"),
    ("warning*", "error-handling"),
    ("assert*", "error-handling"),
    ("metaclass*", "metaprogramming"),
    ("descriptor*", "metaprogramming"),
    ("monkey patch*", "metaprogramming"),
    ("introspection", "metaprogramming"),
    ("getattr", "metaprogramming"),
    ("__getattr__", "metaprogramming"),
    ("importlib", "metaprogramming"),
    ("dynamically import", "metaprogramming"),
    ("ast", "metaprogramming"),
    ("type hint*", "typing"),
    ("protocols", "typing"),
    ("protocol class*", "typing"),
    ("typing.protocol", "typing"),
    ("typing", "typing"),
    ("type check*", "typing"),
    ("mypy", "typing"),
    ("generics", "typing"),
    ("typevar", "typing"),
    ("annotation*", "typing"),
    ("pydantic", "typing"),
    ("type safety", "typing"),
    ("garbage", "memory-gc"),
    ("memory", "memory-gc"),
    ("reference count*", "memory-gc"),
    ("weakref", "memory-gc"),
    ("__del__", "memory-gc"),
    ("weak reference*", "memory-gc"),
    ("__slots__", "memory-gc"),
    ("leak*", "memory-gc"),
    ("bytecode", "internals"),
    ("cpython", "internals"),
    ("interpreter", "internals"),
    ("interpreted", "internals"),
    ("pypy", "internals"),
    ("jython", "internals"),
    ("dis", "internals"),
    ("internals", "internals"),
    ("pyc", "internals"),
    ("compiled", "internals"),
    ("memoryview", "internals"),
    ("buffer protocol", "internals"),
    ("performance", "performance"),
    ("optimi*", "performance"),
    ("profil*", "performance"),
    ("speed", "performance"),
    ("slow", "performance"),
    ("cython", "performance"),
    ("lru_cache", "performance"),
    ("cach*", "performance"),
    ("memoiz*", "performance"),
    ("timeit", "performance"),
    ("test*", "testing"),
    ("pytest", "testing"),
    ("fixture*", "testing"),
    ("mock*", "testing"),
    ("unittest", "testing"),
    ("debug*", "testing"),
    ("pdb", "testing"),
    ("pip", "packaging"),
    ("import", "packaging"),
    ("imports", "packaging"),
    ("importing", "packaging"),
    ("package*", "packaging"),
    ("venv", "packaging"),
    ("virtual environment*", "packaging"),
    ("virtualenv", "packaging"),
    ("pyproject", "packaging"),
    ("dependenc*", "packaging"),
    ("__init__.py", "packaging"),
    ("sys.path", "packaging"),
    ("singleton*", "design-patterns"),
    ("factory", "design-patterns"),
    ("observer", "design-patterns"),
    ("design pattern*", "design-patterns"),
    ("composition", "design-patterns"),
    ("sql", "databases"),
    ("sqlite", "databases"),
    ("sqlalchemy", "databases"),
    ("database*", "databases"),
    ("orm", "databases"),
    ("migration*", "databases"),
    ("django", "web-frameworks"),
    ("flask", "web-frameworks"),
    ("fastapi", "web-frameworks"),
    ("wsgi", "web-frameworks"),
    ("asgi", "web-frameworks"),
    ("rest", "web-frameworks"),
    ("graphql", "web-frameworks"),
    ("http", "web-frameworks"),
    ("middleware", "web-frameworks"),
    ("gunicorn", "web-frameworks"),
    ("uvicorn", "web-frameworks"),
    ("web", "web-frameworks"),
    ("jwt", "web-frameworks"),
    ("csrf", "security"),
    ("security", "security"),
    ("secure", "security"),
    ("encrypt*", "security"),
    ("password*", "security"),
    ("cryptograph*", "security"),
    ("injection", "security"),
    ("pandas", "data-science"),
    ("numpy", "data-science"),
    ("dataframe*", "data-science"),
    ("data science", "data-science"),
    ("pd.dataframe", "data-science"),
    ("matplotlib", "data-science"),
    ("file*", "file-io"),
    ("csv", "file-io"),
    ("json", "file-io"),
    ("pickl*", "file-io"),
    ("serializ*", "file-io"),
    ("pathlib", "file-io"),
    ("linked list", "coding-problems"),
    ("reverse a string", "coding-problems"),
    ("duplicates", "coding-problems"),
    ("fibonacci", "coding-problems"),
    ("flatten", "coding-problems"),
    ("palindrome*", "coding-problems"),
    ("anagram*", "coding-problems"),
    ("most frequent", "coding-problems"),
    ("rate limiter", "coding-problems"),
    ("algorithm*", "coding-problems"),
    ("inherit*", "oop"),
    ("oop", "oop"),
    ("polymorph*", "oop"),
    ("encapsulat*", "oop"),
    ("abstract*", "oop"),
    ("__init__", "oop"),
    ("__new__", "oop"),
    ("super", "oop"),
    ("mro", "oop"),
    ("method resolution", "oop"),
    ("propert*", "oop"),
    ("dataclass*", "oop"),
    ("__str__", "oop"),
    ("__repr__", "oop"),
    ("__call__", "oop"),
    ("overload*", "oop"),
    ("magic method*", "oop"),
    ("dunder", "oop"),
    ("enum", "oop"),
    ("enumeration*", "oop"),
    ("duck typing", "oop"),
    ("lambda*", "functions"),
    ("args", "functions"),
    ("kwargs", "functions"),
    ("closure*", "functions"),
    ("scope*", "functions"),
    ("nonlocal", "functions"),
    ("namespace*", "functions"),
    ("partial", "functions"),
    ("functools", "functions"),
    ("reduce", "functions"),
    ("higher-order", "functions"),
    ("first-class", "functions"),
    ("recursion", "functions"),
    ("default argument*", "functions"),
    ("list", "data-structures"),
    ("tuple*", "data-structures"),
    ("dict*", "data-structures"),
    ("set", "data-structures"),
    ("frozenset", "data-structures"),
    ("array*", "data-structures"),
    ("deque", "data-structures"),
    ("namedtuple", "data-structures"),
    ("heap*", "data-structures"),
    ("counter", "data-structures"),
    ("defaultdict", "data-structures"),
    ("hash map", "data-structures"),
    ("hash table", "data-structures"),
    ("string*", "data-structures"),
    ("slicing", "data-structures"),
    ("copy", "data-structures"),
    ("deepcopy", "data-structures"),
    ("bytes", "data-structures"),
    ("bytearray", "data-structures"),
    ("data structure*", "data-structures"),
    ("comprehension*", "basics"),
    ("collections", "stdlib"),
    ("os", "stdlib"),
    ("sys", "stdlib"),
    ("datetime", "stdlib"),
    ("regex", "stdlib"),
    ("regular expression*", "stdlib"),
    ("logging", "stdlib"),
    ("random", "stdlib"),
    ("math", "stdlib"),
    ("subprocess", "stdlib"),
    ("standard library", "stdlib"),
    ("enumerate", "stdlib"),
    ("argparse", "stdlib"),
    ("command-line", "stdlib"),
    ("zip", "stdlib"),
    ("sorted", "stdlib"),
    ("signal*", "stdlib"),
];

/// Keywords too common to decide a topic when a more specific one is present; used only
/// when [`KEYWORD_TOPICS`] finds nothing.
const GENERIC_KEYWORDS: &[(&str, &str)] = &[
    ("class*", "oop"),
    ("object*", "oop"),
    ("method*", "oop"),
    ("self", "oop"),
    ("function*", "functions"),
    ("map", "functions"),
    ("filter", "functions"),
    ("module*", "packaging"),
    ("built-in*", "stdlib"),
    ("data type*", "basics"),
];

/// The taxonomy topic a source's tag names, `Some("")` for tags that name no topic, `None`
/// for tags this table does not know (callers then fall back to keywords).
fn tag_topic(tag: &str) -> Option<&'static str> {
    crate::text::with_lowercase(trim(tag).trim_matches('`'), tag_topic_lower)
}

/// [`tag_topic`] of a trimmed, lowercase tag.
fn tag_topic_lower(lower: &str) -> Option<&'static str> {
    if lower.starts_with("python ") && lower.ends_with('+') {
        return Some("");
    }
    static BY_TAG: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    let by_tag = BY_TAG.get_or_init(|| {
        let mut map = FxHashMap::default();
        for &(tag, topic) in TAG_TOPICS {
            // The first entry for a tag wins, as a search of the table in order would find it.
            map.entry(tag).or_insert(topic);
        }
        map
    });
    by_tag.get(lower).copied()
}

/// Topics whose keywords appear in `text`, in keyword-table order (most specific first).
pub fn infer_topics(text: &str) -> Vec<&'static str> {
    topics_in(text).into_vec()
}

/// [`infer_topics`], kept inline (a title has a topic or two).
fn topics_in(text: &str) -> SmallVec<[&'static str; 4]> {
    crate::text::with_lowercase(text, |lower| {
        let index = keyword_index();
        // Both tables are matched in one pass; the generic one only counts when the
        // specific one finds nothing.
        let hits = match_keywords(lower, index);
        let specific = hits.partition_point(|&i| i < index.generic_from);
        let hits = if specific > 0 {
            &hits[..specific]
        } else {
            &hits[..]
        };
        let mut topics: SmallVec<[&'static str; 4]> = SmallVec::new();
        for &i in hits {
            let topic = index.entries[i].1;
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
        topics
    })
}

/// A keyword table sorted by how its keys match, built once per table. Prefixes and
/// substrings are filed by their first byte, so a word (or a position in the text) is only
/// compared with the few keys that can match there: checking every key everywhere was most
/// of the cost of normalising a question.
struct KeywordIndex {
    /// The entries indexed, [`KEYWORD_TOPICS`] then [`GENERIC_KEYWORDS`]: the positions
    /// below are theirs.
    entries: Vec<(&'static str, &'static str)>,
    /// Where the generic table's entries start.
    generic_from: usize,
    /// Whole words and their plurals (`key`, `keys`, `keyes`), with the position of the
    /// key's entry in the table: a word of the text is looked up once, not once per
    /// singular it might have.
    words: FxHashMap<Box<str>, Vec<usize>>,
    /// For each first byte, the lengths of the words in `words` starting with it, as bits
    /// (bit 63 stands for 63 and longer): most words of a title are no key or plural of
    /// their length, and this says so without hashing them.
    word_lengths: Vec<u64>,
    /// The first two bytes of every word in `words`, like `pairs`: with `word_lengths`, it
    /// rules out nearly every word of a title without hashing it.
    word_pairs: [u64; 65536 / 64],
    /// Word prefixes (`thread*`), by first byte.
    prefixes: Vec<Vec<(&'static str, usize)>>,
    /// The first two bytes of every prefix, like `pairs`: most words start no prefix, and
    /// this says so without going through the prefixes of their first byte.
    prefix_pairs: [u64; 65536 / 64],
    /// Substrings (keys with spaces or punctuation), by first byte.
    substrings: Vec<Vec<(&'static str, usize)>>,
    /// The first two bytes of every substring, as a set of 16-bit numbers: most positions
    /// of a text start no substring, and this says so without looking further.
    pairs: [u64; 65536 / 64],
}

impl KeywordIndex {
    fn pair(a: u8, b: u8) -> usize {
        usize::from(a) << 8 | usize::from(b)
    }

    fn may_start_substring(&self, a: u8, b: u8) -> bool {
        Self::has_pair(&self.pairs, a, b)
    }

    /// Whether `word` may start with one of the prefixes (never wrongly false).
    fn may_start_prefix(&self, word: &[u8]) -> bool {
        // Every prefix key has two bytes or more.
        word.len() >= 2 && Self::has_pair(&self.prefix_pairs, word[0], word[1])
    }

    fn has_pair(set: &[u64; 65536 / 64], a: u8, b: u8) -> bool {
        let p = Self::pair(a, b);
        set[p / 64] & (1 << (p % 64)) != 0
    }

    fn add_pair(set: &mut [u64; 65536 / 64], key: &str) {
        let p = Self::pair(key.as_bytes()[0], key.as_bytes()[1]);
        set[p / 64] |= 1 << (p % 64);
    }

    fn length_bit(len: usize) -> u64 {
        1 << len.min(63)
    }

    /// Whether `word` may be in `words` (never wrongly false).
    fn may_be_word(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        bytes
            .first()
            .is_some_and(|&b| self.word_lengths[usize::from(b)] & Self::length_bit(word.len()) != 0)
            && (bytes.len() < 2 || Self::has_pair(&self.word_pairs, bytes[0], bytes[1]))
    }
}

impl KeywordIndex {
    fn new(
        specific: &'static [(&'static str, &'static str)],
        generic: &'static [(&'static str, &'static str)],
    ) -> Self {
        let mut index = KeywordIndex {
            entries: specific.iter().chain(generic).copied().collect(),
            generic_from: specific.len(),
            words: FxHashMap::default(),
            word_lengths: vec![0; 256],
            word_pairs: [0; 65536 / 64],
            prefixes: vec![Vec::new(); 256],
            substrings: vec![Vec::new(); 256],
            pairs: [0; 65536 / 64],
            prefix_pairs: [0; 65536 / 64],
        };
        let by_first_byte = |list: &mut Vec<Vec<(&'static str, usize)>>, key: &'static str, i| {
            if let Some(&b) = key.as_bytes().first() {
                list[usize::from(b)].push((key, i));
            }
        };
        for (i, &(key, _)) in specific.iter().chain(generic).enumerate() {
            if let Some(prefix) = key.strip_suffix('*') {
                if prefix.contains(' ') {
                    by_first_byte(&mut index.substrings, prefix, i);
                } else {
                    // `match_keywords` looks at a word's first two bytes first.
                    assert!(prefix.len() >= 2, "prefix key {key:?} is too short");
                    by_first_byte(&mut index.prefixes, prefix, i);
                    Self::add_pair(&mut index.prefix_pairs, prefix);
                }
            } else if key.contains(|c: char| !(c.is_alphanumeric() || c == '_')) {
                by_first_byte(&mut index.substrings, key, i);
            } else {
                for plural in ["", "s", "es"] {
                    let word = format!("{key}{plural}");
                    if let Some(&b) = word.as_bytes().first() {
                        index.word_lengths[usize::from(b)] |= Self::length_bit(word.len());
                    }
                    if word.len() >= 2 {
                        Self::add_pair(&mut index.word_pairs, &word);
                    }
                    index.words.entry(word.into()).or_default().push(i);
                }
            }
        }
        for list in &index.substrings {
            for (key, _) in list {
                // Every substring key has two bytes or more.
                Self::add_pair(&mut index.pairs, key);
            }
        }
        index
    }
}

fn keyword_index() -> &'static KeywordIndex {
    static INDEX: OnceLock<KeywordIndex> = OnceLock::new();
    INDEX.get_or_init(|| KeywordIndex::new(KEYWORD_TOPICS, GENERIC_KEYWORDS))
}

/// Calls `f` with each word of `text`: the runs of alphanumeric characters, `_` and `-`,
/// with `-` trimmed from their ends. ASCII text (nearly every title) is split on bytes;
/// anything else is split by characters, which gives the same words more slowly.
fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str)) {
    let mut emit = |w: &'t str| {
        let w = crate::text::trim_ascii_byte(w, b'-');
        if !w.is_empty() {
            f(w);
        }
    };
    if !text.is_ascii() {
        for w in text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')) {
            emit(w);
        }
        return;
    }
    // For ASCII, `char::is_alphanumeric` is `u8::is_ascii_alphanumeric`, and every index is
    // a character boundary. A table answers for each byte in one lookup.
    const WORD_BYTE: [bool; 128] = {
        let mut table = [false; 128];
        let mut b = 0;
        while b < 128 {
            table[b] =
                (b as u8).is_ascii_alphanumeric() || b == b'_' as usize || b == b'-' as usize;
            b += 1;
        }
        table
    };
    let mut start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        // (Every byte is ASCII here: the mask only spares a bounds check.)
        if !WORD_BYTE[usize::from(b & 0x7F)] {
            emit(&text[start..i]);
            start = i + 1;
        }
    }
    emit(&text[start..]);
}

/// The entries whose keys occur in `lower` (lowercase text), in order, possibly repeated.
fn match_keywords(lower: &str, index: &KeywordIndex) -> SmallVec<[usize; 8]> {
    let mut hits: SmallVec<[usize; 8]> = SmallVec::new();
    for_each_word(lower, |word| {
        // (An entry found twice, as `class` + `es` and `classe` + `s`, is harmless:
        // topics are deduplicated.)
        if index.may_be_word(word)
            && let Some(entries) = index.words.get(word)
        {
            hits.extend(entries.iter().copied());
        }
        if !index.may_start_prefix(word.as_bytes()) {
            return;
        }
        let first = usize::from(word.as_bytes()[0]);
        // (A loop rather than `extend` of a filter: a filter's size is not known in advance,
        // and `SmallVec::extend` paid for preparing to grow at every word.)
        for &(p, i) in &index.prefixes[first] {
            // The second byte rules out most candidates without a comparison of the whole
            // prefix.
            if word.as_bytes().get(1) == p.as_bytes().get(1) && word.starts_with(p) {
                hits.push(i);
            }
        }
    });
    // A substring occurs in the text when it starts at some byte of it.
    let bytes = lower.as_bytes();
    for at in 0..bytes.len().saturating_sub(1) {
        if !index.may_start_substring(bytes[at], bytes[at + 1]) {
            continue;
        }
        let rest = &bytes[at..];
        for &(key, i) in &index.substrings[usize::from(rest[0])] {
            if rest.starts_with(key.as_bytes()) {
                hits.push(i);
            }
        }
    }
    hits.sort_unstable();
    hits
}

/// The topics for a question: mapped source tags first (the first is the primary topic),
/// then topics inferred from `title`, at most three, never empty.
pub fn topics_for(tags: &[String], title: &str, fallback: Option<&'static str>) -> Vec<String> {
    let mut topics: SmallVec<[&'static str; 4]> = SmallVec::new();
    let push = |t: &'static str, topics: &mut SmallVec<[&'static str; 4]>| {
        if !t.is_empty() && !topics.contains(&t) {
            topics.push(t);
        }
    };
    for tag in tags {
        match tag_topic(tag) {
            Some(t) => push(t, &mut topics),
            None => {
                if let Some(&t) = topics_in(tag).first() {
                    push(t, &mut topics);
                }
            }
        }
    }
    let inferred = topics_in(title);
    if topics.is_empty() {
        for t in inferred.into_iter().take(2) {
            push(t, &mut topics);
        }
    } else if let Some(&t) = inferred.first() {
        push(t, &mut topics);
    }
    if topics.is_empty() {
        push(fallback.unwrap_or("basics"), &mut topics);
    }
    topics.truncate(3);
    debug_assert!(topics.iter().all(|t| pyprep_core::taxonomy::is_topic(t)));
    topics.into_iter().map(String::from).collect()
}

/// A name from a "companies" field after normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompanyName {
    /// A real company in its canonical spelling (`Meta`, not `FB`).
    Company(String),
    /// An audience or grouping label ("Most Tech Companies", "HFT Firms", "Code Pattern"),
    /// reported but never stored as a company.
    NotACompany(String),
}

/// Canonical company names and the other spellings guides use for them (lowercase).
const COMPANIES: &[(&str, &[&str])] = &[
    (
        "Google",
        &["google", "alphabet", "google deepmind", "deepmind"],
    ),
    ("Meta", &["meta", "facebook", "fb", "meta platforms"]),
    ("Amazon", &["amazon", "aws", "amazon web services"]),
    ("Microsoft", &["microsoft", "msft", "ms"]),
    ("Apple", &["apple"]),
    ("Netflix", &["netflix"]),
    ("Dropbox", &["dropbox"]),
    ("Stripe", &["stripe"]),
    ("Spotify", &["spotify"]),
    ("Uber", &["uber"]),
    ("Airbnb", &["airbnb"]),
    ("LinkedIn", &["linkedin"]),
    ("Instagram", &["instagram"]),
    ("X (Twitter)", &["twitter", "x", "x (twitter)"]),
    ("Salesforce", &["salesforce"]),
    ("Oracle", &["oracle"]),
    ("IBM", &["ibm"]),
    ("Adobe", &["adobe"]),
    ("NVIDIA", &["nvidia"]),
    ("Intel", &["intel"]),
    ("Bloomberg", &["bloomberg"]),
    ("Goldman Sachs", &["goldman sachs", "goldman"]),
    (
        "JPMorgan Chase",
        &[
            "jpmorgan",
            "jp morgan",
            "j.p. morgan",
            "jpmorgan chase",
            "jpmc",
        ],
    ),
    ("Palantir", &["palantir"]),
    ("Pinterest", &["pinterest"]),
    ("Reddit", &["reddit"]),
    ("Shopify", &["shopify"]),
    ("Lyft", &["lyft"]),
    ("OpenAI", &["openai", "open ai"]),
    ("PayPal", &["paypal"]),
    ("Atlassian", &["atlassian"]),
    ("Quora", &["quora"]),
    ("Yelp", &["yelp"]),
    ("Twilio", &["twilio"]),
    ("Databricks", &["databricks"]),
    ("Snowflake", &["snowflake"]),
    ("Coinbase", &["coinbase"]),
    ("Robinhood", &["robinhood"]),
    ("DoorDash", &["doordash"]),
    ("Instacart", &["instacart"]),
    ("Zillow", &["zillow"]),
    ("Booking.com", &["booking", "booking.com"]),
    ("Yandex", &["yandex"]),
    ("Tesla", &["tesla"]),
    ("Samsung", &["samsung"]),
    ("Cisco", &["cisco"]),
    ("VMware", &["vmware"]),
    ("Red Hat", &["red hat", "redhat"]),
    ("Jane Street", &["jane street"]),
    ("Two Sigma", &["two sigma"]),
    ("Citadel", &["citadel"]),
];

/// Words that make a name a grouping or an audience rather than one company.
const NOT_COMPANY_WORDS: &[&str] = &[
    "companies",
    "company",
    "firms",
    "firm",
    "startups",
    "startup",
    "frameworks",
    "framework",
    "pattern",
    "patterns",
    "most",
    "many",
    "various",
    "all",
    "legacy",
    "top",
    "other",
    "others",
    "faang",
    "maang",
    "manga",
    "tech",
    "enterprises",
    "enterprise",
    "banks",
    "teams",
    "roles",
    "interviews",
    "everyone",
    "any",
    "several",
    "common",
    "generic",
    "example",
    "examples",
    "code",
    "general",
    "n/a",
    "none",
    "unknown",
];

/// Normalises one company name; `None` for empty text.
pub fn normalize_company(raw: &str) -> Option<CompanyName> {
    let name = trim(
        trim(raw).trim_matches(|c: char| c == '`' || c == '*' || c == '"' || c == '.' || c == ','),
    );
    if name.is_empty() {
        return None;
    }
    crate::text::with_lowercase(name, |lower| {
        if let Some((canonical, _)) = COMPANIES
            .iter()
            .find(|(_, aliases)| aliases.contains(&lower))
        {
            return Some(CompanyName::Company((*canonical).to_string()));
        }
        let grouping = lower
            .split_whitespace()
            .any(|w| NOT_COMPANY_WORDS.contains(&w));
        let proper = name.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && lower.split_whitespace().count() <= 4
            && name.len() <= 40;
        if grouping || !proper {
            Some(CompanyName::NotACompany(name.to_string()))
        } else {
            Some(CompanyName::Company(name.to_string()))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn difficulties_keep_the_source_label() {
        assert_eq!(
            normalize_difficulty("Intermediate"),
            Some((Difficulty::Medium, Some("Intermediate".into())))
        );
        assert_eq!(
            normalize_difficulty("🔴 Hard"),
            Some((Difficulty::Hard, None))
        );
        assert_eq!(
            normalize_difficulty("Expert"),
            Some((Difficulty::Hard, Some("Expert".into())))
        );
        assert_eq!(
            normalize_difficulty("Beginner").unwrap().0,
            Difficulty::Easy
        );
        assert_eq!(normalize_difficulty("Tricky"), None);
        assert_eq!(
            difficulty_from_heading("7. Python Medium Level Questions"),
            Some(Difficulty::Medium)
        );
        assert_eq!(
            difficulty_from_heading("Python Basics"),
            Some(Difficulty::Easy)
        );
        assert_eq!(
            difficulty_from_heading("Advanced Topics: Async"),
            Some(Difficulty::Hard)
        );
        assert_eq!(
            difficulty_from_heading("OOP, Advanced Functions and Errors"),
            None
        );
        assert_eq!(difficulty_from_heading("Core Language"), None);
    }

    #[test]
    fn companies_use_one_spelling_and_groupings_are_kept_apart() {
        let c = |s: &str| normalize_company(s).unwrap();
        assert_eq!(c("FB"), CompanyName::Company("Meta".into()));
        assert_eq!(c(" facebook "), CompanyName::Company("Meta".into()));
        assert_eq!(c("AWS"), CompanyName::Company("Amazon".into()));
        assert_eq!(c("Dropbox"), CompanyName::Company("Dropbox".into()));
        assert_eq!(c("Acme Corp"), CompanyName::Company("Acme Corp".into()));
        assert!(matches!(
            c("Most Tech Companies"),
            CompanyName::NotACompany(_)
        ));
        assert!(matches!(c("HFT Firms"), CompanyName::NotACompany(_)));
        assert!(matches!(c("Code Pattern"), CompanyName::NotACompany(_)));
        assert_eq!(normalize_company("  "), None);
    }

    #[test]
    fn words_are_split_as_the_standard_split_does() {
        for text in [
            "what is the gil? -- and why-not __init__ co-routine-",
            "naïve café — résumé: ünïcödé words, «quoted» and ‐dashes‐",
            "- -a- --b-- c_d 12ab ",
            "",
            "ǅemo ⅷ ١٢٣ x\u{a0}y",
        ] {
            let mut words = Vec::new();
            for_each_word(text, |w| words.push(w));
            let expected: Vec<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .map(|w| w.trim_matches('-'))
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words, expected, "{text:?}");
        }
    }

    #[test]
    fn topics_come_from_tags_then_titles() {
        let tags = vec![
            "Internals".to_string(),
            "Concurrency".into(),
            "Advanced".into(),
        ];
        assert_eq!(
            topics_for(&tags, "What is the GIL?", None),
            ["internals", "concurrency"]
        );
        assert_eq!(
            topics_for(
                &[],
                "How do you write a decorator that caches results?",
                None
            ),
            ["decorators", "performance"]
        );
        assert_eq!(topics_for(&[], "What is the Zen?", None), ["basics"]);
        assert_eq!(
            topics_for(&[], "Explain `asyncio.gather` vs `TaskGroup`", None)[0],
            "asyncio"
        );
        assert!(
            TAG_TOPICS
                .iter()
                .all(|(_, t)| t.is_empty() || pyprep_core::taxonomy::is_topic(t))
        );
        assert!(
            KEYWORD_TOPICS
                .iter()
                .chain(GENERIC_KEYWORDS)
                .all(|(_, t)| pyprep_core::taxonomy::is_topic(t))
        );
        assert_eq!(
            infer_topics("How do you use the re module for regex matching?"),
            ["stdlib"]
        );
        assert_eq!(infer_topics("What is a module?"), ["packaging"]);
        assert_eq!(
            infer_topics("How do you share setup code using fixtures?"),
            ["testing"]
        );
        assert_eq!(infer_topics("What is `enumerate()`?"), ["stdlib"]);
    }
}

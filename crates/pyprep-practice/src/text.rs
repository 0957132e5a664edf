//! Turning prose into comparable terms: lowercase words, contractions and abbreviations
//! expanded or folded (GIL <-> global interpreter lock), stop words dropped, English stems,
//! and a few synonyms folded together, so wording differences do not hide a match.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Multi-word phrases folded into one term before stemming, so an acronym and its spelled-out
/// form meet. Longest phrases first.
const PHRASES: &[(&[&str], &str)] = &[
    (&["global", "interpreter", "lock"], "gil"),
    (&["method", "resolution", "order"], "mro"),
    (&["least", "recently", "used"], "lru"),
    (&["object", "oriented", "programming"], "oop"),
    (&["object", "oriented"], "oop"),
    (&["garbage", "collector"], "gc"),
    (&["garbage", "collection"], "gc"),
    (&["garbage", "collected"], "gc"),
    (&["reference", "counting"], "refcount"),
    (&["reference", "counts"], "refcount"),
    (&["reference", "count"], "refcount"),
    (&["ref", "count"], "refcount"),
    (&["ref", "counts"], "refcount"),
    (&["input", "output"], "io"),
    (&["virtual", "environment"], "venv"),
    (&["virtual", "environments"], "venv"),
    (&["hash", "map"], "hashtable"),
    (&["hash", "table"], "hashtable"),
    (&["hash", "tables"], "hashtable"),
    (&["list", "comprehension"], "listcomp"),
    (&["list", "comprehensions"], "listcomp"),
    (&["generator", "expression"], "genexpr"),
    (&["generator", "expressions"], "genexpr"),
    (&["context", "manager"], "contextmanager"),
    (&["context", "managers"], "contextmanager"),
    (&["event", "loop"], "eventloop"),
    (&["thread", "safe"], "threadsafe"),
    (&["one", "at", "a", "time"], "serial"),
];

/// Single words replaced before stemming: abbreviations and spelling variants.
const WORDS: &[(&str, &[&str])] = &[
    ("refcounting", &["refcount"]),
    ("refcounts", &["refcount"]),
    ("refcnt", &["refcount"]),
    ("func", &["function"]),
    ("funcs", &["functions"]),
    ("fn", &["function"]),
    ("dictionary", &["dict"]),
    ("dictionaries", &["dict"]),
    ("dicts", &["dict"]),
    ("arg", &["argument"]),
    ("args", &["arguments"]),
    ("kwarg", &["keyword", "argument"]),
    ("kwargs", &["keyword", "arguments"]),
    ("param", &["parameter"]),
    ("params", &["parameters"]),
    ("str", &["string"]),
    ("strs", &["strings"]),
    ("int", &["integer"]),
    ("ints", &["integers"]),
    ("bool", &["boolean"]),
    ("obj", &["object"]),
    ("objs", &["objects"]),
    ("attr", &["attribute"]),
    ("attrs", &["attributes"]),
    ("var", &["variable"]),
    ("vars", &["variables"]),
    ("impl", &["implementation"]),
    ("lib", &["library"]),
    ("libs", &["libraries"]),
    ("env", &["environment"]),
    ("db", &["database"]),
    ("dbs", &["databases"]),
    ("asynchronous", &["async"]),
    ("asynchronously", &["async"]),
    ("synchronous", &["sync"]),
    ("synchronously", &["sync"]),
    ("mutex", &["lock"]),
    ("mutexes", &["locks"]),
    ("hashmap", &["hashtable"]),
    ("genexp", &["genexpr"]),
    ("coro", &["coroutine"]),
    ("coros", &["coroutines"]),
    ("exc", &["exception"]),
    ("perf", &["performance"]),
    ("mem", &["memory"]),
    ("threadsafe", &["threadsafe"]),
    ("multithreading", &["multiple", "threads"]),
    ("multithreaded", &["multiple", "threads"]),
    ("multiprocessing", &["multiple", "processes"]),
    ("parallelism", &["parallel"]),
    ("immutability", &["immutable"]),
    ("mutability", &["mutable"]),
];

/// Stems folded together after stemming: different words, the same idea in an answer.
const STEM_SYNONYMS: &[(&str, &str)] = &[
    ("execut", "run"),
    ("ran", "run"),
    ("invok", "call"),
    ("modifi", "chang"),
    ("mutat", "chang"),
    ("alter", "chang"),
    ("quick", "fast"),
    ("speedi", "fast"),
    ("rapid", "fast"),
    ("simultan", "parallel"),
    ("error", "except"),
    ("fail", "except"),
    ("crash", "except"),
    ("retain", "keep"),
    ("preserv", "keep"),
    ("store", "save"),
    ("creat", "make"),
    ("construct", "make"),
    ("build", "make"),
    ("obtain", "get"),
    ("fetch", "get"),
    ("retriev", "get"),
];

/// Function words that carry no content for matching. Negations are kept out of this list's
/// effect on polarity: [`is_negation`] looks at raw words.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "before", "being", "both", "but", "by", "can", "could", "did", "do", "does", "doing",
    "done", "each", "either", "else", "etc", "even", "every", "for", "from", "get", "gets", "had",
    "has", "have", "having", "he", "her", "here", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "itself", "just", "like", "may", "might", "more", "most", "much", "must", "my",
    "no", "nor", "not", "of", "on", "once", "or", "other", "our", "out", "own", "per", "rather",
    "really", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "through", "thus", "to",
    "too", "under", "until", "up", "upon", "us", "use", "used", "uses", "using", "very", "via",
    "was", "way", "we", "well", "were", "what", "when", "where", "whether", "which", "while",
    "who", "whom", "why", "will", "with", "within", "without", "would", "you", "your", "e", "g",
    "eg", "ie", "python", "pythons", "s", "t", "explain", "describe", "question", "answer", "tell",
    "me", "give", "example", "instead",
];

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "cannot", "neither", "nor", "none", "nothing", "without",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Lowercase words, with contractions split (`doesn't` -> `does not`) and `i/o` kept whole.
pub fn words(text: &str) -> Vec<String> {
    let lowered = text
        .to_lowercase()
        .replace('\u{2019}', "'")
        .replace("i/o", " io ")
        .replace("can't", "can not")
        .replace("won't", "will not")
        .replace("n't", " not");
    let mut out = Vec::new();
    let mut current = String::new();
    for c in lowered.chars() {
        if c.is_alphanumeric() {
            current.push(c);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

pub fn is_negation(word: &str) -> bool {
    NEGATIONS.contains(&word)
}

/// The content terms of `text`, in order (duplicates kept).
pub fn terms(text: &str) -> Vec<String> {
    terms_of_words(&words(text))
}

pub fn terms_of_words(words: &[String]) -> Vec<String> {
    let mut folded: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    'outer: while i < words.len() {
        for (phrase, term) in PHRASES {
            if words[i..].len() >= phrase.len()
                && phrase.iter().zip(&words[i..]).all(|(p, w)| p == w)
            {
                folded.push((*term).to_string());
                i += phrase.len();
                continue 'outer;
            }
        }
        match WORDS.iter().find(|(w, _)| *w == words[i]) {
            Some((_, replacement)) => folded.extend(replacement.iter().map(|s| s.to_string())),
            None => folded.push(words[i].clone()),
        }
        i += 1;
    }
    folded
        .into_iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .filter(|w| w.chars().count() > 1 || w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| {
            let stem = stemmer().stem(&w).into_owned();
            match STEM_SYNONYMS.iter().find(|(s, _)| *s == stem) {
                Some((_, canonical)) => (*canonical).to_string(),
                None => stem,
            }
        })
        .collect()
}

/// Whether two terms count as the same: equal, or one typo apart in a long word.
pub fn same_term(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 6 && b.len() >= 6 && within_one_edit(a, b))
}

fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        // One substitution, or one swap of neighbours.
        let rest_equal = short[prefix + 1..] == long[prefix + 1..];
        let swapped = prefix + 1 < short.len()
            && short[prefix] == long[prefix + 1]
            && short[prefix + 1] == long[prefix]
            && short[prefix + 2..] == long[prefix + 2..];
        rest_equal || swapped
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_and_spelled_out_forms_meet() {
        assert_eq!(terms("the Global Interpreter Lock"), terms("GIL"));
        assert_eq!(terms("reference counting"), terms("refcount"));
        assert_eq!(terms("garbage collection"), terms("the GC"));
        assert_eq!(terms("kwargs"), terms("keyword arguments"));
    }

    #[test]
    fn stems_and_synonyms_fold_wording() {
        assert_eq!(terms("threads executing"), terms("thread runs"));
        assert_eq!(terms("a mutex"), terms("the lock"));
        assert_eq!(terms("it doesn't block"), ["block"]);
        assert_eq!(words("doesn't"), ["does", "not"]);
    }

    #[test]
    fn one_typo_in_a_long_word_still_matches() {
        assert!(same_term("generator", "generater"));
        assert!(same_term("coroutin", "coroutni"));
        assert!(same_term("decorat", "decorate"));
        assert!(!same_term("lock", "lick"), "short words must match exactly");
        assert!(!same_term("iterator", "iterable"));
    }
}

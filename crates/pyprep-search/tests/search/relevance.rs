//! For queries people really type (misspellings, identifiers, phrases, prefixes, questions in
//! plain English), the question they are after is among the first three hits on the real
//! built-in bank.

use pyprep_search::Request;

use crate::bank_index;

/// (query, the id expected in the top three, what the case exercises).
#[rustfmt::skip]
const CASES: &[(&str, &str, &str)] = &[
    ("corutine", "what-is-a-coroutine", "one typo"),
    ("asnyc await", "asyncio-async-await", "transposed letters"),
    ("decoratr", "how-decorators-work", "dropped letter"),
    ("garbage colection", "garbage-collection-refcount-cyclic", "typo in a second word"),
    ("polymorfism", "polymorphism", "typo mid-word"),
    ("lsit comprehension", "list-comprehensions", "typo in a four-letter word"),
    ("__get__", "descriptors", "dunder identifier as written"),
    ("descriptor __get__", "descriptors", "identifier with a word"),
    ("__slots__", "slots", "dunder identifier"),
    ("__slost__", "slots", "typo inside an identifier"),
    ("functools.lru_cache", "lru-cache-memoization", "dotted identifier"),
    ("lru_cache", "lru-cache-memoization", "part of a dotted identifier"),
    ("*args", "args-and-kwargs", "starred parameter"),
    ("**kwargs", "args-and-kwargs", "double-starred parameter"),
    ("__init__ vs __new__", "new-vs-init", "two identifiers"),
    ("@property", "property-managed-attributes", "decorator syntax"),
    ("asyncio.gather", "asyncio-async-await", "dotted call"),
    ("\"mutable default\"", "mutable-default-arguments", "exact phrase"),
    ("\"method resolution order\"", "mro-multiple-inheritance", "exact phrase in a title"),
    ("\"yield from\"", "coroutines-vs-generators", "phrase of code keywords"),
    ("\"lru cache\"", "lru-cache-memoization", "phrase across an identifier's parts"),
    ("decora", "how-decorators-work", "prefix while typing"),
    ("metaclas", "metaclasses", "prefix while typing"),
    ("context mana", "with-statement-and-context-managers", "prefix of a second word"),
    ("GIL", "gil-and-threads", "acronym"),
    ("global interpreter lock", "gil-and-threads", "words of a title"),
    ("MRO", "mro-multiple-inheritance", "acronym in body text"),
    ("what is the difference between a list and a tuple", "list-vs-tuple", "plain question"),
    ("is vs ==", "identity-vs-equality", "keyword and operator"),
    ("with statement", "with-statement-and-context-managers", "Python keyword as a word"),
    ("deep copy", "shallow-vs-deep-copy", "two words"),
    ("thread safe singleton", "thread-safe-singleton-coding", "coding problem"),
    ("top k frequent words", "counter-top-k-words", "coding problem by task"),
    ("sliding window maximum", "deque-sliding-window-max", "coding problem by task"),
    (":=", "walrus-operator", "operator alone"),
    ("pickle", "pickle-module", "module name"),
    ("walrus", "walrus-operator", "nickname"),
    ("f-strings", "string-formatting", "hyphenated plural"),
    ("reference counting", "garbage-collection-refcount-cyclic", "concept in key points"),
    ("N+1 queries ORM", "n-plus-one-queries", "symbols and acronym"),
    ("producer consumer", "producer-consumer-queue", "pattern name"),
];

#[test]
fn expected_question_is_in_the_top_three() {
    let index = bank_index();
    let mut failures = Vec::new();
    for &(query, expected, what) in CASES {
        let results = index.search(&Request::new(query)).expect("search runs");
        let top: Vec<&str> = results.hits.iter().take(3).map(|h| h.id.as_str()).collect();
        if !top.contains(&expected) {
            failures.push(format!(
                "{query:?} ({what}): expected {expected}, got {top:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn exact_spelling_outranks_typo_matches() {
    // "class" is one edit from "glass" and "clash"; a question about classes must still win.
    let results = bank_index()
        .search(&Request::new("classes objects "))
        .unwrap();
    assert_eq!(results.hits[0].id, "classes-and-objects");
}

#[test]
fn a_common_word_is_not_widened_to_its_neighbours() {
    // "list" is one edit from "last", "lost" and "lint"; spelt right, it means list.
    let mut request = Request::new("list ");
    request.limit = 1000;
    let results = bank_index().search(&request).unwrap();
    assert!(results.total > 10);
    for hit in &results.hits {
        let marked = format!("{} {}", hit.title_html, hit.snippet_html);
        for part in marked.split("<mark>").skip(1) {
            let word = part.split("</mark>").next().unwrap().to_lowercase();
            assert!(word.contains("list"), "{} marks {word:?}", hit.id);
        }
    }
}

#[test]
fn highlighting_marks_the_matched_words_only() {
    let results = bank_index().search(&Request::new("corutine ")).unwrap();
    let hit = results
        .hits
        .iter()
        .find(|h| h.id == "what-is-a-coroutine")
        .unwrap();
    assert_eq!(
        hit.title_html,
        "What is a <mark>coroutine</mark> in Python?"
    );
    assert!(hit.snippet_html.contains("<mark>"), "{}", hit.snippet_html);

    let results = bank_index().search(&Request::new("__slots__ ")).unwrap();
    let hit = &results.hits[0];
    assert_eq!(hit.id, "slots");
    assert_eq!(
        hit.title_html,
        "What `<mark>__slots__</mark>` does and when to use it"
    );
}

#[test]
fn snippets_are_html_safe() {
    // The answer about `if __name__ == '__main__'` is full of quotes and comparison signs.
    let results = bank_index().search(&Request::new("__main__ ")).unwrap();
    let hit = results.hits.iter().find(|h| h.id == "main-guard").unwrap();
    for html in [&hit.title_html, &hit.snippet_html] {
        let without_marks = html.replace("<mark>", "").replace("</mark>", "");
        assert!(
            !without_marks.contains(['<', '>', '"', '\'']),
            "unescaped markup in {html}"
        );
    }
    assert!(hit.title_html.contains("&#39;<mark>__main__</mark>&#39;"));
}

#[test]
fn phrases_need_the_words_in_order() {
    let index = bank_index();
    let total = |query: &str| index.search(&Request::new(query)).unwrap().total;
    let words = total("mutable default ");
    let phrase = total("\"mutable default\"");
    assert!(0 < phrase && phrase < words, "{phrase} of {words}");
    assert_eq!(
        total("\"default mutable\""),
        0,
        "no text has them in that order"
    );
}

#[test]
fn excluded_words_remove_questions() {
    let index = bank_index();
    let with = index.search(&Request::new("decorator ")).unwrap();
    let without = index.search(&Request::new("decorator -retry ")).unwrap();
    assert!(with.hits.iter().any(|h| h.id == "retry-decorator-coding"));
    assert!(
        without
            .hits
            .iter()
            .all(|h| h.id != "retry-decorator-coding")
    );
    assert!(without.total < with.total);
}

#[test]
fn a_query_nobody_can_match_finds_nothing_and_nonsense_never_fails() {
    let index = bank_index();
    let results = index.search(&Request::new("zzzqqqxxx ")).unwrap();
    assert_eq!((results.total, results.hits.len()), (0, 0));
    for query in [
        "",
        "\"",
        "-",
        "***",
        "\"\"",
        "a -a",
        "((",
        "é",
        "__",
        "'; DROP TABLE",
    ] {
        index.search(&Request::new(query)).expect(query);
    }
}

#[test]
fn a_query_with_one_word_too_many_is_relaxed_and_says_so() {
    let results = bank_index()
        .search(&Request::new("metaclass registers plugins zzzqqqxxx "))
        .unwrap();
    assert!(results.relaxed);
    assert_eq!(results.hits[0].id, "plugin-registry-metaclass-coding");
}

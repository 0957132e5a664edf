//! Answers written for real bank questions: good ones must cover most key points, weak ones
//! few, and the question pasted back nothing.

use pyprep_core::{Question, parse_question};

use super::*;

fn bank(path: &str, text: &str) -> Question {
    parse_question(path, text).expect("bank file parses")
}

fn gil() -> Question {
    bank(
        "gil-and-threads.md",
        include_str!("../../../../bank/concurrency/gil-and-threads.md"),
    )
}

fn tuples() -> Question {
    bank(
        "list-vs-tuple.md",
        include_str!("../../../../bank/data-structures/list-vs-tuple.md"),
    )
}

fn decorators() -> Question {
    bank(
        "how-decorators-work.md",
        include_str!("../../../../bank/decorators/how-decorators-work.md"),
    )
}

fn covered(check: &AnswerCheck) -> usize {
    check.covered().count()
}

const GOOD_GIL: &str = "CPython has a global interpreter lock: a mutex so that only one thread \
executes bytecode at any moment. It exists to protect reference counts and other interpreter \
internals, and it keeps the C implementation simple. For I/O-bound work threads still help, \
because blocking I/O calls and many C extensions release the lock. CPU-bound pure Python \
threads get no parallel speed-up, so use multiprocessing or native code instead. The GIL \
doesn't make your code thread-safe: x += 1 can still race, so you still need locks. Since \
3.13 there is an optional free-threaded build without it (PEP 703).";

const GOOD_TUPLES: &str = "Lists can be changed after creation; tuples can't, they are \
immutable. Because of that a tuple is hashable when everything inside it is hashable, so it \
works as a dictionary key or in a set, which a list never can. By convention a list holds many \
items of one kind, while a tuple is a fixed-size record where each position means something. \
Tuples are a bit smaller and quicker to create, and constant tuples are folded by the compiler. \
The immutability is shallow though: a list inside a tuple can still be mutated.";

const GOOD_DECORATORS: &str = "A decorator is a callable that receives a function and returns \
a replacement for it. Writing @deco above def f is syntax sugar for f = deco(f), run once when \
the function is defined. The wrapper usually takes *args and **kwargs and forwards them, and \
the closure remembers the original function. Use functools.wraps so the wrapper keeps __name__, \
__doc__ and __qualname__ and gets __wrapped__. A decorator that takes its own arguments needs \
an extra layer: a factory that returns the real decorator. Stacked decorators are applied \
bottom-up: the one nearest the def wraps first.";

#[test]
fn good_answers_cover_most_key_points() {
    for (question, answer) in [
        (gil(), GOOD_GIL),
        (tuples(), GOOD_TUPLES),
        (decorators(), GOOD_DECORATORS),
    ] {
        let check = check_answer(&question, answer);
        let missed: Vec<&str> = check.missed().map(|k| k.text.as_str()).collect();
        assert!(!check.echo, "{}", question.id);
        assert!(
            check.coverage >= 0.8,
            "{}: coverage {} missed {missed:#?}",
            question.id,
            check.coverage
        );
        assert!(
            check.suggested >= Grade::Good,
            "{}: {:?}",
            question.id,
            check.suggested
        );
        assert!(
            check.red_flags.is_empty(),
            "{}: {:?}",
            question.id,
            check.red_flags
        );
    }
}

#[test]
fn weak_answers_cover_few_key_points() {
    for (question, answer) in [
        (gil(), "The GIL is a lock that makes Python slow."),
        (
            tuples(),
            "Tuples use round brackets and lists use square brackets.",
        ),
        (
            decorators(),
            "Decorators are the @ lines you see above functions in Flask apps.",
        ),
    ] {
        let check = check_answer(&question, answer);
        assert!(
            covered(&check) <= 1 && check.coverage <= 0.3,
            "{}: coverage {} {:#?}",
            question.id,
            check.coverage,
            check.key_points
        );
        assert!(check.suggested <= Grade::Hard, "{}", question.id);
    }
}

#[test]
fn a_partial_answer_lands_in_between_and_names_what_was_missed() {
    let check = check_answer(
        &gil(),
        "Only one thread runs Python bytecode at a time because of the global interpreter \
         lock. Threads are still fine for I/O-bound work since blocking I/O releases it, but \
         CPU-bound threads get no speed-up; use processes.",
    );
    let n = check.key_points.len();
    assert!(
        covered(&check) >= 2 && covered(&check) < n,
        "{:#?}",
        check.key_points
    );
    assert!(check.suggested == Grade::Hard || check.suggested == Grade::Good);
    let missed: Vec<&str> = check.missed().map(|k| k.text.as_str()).collect();
    assert!(
        missed.iter().any(|k| k.contains("free-threaded")),
        "the 3.13 build was not mentioned: {missed:#?}"
    );
}

#[test]
fn pasting_the_question_back_scores_nothing() {
    for question in [gil(), tuples(), decorators()] {
        for echo in [
            question.prompt.clone(),
            format!("{} {}", question.title, question.prompt),
            question.prompt.to_uppercase(),
        ] {
            let check = check_answer(&question, &echo);
            assert!(check.echo, "{}: {echo}", question.id);
            assert_eq!(check.coverage, 0.0);
            assert_eq!(covered(&check), 0);
            assert_eq!(check.suggested, Grade::Again);
        }
    }
    let empty = check_answer(&gil(), "   ");
    assert!(empty.echo && empty.suggested == Grade::Again);
}

#[test]
fn abbreviations_and_their_long_forms_score_alike() {
    let short = check_answer(
        &gil(),
        "The GIL only lets one thread execute bytecode at a time; it protects refcounts.",
    );
    let long = check_answer(
        &gil(),
        "The global interpreter lock only lets one thread run bytecode at a time; it \
         protects reference counting.",
    );
    assert_eq!(short.key_points[0].status, Status::Covered);
    assert_eq!(long.key_points[0].status, Status::Covered);
    assert_eq!(short.key_points[1].status, long.key_points[1].status);
    assert!((short.key_points[0].score - long.key_points[0].score).abs() < 1e-6);
}

#[test]
fn red_flags_warn_only_when_stated_with_the_same_polarity() {
    let wrong = check_answer(
        &gil(),
        "Threads take turns. The GIL makes shared data structures automatically thread-safe, \
         so locks are unnecessary.",
    );
    assert_eq!(
        wrong.red_flags,
        ["Believes the GIL makes shared data structures automatically thread-safe"]
    );
    assert!(wrong.suggested <= Grade::Hard);
    let right = check_answer(
        &gil(),
        "Threads take turns. The GIL does not make shared data structures automatically \
         thread-safe, so locks are still needed.",
    );
    assert!(right.red_flags.is_empty(), "{:?}", right.red_flags);
    let tuple_flag = check_answer(
        &tuples(),
        "Tuples are immutable and lists are mutable. Parentheses make a tuple.",
    );
    assert_eq!(
        tuple_flag.red_flags,
        ["Thinks parentheses, not commas, make a tuple"]
    );
}

#[test]
fn output_predictions_compare_lines_and_ignore_trailing_space() {
    let expected = "[0, 1, 2]\noverlapped: True\n";
    assert!(check_output(expected, "[0, 1, 2]  \noverlapped: True").correct);
    assert!(check_output(expected, "[0, 1, 2]\n\noverlapped: True\n\n").correct);
    let wrong = check_output(expected, "[0, 1, 2]\noverlapped: False\n");
    assert!(!wrong.correct);
    assert_eq!(wrong.first_difference, Some(2));
    assert_eq!(wrong.grade(), Grade::Again);
    let short = check_output(expected, "[0, 1, 2]");
    assert_eq!(short.first_difference, Some(2));
    assert_eq!(check_output(expected, expected).grade(), Grade::Good);
}

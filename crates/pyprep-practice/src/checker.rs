//! Checking a typed answer against a question's key points and red flags, and a predicted
//! output against the real one. The checker suggests a grade; the user decides.
//!
//! Words the question itself uses are no evidence of knowing the answer, so they carry no
//! weight, and an answer that is mostly the question pasted back scores nothing.

use std::collections::BTreeSet;

use pyprep_core::Question;
use serde::{Deserialize, Serialize};

use crate::card::Grade;
use crate::text::{is_negation, same_term, terms, terms_of_words, words};

/// How well an answer covers one key point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Covered,
    Partial,
    Missed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyPointResult {
    pub text: String,
    pub status: Status,
    /// Weighted share of the key point's terms found in the answer, 0 to 1.
    pub score: f32,
}

/// The verdict on a typed answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerCheck {
    pub key_points: Vec<KeyPointResult>,
    /// Red flags the answer seems to state.
    pub red_flags: Vec<String>,
    /// The answer is (almost) only the question's own words.
    pub echo: bool,
    /// Covered key points count 1, partial ones 0.5: the mean, 0 to 1.
    pub coverage: f32,
    pub suggested: Grade,
}

impl AnswerCheck {
    pub fn covered(&self) -> impl Iterator<Item = &KeyPointResult> {
        self.key_points
            .iter()
            .filter(|k| k.status == Status::Covered)
    }

    pub fn missed(&self) -> impl Iterator<Item = &KeyPointResult> {
        self.key_points
            .iter()
            .filter(|k| k.status != Status::Covered)
    }
}

const COVERED: f32 = 0.5;
const PARTIAL: f32 = 0.25;

/// Red flags describing something the candidate leaves out cannot be seen in what they wrote.
const ABSENCE_VERBS: &[&str] = &[
    "forgets",
    "ignores",
    "cannot",
    "misses",
    "omits",
    "only",
    "never",
    "fails",
    "lacks",
    "skips",
    "leaves",
    "overlooks",
    "neglects",
    "can",
    "does",
    "has",
    "is",
    "no",
];

/// Leading verbs that frame a red flag as a belief; the belief itself follows.
const FRAMING_VERBS: &[&str] = &[
    "thinks",
    "believes",
    "says",
    "claims",
    "expects",
    "assumes",
    "states",
    "insists",
    "suggests",
    "argues",
    "answers",
    "describes",
];

fn contains(set: &BTreeSet<String>, term: &str) -> bool {
    set.contains(term) || set.iter().any(|t| same_term(t, term))
}

/// Checks `answer` against `question`'s key points and red flags.
pub fn check_answer(question: &Question, answer: &str) -> AnswerCheck {
    let given: BTreeSet<String> = terms(&format!("{}\n{}", question.title, question.prompt))
        .into_iter()
        .collect();
    let said: BTreeSet<String> = terms(answer).into_iter().collect();
    let novel = said.iter().filter(|t| !contains(&given, t)).count();
    let echo = said.is_empty() || novel < 2 || novel * 4 < said.len();

    let key_points: Vec<KeyPointResult> = question
        .key_points
        .iter()
        .map(|point| {
            let score = if echo {
                0.0
            } else {
                key_point_score(point, &given, &said)
            };
            let status = if score >= COVERED {
                Status::Covered
            } else if score >= PARTIAL {
                Status::Partial
            } else {
                Status::Missed
            };
            KeyPointResult {
                text: point.clone(),
                status,
                score,
            }
        })
        .collect();
    let coverage = if key_points.is_empty() {
        0.0
    } else {
        key_points
            .iter()
            .map(|k| match k.status {
                Status::Covered => 1.0,
                Status::Partial => 0.5,
                Status::Missed => 0.0,
            })
            .sum::<f32>()
            / key_points.len() as f32
    };
    let red_flags: Vec<String> = if echo {
        Vec::new()
    } else {
        question
            .red_flags
            .iter()
            .filter(|flag| states_red_flag(flag, answer))
            .cloned()
            .collect()
    };
    let mut suggested = if echo || coverage < 0.25 {
        Grade::Again
    } else if coverage < 0.55 {
        Grade::Hard
    } else if coverage < 0.85 {
        Grade::Good
    } else {
        Grade::Easy
    };
    if !red_flags.is_empty() {
        suggested = suggested.min(Grade::Hard);
    }
    AnswerCheck {
        key_points,
        red_flags,
        echo,
        coverage,
        suggested,
    }
}

fn key_point_score(point: &str, given: &BTreeSet<String>, said: &BTreeSet<String>) -> f32 {
    let point_terms: BTreeSet<String> = terms(point).into_iter().collect();
    if point_terms.is_empty() {
        return 0.0;
    }
    let mut weights: Vec<(&String, f32)> = point_terms
        .iter()
        .map(|t| (t, if contains(given, t) { 0.0 } else { 1.0 }))
        .collect();
    // A key point made only of the question's words can only be restated; weigh them all.
    if weights.iter().all(|(_, w)| *w == 0.0) {
        weights.iter_mut().for_each(|(_, w)| *w = 1.0);
    }
    let total: f32 = weights.iter().map(|(_, w)| w).sum();
    let found: f32 = weights
        .iter()
        .filter(|(t, _)| contains(said, t))
        .map(|(_, w)| w)
        .sum();
    found / total
}

/// Whether some sentence of `answer` states what `flag` warns about, not negated (saying "the
/// GIL does not make code thread-safe" must not trip "believes the GIL makes code
/// thread-safe").
fn states_red_flag(flag: &str, answer: &str) -> bool {
    let mut flag_words = words(flag);
    let Some(first) = flag_words.first() else {
        return false;
    };
    if ABSENCE_VERBS.contains(&first.as_str()) {
        return false;
    }
    if FRAMING_VERBS.contains(&first.as_str()) {
        flag_words.remove(0);
    }
    let flag_negated = flag_words.iter().any(|w| is_negation(w));
    let flag_terms: BTreeSet<String> = terms_of_words(&flag_words).into_iter().collect();
    if flag_terms.len() < 2 {
        return false;
    }
    let needed = ((flag_terms.len() as f32) * 0.6).ceil().max(2.0) as usize;
    answer
        .split(['.', '!', '?', ';', '\n'])
        .filter(|s| !s.trim().is_empty())
        .any(|sentence| {
            let sentence_words = words(sentence);
            let negated = sentence_words.iter().any(|w| is_negation(w));
            let sentence_terms: BTreeSet<String> =
                terms_of_words(&sentence_words).into_iter().collect();
            let hits = flag_terms
                .iter()
                .filter(|t| contains(&sentence_terms, t))
                .count();
            // A negation inside the flag is often part of the belief ("parentheses, not
            // commas, make a tuple"), so only a negated answer to a plain flag is let off.
            hits >= needed && (flag_negated || !negated)
        })
}

/// The verdict on a predicted output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputCheck {
    pub correct: bool,
    /// 1-based line of the first difference (after normalising), when wrong.
    pub first_difference: Option<usize>,
    pub expected: String,
}

impl OutputCheck {
    /// Drills are graded automatically: right is Good, wrong is Again.
    pub fn grade(&self) -> Grade {
        if self.correct {
            Grade::Good
        } else {
            Grade::Again
        }
    }
}

/// Output lines as compared: trailing spaces and blank lines do not count, because a typed
/// prediction cannot show them reliably (an empty line ends the input).
fn output_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Compares a predicted output with the real one.
pub fn check_output(expected: &str, typed: &str) -> OutputCheck {
    let want = output_lines(expected);
    let got = output_lines(typed);
    let first_difference = (0..want.len().max(got.len()))
        .find(|&i| want.get(i) != got.get(i))
        .map(|i| i + 1);
    OutputCheck {
        correct: first_difference.is_none(),
        first_difference,
        expected: expected.to_string(),
    }
}

#[cfg(test)]
mod tests;

//! Separating what interviewers look for, strong signals, red flags and follow-ups from the
//! answer they are written next to. Guides mark them with bold labels
//! (`**Red flag answer:** ...`, `**Follow-ups:**` and a list); each reader says which labels
//! mean what.

use std::borrow::Cow;

use crate::body::{self, Block};
use crate::draft::{Draft, parse_follow_up};
use crate::text::trim;

/// Where the lines under a label go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Answer,
    KeyPoints,
    LookFor,
    StrongSignals,
    RedFlags,
    FollowUps,
    /// A label that only introduces the answer ("**Answer**:"); the line is dropped.
    Drop,
}

/// The common labels, lowercase, without the trailing colon.
pub(crate) fn standard_label(label: &str) -> Option<Target> {
    crate::text::with_lowercase(label, standard_label_lower)
}

/// [`standard_label`] of a lowercase label.
fn standard_label_lower(l: &str) -> Option<Target> {
    let l = trim(trim(l).trim_end_matches(':'));
    Some(match l {
        "answer" | "strategy" | "explanation" | "solution" | "interview insights" => Target::Drop,
        "what interviewers are really testing"
        | "what they test"
        | "what they're testing"
        | "what they are testing"
        | "what interviewers look for"
        | "what interviewers test"
        | "look for"
        | "what to look for" => Target::LookFor,
        "strong signal"
        | "strong signals"
        | "strong answer signals"
        | "strong answer"
        | "green flags" => Target::StrongSignals,
        "red flag" | "red flags" | "red flag answer" | "red flag answers" | "weak answer"
        | "common mistakes" => Target::RedFlags,
        "follow-up"
        | "follow-ups"
        | "follow up"
        | "follow ups"
        | "follow-up questions"
        | "followups" => Target::FollowUps,
        "key points" | "key takeaways" => Target::KeyPoints,
        _ => return None,
    })
}

/// `(label, rest)` of a line that starts with a bold label: `**Label:** rest` or
/// `**Label**: rest`. The colon is required so ordinary bold text is not a label.
pub(crate) fn label_prefix(line: &str) -> Option<(&str, &str)> {
    let t = crate::text::trim_start(line);
    let inner = t.strip_prefix("**")?;
    let close = crate::text::find_double_star(inner)?;
    let (label, rest) = (&inner[..close], &inner[close + 2..]);
    if let Some(label) = label.strip_suffix(':') {
        return Some((trim(label), trim(rest)));
    }
    let rest = rest.strip_prefix(':')?;
    Some((trim(label), trim(rest)))
}

/// Unwraps an item written entirely in quotes (`"It releases the GIL"`). Items are nearly
/// always unquoted and trimmed already, and are then returned as they are, not copied.
fn unquote(item: String) -> String {
    let t = trim(&item);
    let inner = t
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .filter(|s| !s.contains('"'));
    match inner {
        Some(inner) => inner.to_string(),
        None if t.len() == item.len() => item,
        None => t.to_string(),
    }
}

/// Splits `blocks` into the answer and the labelled insight lists, which are added to
/// `draft`. Lines start out going to `initial`; `classify` maps a label to its target.
pub(crate) fn split<'a>(
    mut blocks: Vec<Block<'a>>,
    initial: Target,
    classify: &dyn Fn(&str) -> Option<Target>,
    draft: &mut Draft,
) -> Vec<Block<'a>> {
    // The answer is written over `blocks` itself: nearly every block goes to it, and no
    // block gives more than one, so the answer never overtakes the block being read.
    let mut kept = 0;
    let mut keep = |blocks: &mut Vec<Block<'a>>, block: Block<'a>| {
        blocks[kept] = block;
        kept += 1;
    };
    let mut target = initial;
    // Lines of the current insight: either one paragraph or list items.
    let mut items: Vec<String> = Vec::new();
    let mut paragraph = false;
    let mut after_blank = false;
    let flush = |target: Target, items: &mut Vec<String>, draft: &mut Draft| {
        let taken = std::mem::take(items);
        let list = match target {
            Target::KeyPoints => &mut draft.key_points,
            Target::LookFor => &mut draft.look_for,
            Target::StrongSignals => &mut draft.strong_signals,
            Target::RedFlags => &mut draft.red_flags,
            Target::FollowUps => {
                draft.follow_ups.extend(
                    taken
                        .iter()
                        .filter(|t| !t.is_empty())
                        .map(|t| parse_follow_up(t)),
                );
                return;
            }
            Target::Answer | Target::Drop => return,
        };
        list.extend(taken.into_iter().filter(|t| !t.is_empty()).map(unquote));
    };
    for read in 0..blocks.len() {
        let block = std::mem::replace(
            &mut blocks[read],
            Block::Text {
                no: 0,
                text: Cow::Borrowed(""),
            },
        );
        let (no, text) = match block {
            Block::Text { no, text } => (no, text),
            fence @ Block::Fence(_) => {
                if target != Target::Answer {
                    flush(target, &mut items, draft);
                    target = Target::Answer;
                }
                keep(&mut blocks, fence);
                continue;
            }
        };
        if let Some((label, rest)) = label_prefix(&text)
            && let Some(t) = classify(label)
        {
            flush(target, &mut items, draft);
            after_blank = false;
            if t == Target::Drop {
                target = Target::Answer;
                if !rest.is_empty() {
                    let text = rest.to_string().into();
                    keep(&mut blocks, Block::Text { no, text });
                }
                continue;
            }
            target = t;
            paragraph = !rest.is_empty();
            if paragraph {
                items.push(rest.to_string());
            }
            continue;
        }
        if target == Target::Answer {
            keep(&mut blocks, Block::Text { no, text });
            continue;
        }
        let t = trim(&text);
        if t.is_empty() {
            after_blank = true;
            if paragraph {
                flush(target, &mut items, draft);
                target = initial;
                paragraph = false;
            }
            continue;
        }
        if let Some(item) = body::strip_list_marker(t) {
            if paragraph && !items.is_empty() {
                flush(target, &mut items, draft);
            }
            paragraph = false;
            items.push(item.to_string());
        } else if !items.is_empty() && (!after_blank || paragraph) {
            let last = items.last_mut().expect("checked non-empty");
            last.push(' ');
            last.push_str(t);
        } else if items.is_empty() {
            paragraph = true;
            items.push(t.to_string());
        } else {
            // Prose after the list: the insight is over and the answer resumes.
            flush(target, &mut items, draft);
            target = Target::Answer;
            keep(&mut blocks, Block::Text { no, text });
        }
        after_blank = false;
    }
    flush(target, &mut items, draft);
    blocks.truncate(kept);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ItemKind;

    fn text(lines: &[&str]) -> Vec<Block<'static>> {
        lines
            .iter()
            .enumerate()
            .map(|(i, t)| Block::Text {
                no: i as u32 + 1,
                text: t.to_string().into(),
            })
            .collect()
    }

    #[test]
    fn labelled_paragraphs_and_lists_leave_the_answer() {
        let mut d = Draft::new(ItemKind::Accordion, 1, "t");
        let rest = split(
            text(&[
                "**Answer**:",
                "",
                "**What interviewers are really testing:** Whether you know it.",
                "",
                "The answer itself.",
                "",
                "**Red flag answer:** Saying nothing.",
                "",
                "**Follow-up:**",
                "",
                "1. \"Why?\" (Because.)",
                "2. \"How?\"",
            ]),
            Target::Answer,
            &standard_label,
            &mut d,
        );
        let answer: Vec<String> = rest
            .into_iter()
            .filter_map(|b| match b {
                Block::Text { text, .. } if !text.is_empty() => Some(text.into_owned()),
                _ => None,
            })
            .collect();
        assert_eq!(answer, ["The answer itself."]);
        assert_eq!(d.look_for, ["Whether you know it."]);
        assert_eq!(d.red_flags, ["Saying nothing."]);
        assert_eq!(d.follow_ups.len(), 2);
        assert_eq!(d.follow_ups[0].answer, "Because.");
    }

    #[test]
    fn unlabelled_tip_lists_are_key_points() {
        let mut d = Draft::new(ItemKind::QaSection, 1, "t");
        split(
            text(&["", "- \"one\"", "- two", "", "**Red flags:**", "", "- bad"]),
            Target::KeyPoints,
            &standard_label,
            &mut d,
        );
        assert_eq!(d.key_points, ["one", "two"]);
        assert_eq!(d.red_flags, ["bad"]);
    }
}

//! Merging duplicate questions: the same question asked by several guides (or already in
//! the bank) becomes one question with every source, every answer kept and attributed
//! (`Source::answer`), and the union of companies, topics, links, insights and follow-ups.
//!
//! Questions merge only when their titles ask the same thing (see [`similarity`]) and they
//! are the same kind of exercise; an existing question keeps its canonical answer. Incoming
//! questions are taken in order and each joins the best matching group, so the result is
//! deterministic; a question whose source (document and wording) an existing question
//! already lists is recognised as already imported, so importing a file twice changes
//! nothing the second time.

pub mod similarity;

use pyprep_core::{Question, Source};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use smallvec::SmallVec;

use similarity::{Sig, sig};

/// The question a merge group settles on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Target {
    /// An existing question (index into `existing`); its canonical answer stays.
    Existing(usize),
    /// An incoming question (index into `incoming`), chosen as the one with the fullest answer.
    Incoming(usize),
}

/// Questions found to be one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergeGroup {
    pub target: Target,
    /// Every incoming question in the group (indices into `incoming`, in order), the target
    /// included when it is incoming.
    pub members: Vec<usize>,
    /// Id and title of the merged question.
    pub id: String,
    pub title: String,
    /// The members' titles, in the order of `members`.
    pub titles: Vec<String>,
    /// The lowest title similarity between a member and the question it joined.
    pub similarity: f32,
}

impl MergeGroup {
    /// How many questions the group joins (the existing target counts too).
    pub fn size(&self) -> usize {
        self.members.len() + usize::from(matches!(self.target, Target::Existing(_)))
    }
}

/// The result of merging incoming questions into existing ones.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOutcome {
    /// Groups of two or more questions: the duplicates found.
    pub groups: Vec<MergeGroup>,
    /// New questions, one per group of incoming questions that matched nothing existing, in
    /// order of their first member; ids are unique among themselves and the existing ones.
    pub added: Vec<Question>,
    /// Existing questions that gained sources or metadata: (index into `existing`, merged value).
    pub updated: Vec<(usize, Question)>,
    /// Incoming questions (indices) that an existing question already lists as a source.
    pub unchanged: Vec<usize>,
}

/// Counts of a merge, for the CLI's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergeSummary {
    pub incoming: usize,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Groups of two or more questions merged into one.
    pub duplicate_groups: usize,
    /// Incoming questions that were merged into another question.
    pub merged_away: usize,
}

impl MergeOutcome {
    pub fn summary(&self, incoming: usize) -> MergeSummary {
        MergeSummary {
            incoming,
            added: self.added.len(),
            updated: self.updated.len(),
            unchanged: self.unchanged.len(),
            duplicate_groups: self.groups.len(),
            merged_away: self.groups.iter().map(|g| g.size() - 1).sum(),
        }
    }
}

struct Group {
    target: Option<usize>,
    members: SmallVec<[usize; 2]>,
    kind: pyprep_core::Kind,
    similarity: f32,
}

/// A question's signatures, each with the key it is filed under ([`Sig::key_hash`]).
pub(crate) type Sigs = Vec<(u64, Sig)>;

/// Signatures of a question's wordings: its title and the titles its sources used, and for
/// a title that asks two things ("What is the GIL? How does it affect performance?") its
/// first question too, since an answer to both answers the first.
pub(crate) fn signatures(q: &Question) -> Sigs {
    // Sized for the usual case (one wording, or one per source) so neither grows.
    let mut sigs: Sigs = Vec::with_capacity(q.sources.len() + 2);
    for (k, title) in wordings(q).enumerate() {
        // (A question has a wording or two, so looking back costs less than remembering.)
        if wordings(q).take(k).any(|t| t == title) {
            continue;
        }
        let first = crate::text::find_pair(title, *b"? ")
            .filter(|&p| title[p + 2..].starts_with(|c: char| c.is_uppercase()))
            .map(|p| &title[..=p]);
        for t in std::iter::once(title).chain(first) {
            let sig = sig(t);
            if !sigs.iter().any(|(_, s)| *s == sig) {
                sigs.push((sig.key_hash(), sig));
            }
        }
    }
    sigs
}

/// The wordings [`signatures`] reads: the title, then each source's.
fn wordings(q: &Question) -> impl Iterator<Item = &str> {
    std::iter::once(q.title.as_str()).chain(q.sources.iter().map(|s| s.title.as_str()))
}

/// A question's signatures as the importer made them while reading it, to be handed to the
/// merge with the question ([`merge_documents`]) instead of being made again, with a
/// fingerprint of the wordings they were made from: a question whose wordings changed
/// since is signed afresh, so a caller that edits questions in between cannot get a merge
/// decided on titles they no longer have.
#[derive(Clone, PartialEq)]
pub(crate) struct Signed {
    wordings: u64,
    sigs: Sigs,
}

impl Signed {
    pub(crate) fn of(q: &Question) -> Signed {
        Signed {
            wordings: fingerprint(q),
            sigs: signatures(q),
        }
    }

    /// `q`'s signatures, `sigs`, made by the caller.
    pub(crate) fn with(q: &Question, sigs: Sigs) -> Signed {
        Signed {
            wordings: fingerprint(q),
            sigs,
        }
    }

    /// The signatures, when they are still `q`'s.
    fn for_question(self, q: &Question) -> Sigs {
        if self.wordings == fingerprint(q) {
            self.sigs
        } else {
            signatures(q)
        }
    }
}

/// A hash of a question's wordings (a tiny fraction of the cost of signing them).
fn fingerprint(q: &Question) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for title in wordings(q) {
        h.write(title.as_bytes());
        h.write_u8(0xFF);
    }
    h.finish()
}

/// Decides the merge groups and builds the merged questions.
pub fn merge(existing: &[Question], incoming: &[Question]) -> MergeOutcome {
    let (existing_sigs, incoming_sigs) = sign(existing, incoming, None);
    // (Copied here: the questions are made in place, see `build`.)
    merge_signed_with(existing, incoming.to_vec(), &existing_sigs, &incoming_sigs)
}

/// [`merge`] for a caller that hands its incoming questions over: the same outcome, but each
/// new question is moved into it rather than copied (with its answer, examples and
/// sources), and the rest are dropped here.
pub fn merge_owned(existing: &[Question], incoming: Vec<Question>) -> MergeOutcome {
    merge_signed(existing, incoming, None).0
}

/// [`merge_owned`] of the questions of whole documents, in order (as
/// `documents.into_iter().flat_map(|d| d.questions)` gives them), with the title
/// signatures the documents were read with: signing the titles is most of a merge's work,
/// and [`crate::parse`] already did it, on every core, while reading.
pub fn merge_documents(
    existing: &[Question],
    documents: Vec<crate::ParsedDocument>,
) -> MergeOutcome {
    let total = documents.iter().map(|d| d.questions.len()).sum();
    let mut incoming = Vec::with_capacity(total);
    let mut signed = Vec::with_capacity(total);
    let mut rest = documents;
    for d in &mut rest {
        let questions = std::mem::take(&mut d.questions);
        if d.signed.len() == questions.len() {
            signed.append(&mut d.signed);
        } else {
            // (Questions added or removed by the caller: none of them is trusted.)
            signed.extend(questions.iter().map(|_| None));
        }
        incoming.extend(questions);
    }
    // The signatures are checked on every core first; then what is left of the documents
    // (code blocks, warnings, counts) is dropped on another core while this one groups and
    // builds, which only one core can do.
    let (existing_sigs, incoming_sigs) = sign(existing, &incoming, Some(signed));
    let (outcome, ()) = rayon::join(
        || merge_signed_with(existing, incoming, &existing_sigs, &incoming_sigs),
        || drop(rest),
    );
    outcome
}

/// [`merge_owned`] with the incoming questions' signatures when the caller has them
/// (`None` for one it has not), giving back every incoming question's signatures (`None`
/// for those already imported) for a caller that merges the result again.
pub(crate) fn merge_signed(
    existing: &[Question],
    incoming: Vec<Question>,
    signed: Option<Vec<Option<Signed>>>,
) -> (MergeOutcome, Vec<Option<Sigs>>) {
    let (existing_sigs, incoming_sigs) = sign(existing, &incoming, signed);
    let outcome = merge_signed_with(existing, incoming, &existing_sigs, &incoming_sigs);
    (outcome, incoming_sigs)
}

/// The groups and merged questions of a merge whose signatures are made.
fn merge_signed_with(
    existing: &[Question],
    incoming: Vec<Question>,
    existing_sigs: &[Sigs],
    incoming_sigs: &[Option<Sigs>],
) -> MergeOutcome {
    let (groups, unchanged) = group(existing, existing_sigs, &incoming, incoming_sigs);
    build(existing, incoming, &groups, unchanged)
}

/// The signatures of the existing questions and of the incoming ones (`None` for those an
/// existing question already lists as a source: they are already imported), made on every
/// core, or taken from `signed` where the caller has them.
fn sign(
    existing: &[Question],
    incoming: &[Question],
    signed: Option<Vec<Option<Signed>>>,
) -> (Vec<Sigs>, Vec<Option<Sigs>>) {
    // The set is only looked up, never iterated, so its hasher cannot change a result; a
    // fast one matters with thousands of titles.
    let mut by_source: FxHashSet<(&str, &str)> = FxHashSet::default();
    for q in existing {
        for s in &q.sources {
            by_source.insert((s.document.as_str(), s.title.as_str()));
        }
    }
    let already_imported = |q: &Question| {
        q.sources
            .first()
            .is_some_and(|s| by_source.contains(&(s.document.as_str(), s.title.as_str())))
    };
    let mut signed = signed.unwrap_or_default();
    signed.resize(incoming.len(), None);
    rayon::join(
        || existing.par_iter().map(signatures).collect(),
        || {
            incoming
                .par_iter()
                .zip(signed)
                .map(|(q, signed)| {
                    (!already_imported(q)).then(|| match signed {
                        Some(signed) => signed.for_question(q),
                        None => signatures(q),
                    })
                })
                .collect()
        },
    )
}

/// The groups of a merge (existing questions first, one each) and the incoming questions
/// already imported (those without signatures).
fn group(
    existing: &[Question],
    existing_sigs: &[Sigs],
    incoming: &[Question],
    incoming_sigs: &[Option<Sigs>],
) -> (Vec<Group>, Vec<usize>) {
    let mut groups: Vec<Group> = existing
        .iter()
        .enumerate()
        .map(|(e, q)| Group {
            target: Some(e),
            members: SmallVec::new(),
            kind: q.kind,
            similarity: 1.0,
        })
        .collect();
    // Candidate signatures filed by key, each with the group it belongs to.
    // (Filed by a hash of the key: see `Sig::key_hash`.)
    let mut index: FxHashMap<u64, SmallVec<[(&Sig, usize); 1]>> = FxHashMap::default();
    for (e, sigs) in existing_sigs.iter().enumerate() {
        for (key, sig) in sigs {
            index.entry(*key).or_default().push((sig, e));
        }
    }
    let mut unchanged = Vec::new();
    for (i, (q, sigs)) in incoming.iter().zip(incoming_sigs).enumerate() {
        let Some(sigs) = sigs else {
            unchanged.push(i);
            continue;
        };
        let mut best: Option<(f32, usize)> = None;
        for (key, sig) in sigs {
            for (cand, g) in index.get(key).into_iter().flatten() {
                if groups[*g].kind != q.kind {
                    continue;
                }
                if let Some(s) = similarity::sig_score(sig, cand) {
                    // Ties go to the earliest group: existing questions come first.
                    if best.is_none_or(|(bs, bg)| s > bs || (s == bs && *g < bg)) {
                        best = Some((s, *g));
                    }
                }
            }
        }
        let g = match best {
            Some((s, g)) => {
                groups[g].members.push(i);
                groups[g].similarity = groups[g].similarity.min(s);
                g
            }
            None => {
                groups.push(Group {
                    target: None,
                    members: smallvec::smallvec![i],
                    kind: q.kind,
                    similarity: 1.0,
                });
                groups.len() - 1
            }
        };
        for (key, sig) in sigs {
            let list = index.entry(*key).or_default();
            if !list.iter().any(|&(s, gg)| gg == g && s == sig) {
                list.push((sig, g));
            }
        }
    }

    (groups, unchanged)
}

/// Builds the merged questions of `groups`. Each new question is made in the slot of its
/// group's first member in `incoming`, and the other slots are dropped at the end, so the new
/// questions end up in order without being copied to a vector of their own: questions are
/// large, and this part of a merge runs on one core.
fn build(
    existing: &[Question],
    mut incoming: Vec<Question>,
    groups: &[Group],
    unchanged: Vec<usize>,
) -> MergeOutcome {
    let mut taken_ids = TakenIds::new(existing);
    let mut outcome = MergeOutcome {
        groups: Vec::new(),
        added: Vec::new(),
        updated: Vec::new(),
        unchanged,
    };
    // The slot each new question is made in, in group order. Groups of incoming questions
    // were started in the order of their first members (and come after the existing
    // questions' groups), so these are in increasing order, and a group's members are
    // still where they came in when its turn comes.
    let mut made: Vec<usize> = Vec::with_capacity(groups.len());
    for group in groups {
        match group.target {
            Some(e) => {
                if group.members.is_empty() {
                    continue;
                }
                let mut merged = existing[e].clone();
                for &m in &group.members {
                    absorb(&mut merged, &incoming[m]);
                }
                outcome.groups.push(MergeGroup {
                    target: Target::Existing(e),
                    members: group.members.to_vec(),
                    id: merged.id.clone(),
                    title: merged.title.clone(),
                    titles: group
                        .members
                        .iter()
                        .map(|&m| incoming[m].title.clone())
                        .collect(),
                    similarity: group.similarity,
                });
                if merged != existing[e] {
                    outcome.updated.push((e, merged));
                }
            }
            None => {
                let first = group.members[0];
                // (A question alone is its own canonical one, without a look at it.)
                let canonical = match group.members[..] {
                    [only] => only,
                    _ => *group
                        .members
                        .iter()
                        .max_by_key(|&&m| (richness(&incoming[m]), std::cmp::Reverse(m)))
                        .expect("a group has a member"),
                };
                let titles: Vec<String> = if group.members.len() > 1 {
                    group
                        .members
                        .iter()
                        .map(|&m| incoming[m].title.clone())
                        .collect()
                } else {
                    Vec::new()
                };
                // The canonical question moves to the first member's slot (and the first
                // member, when it is another, to the canonical one's): every other member
                // comes after that slot.
                incoming.swap(first, canonical);
                let (head, rest) = incoming.split_at_mut(first + 1);
                let merged = &mut head[first];
                for &m in &group.members {
                    if m != canonical {
                        let at = if m == first { canonical } else { m };
                        absorb(merged, &rest[at - first - 1]);
                    }
                }
                let mut id = std::mem::take(&mut merged.id);
                let made_ids = made.iter().map(|&slot| incoming[slot].id.as_str());
                taken_ids.make_unique(&mut id, existing, made_ids);
                let merged = &mut incoming[first];
                merged.id = id;
                if group.members.len() > 1 {
                    outcome.groups.push(MergeGroup {
                        target: Target::Incoming(canonical),
                        members: group.members.to_vec(),
                        id: merged.id.clone(),
                        title: merged.title.clone(),
                        titles,
                        similarity: group.similarity,
                    });
                }
                made.push(first);
            }
        }
    }
    // The slots the new questions were made in are kept, in order; the rest (questions
    // absorbed, already imported, or merged into existing ones) are dropped.
    let mut keep = vec![false; incoming.len()];
    for &slot in &made {
        keep[slot] = true;
    }
    let mut kept = keep.into_iter();
    incoming.retain(|_| kept.next().expect("one flag per slot"));
    outcome.added = incoming;
    outcome
}

/// Groups of duplicates among `questions` (for `pyprep duplicates`): the same rules as
/// [`merge`], with every question incoming.
pub fn find_duplicates(questions: &[Question]) -> Vec<MergeGroup> {
    merge(&[], questions).groups
}

/// How much a question has to offer as the canonical one of its group.
fn richness(q: &Question) -> usize {
    let insights = q.key_points.len()
        + q.look_for.len()
        + q.strong_signals.len()
        + q.red_flags.len()
        + q.follow_ups.len();
    q.answer.len() + 300 * insights + 200 * q.examples.len()
}

/// The ids a merge has given out, and the existing ones, for making new ones unique. They
/// are filed by a hash: an id is only spelled out (copied) once two hashes meet, which
/// nearly never happens (a duplicate id, or a collision).
struct TakenIds {
    hashes: FxHashSet<u64>,
    /// Every id taken so far, from the first time two hashes met.
    spelled: Option<FxHashSet<String>>,
}

impl TakenIds {
    fn new(existing: &[Question]) -> Self {
        TakenIds {
            hashes: existing.iter().map(|q| id_hash(&q.id)).collect(),
            spelled: None,
        }
    }

    /// Makes `id` unique among the ids taken so far (the existing questions' and those of
    /// `added`, the ids of the new questions so far): kept when free (nearly always), else
    /// `id-2`, `id-3`, ...; the result is recorded as taken.
    fn make_unique<'a>(
        &mut self,
        id: &mut String,
        existing: &[Question],
        added: impl Iterator<Item = &'a str>,
    ) {
        if self.spelled.is_none() && self.hashes.insert(id_hash(id)) {
            return;
        }
        let taken = self.spelled.get_or_insert_with(|| {
            existing
                .iter()
                .map(|q| q.id.clone())
                .chain(added.map(String::from))
                .collect()
        });
        make_unique(id, taken);
    }
}

fn id_hash(id: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(id)
}

/// Makes `id` unique: kept when free, else `id-2`, `id-3`, ...; the result is recorded as
/// taken.
fn make_unique(id: &mut String, taken: &mut FxHashSet<String>) {
    if !taken.contains(id.as_str()) {
        taken.insert(id.clone());
        return;
    }
    let mut n = 2;
    let mut candidate = id.clone();
    while taken.contains(&candidate) {
        let suffix = format!("-{n}");
        let mut base = id.clone();
        base.truncate(80 - suffix.len());
        candidate = format!("{}{suffix}", base.trim_end_matches('-'));
        n += 1;
    }
    taken.insert(candidate.clone());
    *id = candidate;
}

/// A question's answer with its examples, as markdown: what a merged source keeps.
pub fn answer_markdown(q: &Question) -> String {
    // Sized once (every part is pushed, none formatted into a string of its own): merges
    // render one of these for every member whose answer differs from its group's.
    let room = q.answer.len()
        + q.examples
            .iter()
            .map(|ex| ex.caption.len() + ex.language.len() + ex.code.len() + 20)
            .sum::<usize>();
    let mut out = String::with_capacity(room);
    out.push_str(&q.answer);
    for ex in &q.examples {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        if !ex.caption.is_empty() {
            out.push_str("**");
            out.push_str(&ex.caption);
            out.push_str("**\n\n");
        }
        // Code without a backtick needs the shortest fence; only code with one is read line
        // by line for the longest run that starts a line.
        let ticks = if memchr::memchr(b'`', ex.code.as_bytes()).is_none() {
            3
        } else {
            ex.code
                .lines()
                .map(|l| l.trim_start().chars().take_while(|&c| c == '`').count())
                .max()
                .unwrap_or(0)
                .max(2)
                + 1
        };
        let fence = &"`".repeat(ticks);
        out.push_str(fence);
        out.push_str(&ex.language);
        out.push('\n');
        out.push_str(&ex.code);
        out.push_str(fence);
    }
    out
}

fn push_unique<T: PartialEq + Clone>(into: &mut Vec<T>, items: &[T]) {
    for item in items {
        if !into.contains(item) {
            into.push(item.clone());
        }
    }
}

/// Folds `other` into `into`: unions of lists, `other`'s sources with its answer attributed.
fn absorb(into: &mut Question, other: &Question) {
    if into.answer.trim().is_empty() && into.examples.is_empty() && !other.answer.trim().is_empty()
    {
        // A question that had no answer yet (a table row, a list item) takes the first one
        // offered; it is not "another" answer, so it needs no attribution.
        into.answer = other.answer.clone();
        into.examples = other.examples.clone();
    }
    push_unique(&mut into.companies, &other.companies);
    push_unique(&mut into.topics, &other.topics);
    push_unique(&mut into.links, &other.links);
    push_unique(&mut into.key_points, &other.key_points);
    push_unique(&mut into.look_for, &other.look_for);
    push_unique(&mut into.strong_signals, &other.strong_signals);
    push_unique(&mut into.red_flags, &other.red_flags);
    for f in &other.follow_ups {
        if !into
            .follow_ups
            .iter()
            .any(|x| x.question.eq_ignore_ascii_case(&f.question))
        {
            into.follow_ups.push(f.clone());
        }
    }
    // Only an answer that differs from the canonical one is kept; comparing the parts
    // avoids rendering the canonical answer once per member.
    let same_answer = other.answer == into.answer && other.examples == into.examples;
    let own = if same_answer {
        String::new()
    } else {
        answer_markdown(other)
    };
    for (k, s) in other.sources.iter().enumerate() {
        let present = into
            .sources
            .iter()
            .any(|x| x.document == s.document && x.position == s.position && x.title == s.title);
        if present {
            continue;
        }
        let answer = if k == 0 {
            (!own.trim().is_empty()).then(|| own.clone())
        } else {
            s.answer.clone()
        };
        into.sources.push(Source {
            answer,
            ..s.clone()
        });
    }
}

#[cfg(test)]
mod tests;

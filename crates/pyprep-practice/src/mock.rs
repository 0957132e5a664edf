//! Mock interviews: choosing a balanced, timed set of questions for a role, level and
//! company, and the report after the user has scored each answer.

use std::collections::{BTreeMap, BTreeSet};

use pyprep_core::{Difficulty, Kind};
use serde::{Deserialize, Serialize};

use crate::card::Grade;
use crate::rng::SplitMix64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Backend,
    Data,
    General,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Junior,
    Mid,
    Senior,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Backend, Role::Data, Role::General];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Backend => "backend",
            Role::Data => "data",
            Role::General => "general",
        }
    }
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Junior, Level::Mid, Level::Senior];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Junior => "junior",
            Level::Mid => "mid",
            Level::Senior => "senior",
        }
    }
}

pyprep_core::name_enum!(Role, "role");
pyprep_core::name_enum!(Level, "level");

impl Role {
    /// The topics an interviewer for this role draws from; `None` means every topic.
    pub fn topics(self) -> Option<&'static [&'static str]> {
        match self {
            Role::Backend => Some(&[
                "basics",
                "oop",
                "data-structures",
                "functions",
                "decorators",
                "iterators-generators",
                "context-managers",
                "error-handling",
                "concurrency",
                "asyncio",
                "testing",
                "databases",
                "web-frameworks",
                "design-patterns",
                "performance",
                "security",
                "packaging",
                "typing",
                "coding-problems",
            ]),
            Role::Data => Some(&[
                "basics",
                "data-structures",
                "functions",
                "iterators-generators",
                "stdlib",
                "file-io",
                "data-science",
                "performance",
                "memory-gc",
                "databases",
                "concurrency",
                "testing",
                "coding-problems",
            ]),
            Role::General => None,
        }
    }
}

impl Level {
    /// Share of easy, medium and hard questions.
    pub fn mix(self) -> [f32; 3] {
        match self {
            Level::Junior => [0.5, 0.4, 0.1],
            Level::Mid => [0.25, 0.5, 0.25],
            Level::Senior => [0.1, 0.4, 0.5],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockSpec {
    pub role: Role,
    pub level: Level,
    pub company: Option<String>,
    pub minutes: u32,
}

impl MockSpec {
    /// About seven minutes a question, between 2 and 15 questions.
    pub fn question_count(&self) -> usize {
        (self.minutes as usize / 7).clamp(2, 15)
    }
}

/// A question as mock selection sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: String,
    pub title: String,
    pub topics: Vec<String>,
    pub difficulty: Difficulty,
    pub kind: Kind,
    pub companies: Vec<String>,
}

impl Candidate {
    fn primary_topic(&self) -> &str {
        self.topics.first().map_or("", String::as_str)
    }

    fn asked_at(&self, company: &str) -> bool {
        self.companies
            .iter()
            .any(|c| c.eq_ignore_ascii_case(company))
    }
}

/// How many of `n` questions should be easy, medium and hard (largest remainder).
fn difficulty_quota(level: Level, n: usize) -> [usize; 3] {
    let mix = level.mix();
    let mut quota = mix.map(|share| (share * n as f32).floor() as usize);
    let mut order = [0, 1, 2];
    order.sort_by(|&a, &b| {
        let ra = mix[a] * n as f32 - quota[a] as f32;
        let rb = mix[b] * n as f32 - quota[b] as f32;
        rb.partial_cmp(&ra).unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut missing = n - quota.iter().sum::<usize>();
    for i in order.iter().cycle() {
        if missing == 0 {
            break;
        }
        quota[*i] += 1;
        missing -= 1;
    }
    quota
}

fn level_index(d: Difficulty) -> usize {
    match d {
        Difficulty::Easy => 0,
        Difficulty::Medium => 1,
        Difficulty::Hard => 2,
    }
}

/// Picks the questions of a mock interview: from the role's topics, preferring the company's
/// questions, one coding or output question when there is one, as many different primary
/// topics as possible and the level's mix of difficulties; ordered easy to hard with the
/// coding question last. The same `seed` gives the same interview.
pub fn pick_mock(candidates: &[Candidate], spec: &MockSpec, seed: u64) -> Vec<Candidate> {
    let n = spec.question_count();
    let in_role = |c: &&Candidate| match spec.role.topics() {
        None => true,
        Some(topics) => c.topics.iter().any(|t| topics.contains(&t.as_str())),
    };
    let mut pool: Vec<&Candidate> = candidates.iter().filter(in_role).collect();
    if pool.is_empty() {
        pool = candidates.iter().collect();
    }
    let mut rng = SplitMix64::new(seed);
    rng.shuffle(&mut pool);
    // Company questions first, so every later preference still favours them.
    if let Some(company) = &spec.company {
        pool.sort_by_key(|c| !c.asked_at(company));
    }

    let mut quota = difficulty_quota(spec.level, n);
    let mut chosen: Vec<&Candidate> = Vec::new();
    let mut topics_used: BTreeSet<&str> = BTreeSet::new();
    let practical = pool
        .iter()
        .position(|c| {
            matches!(c.kind, Kind::Coding | Kind::Output) && quota[level_index(c.difficulty)] > 0
        })
        .or_else(|| {
            pool.iter()
                .position(|c| matches!(c.kind, Kind::Coding | Kind::Output))
        });
    if let Some(i) = practical {
        let c = pool.remove(i);
        let slot = &mut quota[level_index(c.difficulty)];
        *slot = slot.saturating_sub(1);
        topics_used.insert(c.primary_topic());
        chosen.push(c);
    }

    // Relax one preference at a time: new topic and open difficulty slot, then either one,
    // then anything left.
    for pass in 0..4 {
        let mut i = 0;
        while chosen.len() < n && i < pool.len() {
            let c = pool[i];
            let new_topic = !topics_used.contains(c.primary_topic());
            let open_slot = quota[level_index(c.difficulty)] > 0;
            let ok = match pass {
                0 => new_topic && open_slot,
                1 => open_slot,
                2 => new_topic,
                _ => true,
            };
            if ok {
                let slot = &mut quota[level_index(c.difficulty)];
                *slot = slot.saturating_sub(1);
                topics_used.insert(c.primary_topic());
                chosen.push(pool.remove(i));
            } else {
                i += 1;
            }
        }
    }
    chosen.sort_by_key(|c| (matches!(c.kind, Kind::Coding | Kind::Output), c.difficulty));
    chosen.into_iter().cloned().collect()
}

/// One scored answer of a mock interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MockAnswer {
    pub question_id: String,
    pub title: String,
    pub topics: Vec<String>,
    pub difficulty: Difficulty,
    /// The user's score for the answer, on the grade scale.
    pub score: Grade,
    pub seconds: u32,
    pub allotted_seconds: u32,
    /// Key-point coverage of the typed answer, when one was typed.
    pub coverage: Option<f32>,
}

impl MockAnswer {
    /// The score as a percentage: Again 0, Hard 33, Good 67, Easy 100.
    pub fn percent(&self) -> f32 {
        f32::from(self.score.number() - 1) / 3.0 * 100.0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicScore {
    pub topic: String,
    pub questions: u32,
    pub percent: f32,
}

/// The end of a mock interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MockReport {
    pub spec: MockSpec,
    pub answers: Vec<MockAnswer>,
    pub percent: f32,
    /// Lowest first.
    pub per_topic: Vec<TopicScore>,
    /// Topics scored below Good on average, weakest first (at most three).
    pub weakest: Vec<String>,
    /// Questions answered Again or Hard: put at the front of the study queue.
    pub study_next: Vec<String>,
    pub seconds: u32,
    pub over_time: bool,
}

/// Scores a finished mock interview.
pub fn mock_report(spec: &MockSpec, answers: Vec<MockAnswer>) -> MockReport {
    let mut topics: BTreeMap<&str, (u32, f32)> = BTreeMap::new();
    for answer in &answers {
        for topic in &answer.topics {
            let entry = topics.entry(topic).or_default();
            entry.0 += 1;
            entry.1 += answer.percent();
        }
    }
    let mut per_topic: Vec<TopicScore> = topics
        .into_iter()
        .map(|(topic, (count, sum))| TopicScore {
            topic: topic.to_string(),
            questions: count,
            percent: sum / count as f32,
        })
        .collect();
    per_topic.sort_by(|a, b| {
        a.percent
            .partial_cmp(&b.percent)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(b.questions.cmp(&a.questions))
            .then(a.topic.cmp(&b.topic))
    });
    let good = MockAnswer::percent_of(Grade::Good);
    let weakest = per_topic
        .iter()
        .filter(|t| t.percent < good)
        .take(3)
        .map(|t| t.topic.clone())
        .collect();
    let study_next = answers
        .iter()
        .filter(|a| a.score <= Grade::Hard)
        .map(|a| a.question_id.clone())
        .collect();
    let percent = if answers.is_empty() {
        0.0
    } else {
        answers.iter().map(MockAnswer::percent).sum::<f32>() / answers.len() as f32
    };
    let seconds = answers.iter().map(|a| a.seconds).sum();
    MockReport {
        spec: spec.clone(),
        percent,
        per_topic,
        weakest,
        study_next,
        seconds,
        over_time: seconds > spec.minutes * 60,
        answers,
    }
}

impl MockAnswer {
    fn percent_of(grade: Grade) -> f32 {
        f32::from(grade.number() - 1) / 3.0 * 100.0
    }
}

#[cfg(test)]
mod tests;

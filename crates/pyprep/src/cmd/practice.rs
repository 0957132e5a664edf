//! What the practice commands (study, quiz, mock, plan, progress, optimize, card) share: the
//! clock, making sure cards exist, and the terminal: single keys on a terminal, whole lines
//! otherwise (pipes, scripts, tests).

use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};
use pyprep_core::Question;
use pyprep_core::check::code_fingerprint;
use pyprep_practice::checker::Status;
use pyprep_practice::{
    AnswerCheck, Card, CardKey, CardKind, Clock, Grade, Preview, Scheduler, SplitMix64,
    human_delay, is_drillable,
};
use pyprep_store::{Filter, PracticeStore, Store};
use pyprep_store_sqlite::SqliteStore;

/// Now, in the user's time zone. `PYPREP_NOW` (unix seconds) pins it, for tests and demos.
pub fn clock() -> Clock {
    let now = std::env::var("PYPREP_NOW")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| jiff::Timestamp::now().as_second());
    let offset = jiff::Timestamp::from_second(now)
        .map(|ts| jiff::tz::TimeZone::system().to_offset(ts).seconds())
        .unwrap_or(0);
    Clock {
        now,
        utc_offset_secs: offset,
    }
}

/// A seed for fuzz and selection; `PYPREP_SEED` pins it.
pub fn seed() -> u64 {
    std::env::var("PYPREP_SEED")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64)
        })
}

/// The questions matching `filter`, with a card for each recall question and each drill
/// (examples with a known output, or verified by `pyprep verify` as drills), created if
/// missing. Returns the questions by id and the expected output of each drill card.
pub async fn ensure_cards(store: &SqliteStore, filter: &Filter) -> Result<Deck> {
    let questions = store.questions(filter).await?;
    let mut verified: HashMap<(String, u32), String> = HashMap::new();
    let by_id: HashMap<&str, &Question> = questions.iter().map(|q| (q.id.as_str(), q)).collect();
    for check in store.checks(None).await? {
        let current = by_id.get(check.question_id.as_str()).and_then(|q| {
            q.examples
                .get(check.example as usize)
                .filter(|e| code_fingerprint(&e.code) == check.code_fingerprint)
        });
        if check.drill && current.is_some() {
            verified.insert((check.question_id.clone(), check.example), check.output);
        }
    }
    let mut keys = Vec::new();
    let mut outputs = HashMap::new();
    for question in &questions {
        keys.push(CardKey::recall(&question.id));
        for (i, example) in question.examples.iter().enumerate() {
            let i = i as u32;
            // Real captured output wins over the bank's claim of it.
            let output = verified.remove(&(question.id.clone(), i)).or_else(|| {
                is_drillable(example)
                    .then(|| example.expected_output.clone())
                    .flatten()
            });
            if let Some(output) = output {
                let key = CardKey::drill(&question.id, i);
                keys.push(key.clone());
                outputs.insert(key, output);
            }
        }
    }
    store.add_cards(&keys).await?;
    Ok(Deck {
        questions: questions.into_iter().map(|q| (q.id.clone(), q)).collect(),
        outputs,
    })
}

/// The questions behind a set of cards and the drills' expected outputs.
pub struct Deck {
    pub questions: HashMap<String, Question>,
    pub outputs: HashMap<CardKey, String>,
}

impl Deck {
    pub fn question(&self, key: &CardKey) -> Result<&Question> {
        self.questions
            .get(&key.question_id)
            .with_context(|| format!("card {key} has no question loaded"))
    }
}

/// Parses `question-id` or `question-id#drill-N` (as study and quiz print them).
pub fn parse_card_key(text: &str) -> Result<CardKey> {
    let text = text.trim();
    match text.split_once("#drill-") {
        None => Ok(CardKey::recall(text)),
        Some((id, n)) => {
            let n: u32 =
                n.parse().ok().filter(|&n| n >= 1).with_context(|| {
                    format!("{text:?}: the drill number after #drill- starts at 1")
                })?;
            Ok(CardKey::drill(id, n - 1))
        }
    }
}

/// What the user did at a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Show the answer without typing one.
    Reveal,
    Text(String),
    Quit,
}

/// What the user chose after seeing the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Grade(Grade),
    Bury,
    Suspend,
    Quit,
}

/// The terminal: raw single keys when both ends are a terminal, else one line at a time.
/// With `--json` everything but the final JSON goes to stderr.
pub struct Ui {
    keys: bool,
    json: bool,
    lines: Box<dyn BufRead>,
}

impl Ui {
    pub fn new(json: bool) -> Ui {
        let keys = std::io::stdin().is_terminal() && std::io::stdout().is_terminal() && !json;
        Ui {
            keys,
            json,
            lines: Box::new(std::io::BufReader::new(std::io::stdin())),
        }
    }

    /// Writes a line of session text where it belongs (stdout, or stderr under `--json`).
    pub fn say(&self, text: impl std::fmt::Display) -> Result<()> {
        if self.json {
            let mut err = std::io::stderr().lock();
            writeln!(err, "{text}")?;
            err.flush()?;
            Ok(())
        } else {
            crate::output::line(text)
        }
    }

    fn prompt(&self, text: &str) -> Result<()> {
        if self.json {
            let mut err = std::io::stderr().lock();
            write!(err, "{text}")?;
            err.flush()?;
        } else {
            let mut out = std::io::stdout().lock();
            write!(out, "{text}")?;
            out.flush()?;
        }
        Ok(())
    }

    fn read_line(&mut self) -> Result<Option<String>> {
        let mut line = String::new();
        if self.lines.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line.trim_end_matches(['\n', '\r']).to_string()))
    }

    /// Lines up to an empty line (or the end of input).
    fn read_block(&mut self, first: String) -> Result<String> {
        let mut text = first;
        while let Some(line) = self.read_line()? {
            if line.trim().is_empty() {
                break;
            }
            text.push('\n');
            text.push_str(&line);
        }
        Ok(text)
    }

    /// An answer: typed text (ended by an empty line), or reveal, or quit.
    pub fn answer(&mut self, hint: &str) -> Result<Input> {
        if self.keys {
            self.say(format!(
                "{hint}\n(type an answer and finish with an empty line, space reveals, q quits)"
            ))?;
            return keys::answer();
        }
        self.say(format!(
            "{hint}\n(type an answer and finish with an empty line; an empty line reveals, q quits)"
        ))?;
        match self.read_line()? {
            None => Ok(Input::Quit),
            Some(line) if line.trim() == "q" => Ok(Input::Quit),
            Some(line) if line.trim().is_empty() => Ok(Input::Reveal),
            Some(line) => Ok(Input::Text(self.read_block(line)?)),
        }
    }

    /// A grade 1-4 (Enter takes the suggestion), or b(ury), s(uspend), q(uit).
    pub fn choice(&mut self, suggested: Option<Grade>, extra: bool) -> Result<Choice> {
        let more = if extra { ", b bury, s suspend" } else { "" };
        let enter = suggested.map_or(String::new(), |g| format!(", Enter = {} {g}", g.number()));
        loop {
            self.prompt(&format!("Grade 1-4{enter}{more}, q quits: "))?;
            let input = if self.keys {
                keys::choice_key()?
            } else {
                match self.read_line()? {
                    None => return Ok(Choice::Quit),
                    Some(line) => line.trim().to_string(),
                }
            };
            // Keys are not echoed in raw mode, and piped input never is: end the prompt line.
            self.say(if self.keys { input.as_str() } else { "" })?;
            let choice = match input.as_str() {
                "" => suggested.map(Choice::Grade),
                "q" => Some(Choice::Quit),
                "b" if extra => Some(Choice::Bury),
                "s" if extra => Some(Choice::Suspend),
                other => other.parse::<Grade>().ok().map(Choice::Grade),
            };
            match choice {
                Some(choice) => return Ok(choice),
                None => self.say("  (1 again, 2 hard, 3 good, 4 easy)")?,
            }
        }
    }
}

/// Raw-mode key reading on a terminal (crossterm), restored after every read.
mod keys {
    use anyhow::Result;
    use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
    use crossterm::terminal;
    use std::io::Write;

    use super::Input;

    struct Raw;

    impl Raw {
        fn on() -> Result<Raw> {
            terminal::enable_raw_mode()?;
            Ok(Raw)
        }
    }

    impl Drop for Raw {
        fn drop(&mut self) {
            let _ = terminal::disable_raw_mode();
        }
    }

    fn key() -> Result<KeyEvent> {
        loop {
            if let Event::Key(key) = event::read()?
                && key.kind != KeyEventKind::Release
            {
                return Ok(key);
            }
        }
    }

    fn echo(text: &str) -> Result<()> {
        let mut out = std::io::stdout().lock();
        write!(out, "{}", text.replace('\n', "\r\n"))?;
        out.flush()?;
        Ok(())
    }

    /// Enter, also as Ctrl-J: a newline typed before raw mode was on arrives as `\n`.
    fn is_enter(key: &KeyEvent) -> bool {
        key.code == KeyCode::Enter
            || (key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('j'))
    }

    fn is_interrupt(key: &KeyEvent) -> bool {
        key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('d'))
    }

    pub fn answer() -> Result<Input> {
        let _raw = Raw::on()?;
        let mut text = String::new();
        loop {
            let key = key()?;
            if is_interrupt(&key) || key.code == KeyCode::Esc {
                return Ok(Input::Quit);
            }
            if is_enter(&key) {
                echo("\n")?;
                if text.is_empty() || text.ends_with('\n') {
                    let answer = text.trim().to_string();
                    return Ok(if answer.is_empty() {
                        Input::Reveal
                    } else {
                        Input::Text(answer)
                    });
                }
                text.push('\n');
                continue;
            }
            match key.code {
                KeyCode::Char(' ') if text.is_empty() => {
                    echo("\n")?;
                    return Ok(Input::Reveal);
                }
                KeyCode::Char('q') if text.is_empty() => {
                    echo("\n")?;
                    return Ok(Input::Quit);
                }
                KeyCode::Char(c) => {
                    text.push(c);
                    echo(&c.to_string())?;
                }
                // A newline already typed cannot be taken back on screen, so it stays.
                KeyCode::Backspace if text.ends_with('\n') => {}
                KeyCode::Backspace if text.pop().is_some() => echo("\u{8} \u{8}")?,
                _ => {}
            }
        }
    }

    /// One key as text: "1".."4", "q", "b", "s", "" for Enter.
    pub fn choice_key() -> Result<String> {
        let _raw = Raw::on()?;
        loop {
            let key = key()?;
            if is_interrupt(&key) || key.code == KeyCode::Esc {
                return Ok("q".into());
            }
            if is_enter(&key) {
                return Ok(String::new());
            }
            if let KeyCode::Char(c) = key.code {
                return Ok(c.to_string());
            }
        }
    }
}

/// The question side of a card.
pub fn front(card: &Card, question: &Question, expected: Option<&str>) -> String {
    let mut out = format!(
        "\n── {}  [{}]\n{} · {}\n",
        question.title,
        card.key,
        question.difficulty,
        question.topics.join(", ")
    );
    match card.key.kind {
        CardKind::Recall => out.push_str(&format!("\n{}\n", question.prompt.trim())),
        CardKind::Drill { example } => {
            let code = question
                .examples
                .get(example as usize)
                .map_or("", |e| e.code.as_str());
            out.push_str("\nWhat does this print?\n\n");
            for line in code.lines() {
                out.push_str(&format!("    {line}\n"));
            }
            if expected.is_none() {
                out.push_str("(this example has no known output any more)\n");
            }
        }
    }
    out
}

/// The key-point check as lines: covered, partly covered, missed, red flags, suggestion.
pub fn render_check(check: &AnswerCheck) -> String {
    let mut out = String::new();
    if check.echo {
        out.push_str("Your answer mostly repeats the question, so it covers no key point.\n");
    }
    out.push_str(&format!(
        "Key points ({:.0}% covered):\n",
        check.coverage * 100.0
    ));
    for point in &check.key_points {
        let mark = match point.status {
            Status::Covered => "✓",
            Status::Partial => "~",
            Status::Missed => "✗",
        };
        out.push_str(&format!("  {mark} {}\n", point.text));
    }
    for flag in &check.red_flags {
        out.push_str(&format!("  ⚠ red flag: {flag}\n"));
    }
    out.push_str(&format!(
        "Suggested grade: {} {}\n",
        check.suggested.number(),
        check.suggested
    ));
    out
}

/// "1 again 1m · 2 hard 6m · 3 good 10m · 4 easy 8d".
pub fn render_previews(previews: &[Preview; 4], now: i64) -> String {
    previews
        .iter()
        .map(|p| format!("{} {} {}", p.grade.number(), p.grade, p.label(now)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// "in 10m", "in 8d".
pub fn until(due: i64, now: i64) -> String {
    format!("in {}", human_delay(due - now))
}

/// The scheduler from the saved settings.
pub async fn scheduler(store: &SqliteStore) -> Result<Scheduler> {
    let config = store.practice_config().await?;
    Scheduler::new(config).context(
        "the saved practice settings are invalid; fix them with `pyprep practice-settings`",
    )
}

/// A random fuzz factor in [0, 1).
pub fn fuzz(rng: &mut SplitMix64) -> f32 {
    rng.next_f32()
}

/// Refuses an unknown topic early with the list of topics.
pub fn check_topic(topic: Option<&str>) -> Result<()> {
    if let Some(topic) = topic
        && !pyprep_core::taxonomy::is_topic(topic)
    {
        bail!(
            "unknown topic {topic:?}; `pyprep topics` lists them: {}",
            pyprep_core::taxonomy::TOPICS.join(", ")
        );
    }
    Ok(())
}

/// What happened when a card was shown.
pub struct Asked {
    pub choice: Choice,
    pub duration_ms: u32,
}

/// Shows a card, takes an answer, shows the model answer and the check, and asks for a
/// grade. `extra` offers bury and suspend.
pub fn ask(
    ui: &mut Ui,
    scheduler: &Scheduler,
    deck: &Deck,
    card: &Card,
    clock: Clock,
    extra: bool,
) -> Result<Asked> {
    let question = deck.question(&card.key)?;
    let expected = deck.outputs.get(&card.key).map(String::as_str);
    let started = std::time::Instant::now();
    ui.say(front(card, question, expected))?;
    let previews = scheduler.preview(card, clock)?;
    let (suggested, check) = match card.key.kind {
        CardKind::Drill { .. } => {
            let input = ui.answer("Type the output exactly as printed.")?;
            let typed = match input {
                Input::Quit => return Ok(quit(started)),
                Input::Reveal => String::new(),
                Input::Text(text) => text,
            };
            let expected = expected.unwrap_or("");
            let verdict = pyprep_practice::check_output(expected, &typed);
            let mut out = String::from(if verdict.correct {
                "Correct.\n"
            } else {
                "Not quite. It prints:\n"
            });
            if !verdict.correct {
                for line in expected.lines() {
                    out.push_str(&format!("    {line}\n"));
                }
                if let Some(n) = verdict.first_difference.filter(|_| !typed.is_empty()) {
                    out.push_str(&format!("(first difference on line {n})\n"));
                }
            }
            ui.say(out)?;
            (verdict.grade(), None)
        }
        CardKind::Recall => {
            let input = ui.answer("Answer from memory.")?;
            let check = match input {
                Input::Quit => return Ok(quit(started)),
                Input::Reveal => None,
                Input::Text(text) => Some(pyprep_practice::check_answer(question, &text)),
            };
            let mut out = format!("Answer\n\n{}\n", question.answer.trim());
            match &check {
                Some(check) => out.push_str(&format!("\n{}", render_check(check))),
                None if !question.key_points.is_empty() => {
                    out.push_str("\nKey points:\n");
                    for point in &question.key_points {
                        out.push_str(&format!("  - {point}\n"));
                    }
                }
                None => {}
            }
            ui.say(out)?;
            (check.as_ref().map_or(Grade::Good, |c| c.suggested), check)
        }
    };
    ui.say(format!(
        "Next time: {}",
        render_previews(&previews, clock.now)
    ))?;
    let offer = match card.key.kind {
        CardKind::Drill { .. } => Some(suggested),
        CardKind::Recall => check.as_ref().map(|c| c.suggested),
    };
    let choice = ui.choice(offer, extra)?;
    Ok(Asked {
        choice,
        duration_ms: started.elapsed().as_millis().min(u128::from(u32::MAX)) as u32,
    })
}

fn quit(started: std::time::Instant) -> Asked {
    Asked {
        choice: Choice::Quit,
        duration_ms: started.elapsed().as_millis() as u32,
    }
}

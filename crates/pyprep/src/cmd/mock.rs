//! `pyprep mock`: a timed mock interview. Each answer is timed, then the rubric and the
//! key-point check are shown and the user scores it; the report is kept in history and the
//! weak questions go to the front of the study queue.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Result, bail};
use pyprep_practice::mock::mock_report;
use pyprep_practice::{
    Candidate, CardKey, CardState, MockAnswer, MockSpec, SessionReport, check_answer, pick_mock,
};
use pyprep_store::{Filter, Position, PracticeStore, Store};

use super::practice::{self, Choice, Input, Ui};
use crate::app;
use crate::cli::{Cli, MockArgs};

fn bullets(out: &mut String, heading: &str, items: &[String]) {
    if !items.is_empty() {
        out.push_str(&format!("{heading}\n"));
        for item in items {
            out.push_str(&format!("  - {item}\n"));
        }
    }
}

fn mm_ss(secs: u32) -> String {
    format!("{}m{:02}s", secs / 60, secs % 60)
}

pub async fn run(cli: &Cli, args: &MockArgs) -> Result<ExitCode> {
    if args.minutes < 5 {
        bail!("--minutes must be at least 5");
    }
    let store = app::open_store(cli).await?;
    let candidates: Vec<Candidate> = store
        .list(&Filter::default())
        .await?
        .into_iter()
        .map(Candidate::from)
        .collect();
    let spec = MockSpec {
        role: args.role,
        level: args.level,
        company: args.company.clone(),
        minutes: args.minutes,
    };
    let picked = pick_mock(&candidates, &spec, practice::seed());
    if picked.is_empty() {
        bail!("the question bank is empty; import questions with `pyprep import` first");
    }
    let mut ui = Ui::new(cli.json);
    let allotted = args.minutes * 60 / picked.len() as u32;
    if let Some(company) = &args.company {
        let asked = picked
            .iter()
            .filter(|c| c.companies.iter().any(|x| x.eq_ignore_ascii_case(company)))
            .count();
        ui.say(format!(
            "{asked} of these {} questions are reported from {company}.",
            picked.len()
        ))?;
    }
    ui.say(format!(
        "Mock interview: {} {} role, {} questions, {} minutes (about {} each).",
        args.level,
        args.role,
        picked.len(),
        args.minutes,
        mm_ss(allotted)
    ))?;
    let started = practice::clock().now;
    let mut answers = Vec::new();
    for (i, candidate) in picked.iter().enumerate() {
        let question = store.get(&candidate.id).await?;
        ui.say(format!(
            "\n── Question {} of {} · {} · {} · about {}\n\n{}\n",
            i + 1,
            picked.len(),
            question.topics.join(", "),
            question.difficulty,
            mm_ss(allotted),
            question.prompt.trim()
        ))?;
        let timer = Instant::now();
        let input = ui.answer("Answer as you would in the interview.")?;
        let seconds = timer.elapsed().as_secs() as u32;
        let check = match input {
            Input::Quit => break,
            Input::Reveal => None,
            Input::Text(text) => Some(check_answer(&question, &text)),
        };
        let mut out = format!("Time: {} of {}", mm_ss(seconds), mm_ss(allotted));
        if seconds > allotted {
            out.push_str(" (over time: practise a shorter first answer)");
        }
        out.push_str("\n\n");
        bullets(&mut out, "What interviewers look for", &question.look_for);
        bullets(&mut out, "Strong signals", &question.strong_signals);
        bullets(&mut out, "Red flags", &question.red_flags);
        if let Some(check) = &check {
            out.push('\n');
            out.push_str(&practice::render_check(check));
        } else {
            bullets(&mut out, "Key points", &question.key_points);
        }
        out.push_str(&format!("\nModel answer\n\n{}\n", question.answer.trim()));
        ui.say(out)?;
        let Choice::Grade(score) = ui.choice(check.as_ref().map(|c| c.suggested), false)? else {
            break;
        };
        answers.push(MockAnswer {
            question_id: question.id.clone(),
            title: question.title.clone(),
            topics: question.topics.clone(),
            difficulty: question.difficulty,
            score,
            seconds,
            allotted_seconds: allotted,
            coverage: check.map(|c| c.coverage),
        });
    }
    if answers.is_empty() {
        ui.say("No answers scored; nothing saved.")?;
        return Ok(ExitCode::SUCCESS);
    }

    let report = mock_report(&spec, answers);
    // Weak answers jump the queue: new cards go first in line, started ones are due now.
    let now = practice::clock().now;
    let keys: Vec<CardKey> = report.study_next.iter().map(CardKey::recall).collect();
    store.add_cards(&keys).await?;
    for key in &keys {
        if let Some(mut card) = store.card_by_key(key).await? {
            if card.state == CardState::New {
                card.due = store.new_position(Position::Front).await?;
            } else {
                card.due = card.due.min(now);
            }
            card.suspended = false;
            card.buried_until = None;
            store.update_card(&card).await?;
        }
    }
    store
        .save_session(started, now, &SessionReport::Mock(report.clone()))
        .await?;

    if cli.json {
        crate::output::json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = format!(
        "\nReport: {:.0}% over {} questions in {}{}.\n",
        report.percent,
        report.answers.len(),
        mm_ss(report.seconds),
        if report.over_time { " (over time)" } else { "" }
    );
    let mut table = crate::output::table(&["topic", "questions", "score"]);
    for topic in &report.per_topic {
        table.add_row(vec![
            topic.topic.clone(),
            topic.questions.to_string(),
            format!("{:.0}%", topic.percent),
        ]);
    }
    out.push_str(&format!("{table}\n"));
    if report.weakest.is_empty() {
        out.push_str("No weak topic in this interview.\n");
    } else {
        out.push_str(&format!("Weakest: {}.\n", report.weakest.join(", ")));
        for topic in &report.weakest {
            out.push_str(&format!("  study next: pyprep study --topic {topic}\n"));
        }
    }
    if !report.study_next.is_empty() {
        out.push_str(&format!(
            "Added to the front of your study queue: {}.\n",
            report.study_next.join(", ")
        ));
    }
    ui.say(out)?;
    Ok(ExitCode::SUCCESS)
}

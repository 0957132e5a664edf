//! Running questions' Python examples in the sandbox and turning the verdicts into stored
//! [`ExampleCheck`]s: the glue between `pyprep-core`'s examples and `pyprep-sandbox`.

use std::time::{SystemTime, UNIX_EPOCH};

use pyprep_core::check::code_fingerprint;
use pyprep_core::{CheckStatus, Example, ExampleCheck, Question};
use pyprep_sandbox::verify::{self, DeclaredFlags, FragmentReason, Verdict};
use pyprep_sandbox::{RunReport, Sandbox};

/// Fence languages that mean "a Python program" (not a `pycon` session or a shell line).
fn is_python(example: &Example) -> bool {
    matches!(example.language.as_str(), "python" | "py" | "python3")
}

fn declared(example: &Example) -> DeclaredFlags {
    DeclaredFlags {
        norun: example.norun,
        nondeterministic: example.nondeterministic,
        requires: example.requires.clone(),
    }
}

/// One Python example to check.
struct Target<'a> {
    question: &'a Question,
    index: usize,
    example: &'a Example,
}

/// How many Python examples `questions` hold (what a progress bar counts).
pub fn count(questions: &[Question]) -> usize {
    questions
        .iter()
        .map(|q| q.examples.iter().filter(|e| is_python(e)).count())
        .sum()
}

/// Checks every Python example of `questions`, `jobs` at a time, calling `progress` with the
/// number finished so far. Examples declared `norun` or `requires=` are classified without
/// running.
pub fn check_all(
    sandbox: &Sandbox,
    questions: &[Question],
    jobs: usize,
    progress: impl Fn(usize),
) -> Vec<ExampleCheck> {
    let targets: Vec<Target<'_>> = questions
        .iter()
        .flat_map(|question| {
            question
                .examples
                .iter()
                .enumerate()
                .filter(|(_, e)| is_python(e))
                .map(move |(index, example)| Target {
                    question,
                    index,
                    example,
                })
        })
        .collect();
    let checked_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let python = sandbox.python_version().to_string();
    let mut checks = Vec::with_capacity(targets.len());
    // Chunks a few times the parallelism keep both cores busy and the progress bar moving.
    let chunk = jobs.max(1) * 4;
    for batch in targets.chunks(chunk) {
        let to_run: Vec<&Target<'_>> = batch
            .iter()
            .filter(|t| verify::skip_reason(&declared(t.example)).is_none())
            .collect();
        let codes: Vec<&str> = to_run.iter().map(|t| t.example.code.as_str()).collect();
        let mut reports = sandbox.run_many(&codes, jobs).into_iter();
        for target in batch {
            let flags = declared(target.example);
            let (verdict, report) = match verify::skip_reason(&flags) {
                Some(verdict) => (verdict, None),
                None => {
                    let report = reports.next().expect("one report per code run");
                    let verdict = verify::classify(
                        &target.example.code,
                        &flags,
                        target.example.expected_output.as_deref(),
                        &report.outcome,
                    );
                    (verdict, Some(report))
                }
            };
            checks.push(to_check(
                target,
                &flags,
                verdict,
                report.as_ref(),
                &python,
                checked_at,
            ));
        }
        progress(checks.len());
    }
    checks
}

fn to_check(
    target: &Target<'_>,
    flags: &DeclaredFlags,
    verdict: Verdict,
    report: Option<&RunReport>,
    python: &str,
    checked_at: i64,
) -> ExampleCheck {
    let (status, detail) = match verdict {
        Verdict::Passed => (CheckStatus::Passed, String::new()),
        Verdict::OutputMismatch { diff } => (CheckStatus::Mismatch, diff),
        Verdict::RaisedError { error } => (CheckStatus::Error, error),
        Verdict::Fragment { reason } => (
            CheckStatus::Fragment,
            match reason {
                FragmentReason::Declared => "marked norun".into(),
                FragmentReason::TopLevelAwait => "top-level await".into(),
                FragmentReason::PseudoCode => "pseudo-code (`...` bodies)".into(),
                FragmentReason::SyntaxError(line) => format!("not valid Python on its own: {line}"),
                FragmentReason::UndefinedName(name) => {
                    format!("uses `{name}` from an earlier block")
                }
            },
        ),
        Verdict::NeedsPackage { module, package } if module == package => {
            (CheckStatus::NeedsPackage, package)
        }
        Verdict::NeedsPackage { module, package } => (
            CheckStatus::NeedsPackage,
            format!("{package} (imports {module})"),
        ),
        Verdict::NeedsInputOrFiles { detail } => (CheckStatus::NeedsInput, detail),
        Verdict::TimedOut { kind } => (CheckStatus::TimedOut, format!("{kind:?} time limit")),
        Verdict::Killed { detail } => (CheckStatus::Killed, detail),
        Verdict::SandboxFailure { message } => (CheckStatus::SandboxFailure, message),
    };
    let drill = report.is_some_and(|r| {
        status == CheckStatus::Passed && verify::is_drill_candidate(&target.example.code, flags, r)
    });
    ExampleCheck {
        question_id: target.question.id.clone(),
        example: target.index as u32,
        code_fingerprint: code_fingerprint(&target.example.code),
        status,
        detail,
        output: report
            .map(|r| r.outcome.stdout().to_string())
            .unwrap_or_default(),
        python_version: python.to_string(),
        drill,
        checked_at,
    }
}

//! Classifying a bank example's run for `pyprep verify`, and picking drill candidates.
//!
//! Everything here is a pure function of the code, what its author declared about it,
//! and the run's outcome, so the rules are tested without running Python.

use std::time::Duration;

use crate::report::last_nonblank_line;
use crate::{Outcome, RunReport, TimeKind};

/// What an example's author declared on its code fence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeclaredFlags {
    /// `norun`: a fragment not meant to run on its own.
    pub norun: bool,
    /// `nondeterministic`: runs, but its output varies.
    pub nondeterministic: bool,
    /// `requires=pkg,...`: third-party packages it needs.
    pub requires: Vec<String>,
}

/// Why an example is a fragment rather than a program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FragmentReason {
    /// The author said so (`norun`).
    Declared,
    /// `await`, `async for` or `async with` outside a function.
    TopLevelAwait,
    /// Bodies that are only `...`: pseudo-code.
    PseudoCode,
    /// Prose or an incomplete piece of code; carries the SyntaxError line.
    SyntaxError(String),
    /// A name that no line of this block defines, presumably from an earlier block.
    UndefinedName(String),
}

/// The result of verifying one example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Exited 0 and, when an expected output was given, printed it.
    Passed,
    /// Exited 0 but printed something else; `diff` is a line diff, expected (`-`) to
    /// actual (`+`).
    OutputMismatch { diff: String },
    /// An uncaught exception (its last traceback line) or a non-zero exit status.
    RaisedError { error: String },
    /// Not meant to run on its own.
    Fragment { reason: FragmentReason },
    /// Needs a package outside the standard library (`package` is what to pip install).
    NeedsPackage { module: String, package: String },
    /// Reads standard input or files that are not there.
    NeedsInputOrFiles { detail: String },
    /// Ran out of wall-clock or CPU time.
    TimedOut { kind: TimeKind },
    /// Stopped by the memory or output limit, or killed by a signal.
    Killed { detail: String },
    /// The sandbox failed; says nothing about the example.
    SandboxFailure { message: String },
}

impl Verdict {
    /// Verdicts that `pyprep verify` should count as the example being fine.
    pub fn is_ok(&self) -> bool {
        matches!(self, Verdict::Passed)
    }
}

/// A verdict reached without running the code, from the author's declarations alone.
pub fn skip_reason(declared: &DeclaredFlags) -> Option<Verdict> {
    if declared.norun {
        return Some(Verdict::Fragment {
            reason: FragmentReason::Declared,
        });
    }
    declared.requires.first().map(|pkg| Verdict::NeedsPackage {
        module: pkg.clone(),
        package: pkg.clone(),
    })
}

/// Classifies the run of one example.
///
/// `expected_output` is compared with stdout ignoring trailing whitespace at line ends
/// and trailing blank lines; it is not compared for `nondeterministic` examples.
pub fn classify(
    example_code: &str,
    declared: &DeclaredFlags,
    expected_output: Option<&str>,
    outcome: &Outcome,
) -> Verdict {
    if let Some(verdict) = skip_reason(declared) {
        return verdict;
    }
    match outcome {
        Outcome::SandboxFailure { message } => Verdict::SandboxFailure {
            message: message.clone(),
        },
        Outcome::TimeLimit { kind, .. } => Verdict::TimedOut { kind: *kind },
        Outcome::MemoryLimit { .. } => Verdict::Killed {
            detail: "memory limit".into(),
        },
        Outcome::OutputLimit { .. } => Verdict::Killed {
            detail: "output limit".into(),
        },
        Outcome::Signaled { signal, .. } => Verdict::Killed {
            detail: format!("signal {signal}"),
        },
        Outcome::Finished {
            exit_code: 0,
            stdout,
            ..
        } => match expected_output {
            Some(expected)
                if !declared.nondeterministic && normalize(expected) != normalize(stdout) =>
            {
                if has_ellipsis_bodies(example_code) {
                    Verdict::Fragment {
                        reason: FragmentReason::PseudoCode,
                    }
                } else {
                    Verdict::OutputMismatch {
                        diff: line_diff(&normalize(expected), &normalize(stdout)),
                    }
                }
            }
            _ => Verdict::Passed,
        },
        Outcome::Finished {
            exit_code, stderr, ..
        } => classify_error(example_code, *exit_code, stderr),
    }
}

fn classify_error(code: &str, exit_code: i32, stderr: &str) -> Verdict {
    let last = last_nonblank_line(stderr).trim();
    let (kind, message) = match last.split_once(": ") {
        Some((k, m)) => (k, m),
        None => (last, ""),
    };
    let fragment = |reason| Verdict::Fragment { reason };
    match kind {
        "SyntaxError" | "IndentationError" | "TabError" => {
            if message.contains("outside function") || message.contains("outside async function") {
                fragment(FragmentReason::TopLevelAwait)
            } else if has_ellipsis_bodies(code) {
                fragment(FragmentReason::PseudoCode)
            } else {
                fragment(FragmentReason::SyntaxError(last.to_string()))
            }
        }
        "NameError" => match quoted(message) {
            Some(name) if !defines(code, name) => {
                fragment(FragmentReason::UndefinedName(name.to_string()))
            }
            _ => Verdict::RaisedError {
                error: last.to_string(),
            },
        },
        "ModuleNotFoundError" => {
            let module = quoted(message).unwrap_or(message);
            let top = module.split('.').next().unwrap_or(module);
            Verdict::NeedsPackage {
                module: top.to_string(),
                package: package_for_module(top).to_string(),
            }
        }
        "EOFError" => Verdict::NeedsInputOrFiles {
            detail: "reads standard input (input())".into(),
        },
        "FileNotFoundError" | "NotADirectoryError" => Verdict::NeedsInputOrFiles {
            detail: last.to_string(),
        },
        _ if has_ellipsis_bodies(code) && !last.is_empty() => fragment(FragmentReason::PseudoCode),
        _ if last.is_empty() || !stderr.contains("Traceback") && !kind.ends_with("Error") => {
            Verdict::RaisedError {
                error: if last.is_empty() {
                    format!("exited with status {exit_code}")
                } else {
                    format!("exited with status {exit_code}: {last}")
                },
            }
        }
        _ => Verdict::RaisedError {
            error: last.to_string(),
        },
    }
}

/// The first single-quoted word of an error message (`name 'x' is not defined`).
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('\'')? + 1;
    let len = message[start..].find('\'')?;
    Some(&message[start..start + len])
}

/// Whether the block itself binds `name` (assignment, def, class, import, for, with, ...).
fn defines(code: &str, name: &str) -> bool {
    const BINDING_KEYWORDS: &[&str] = &[
        "def", "class", "import", "as", "for", "global", "nonlocal", "lambda",
    ];
    const ASSIGN_OPS: &[&str] = &[
        "=", ":=", "+=", "-=", "*=", "/=", "//=", "%=", "**=", "|=", "&=", "^=", ">>=", "<<=",
    ];
    let code = strip_strings_and_comments(code);
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    for (at, _) in code.match_indices(name) {
        let end = at + name.len();
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| is_ident(c) || c == '.')
            || code[end..].chars().next().is_some_and(is_ident)
        {
            continue;
        }
        let line_start = code[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = code[end..].find('\n').map_or(code.len(), |i| end + i);
        let head = code[line_start..at].trim();
        let rest = code[end..line_end].trim_start();
        let last_word = head.rsplit(|c: char| !is_ident(c)).next().unwrap_or("");
        let keyword = BINDING_KEYWORDS.contains(&last_word) && head.ends_with(last_word);
        let assigned = ASSIGN_OPS.iter().any(|op| rest.starts_with(op)) && !rest.starts_with("==");
        let annotated = head.is_empty() && rest.starts_with(':');
        let in_target_list = (head.is_empty() || head.ends_with(','))
            && (rest.starts_with(',') || head.ends_with(','))
            && (["for ", "import ", "from "]
                .iter()
                .any(|kw| head.starts_with(kw))
                || has_plain_assignment(rest));
        if keyword || assigned || annotated || in_target_list {
            return true;
        }
    }
    false
}

/// `a, b = ...` rather than `a, b == ...` or a call's arguments.
fn has_plain_assignment(rest: &str) -> bool {
    rest.match_indices('=').any(|(i, _)| {
        let prev = rest[..i].chars().next_back();
        let next = rest[i + 1..].chars().next();
        !matches!(prev, Some('=' | '!' | '<' | '>'))
            && next != Some('=')
            && !rest[..i].contains('(')
    })
}

/// Pseudo-code: some `def`/`class` or block whose whole body is `...`.
fn has_ellipsis_bodies(code: &str) -> bool {
    let code = strip_strings_and_comments(code);
    let lines: Vec<&str> = code.lines().collect();
    lines.iter().enumerate().any(|(i, line)| {
        let t = line.trim();
        let block_head = |l: &str| {
            let l = l.trim();
            (l.starts_with("def ")
                || l.starts_with("async def ")
                || l.starts_with("class ")
                || l.starts_with("if ")
                || l.starts_with("for ")
                || l.starts_with("while "))
                && l.ends_with(':')
        };
        if t == "..." {
            return i > 0
                && lines[..i]
                    .iter()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .is_some_and(|l| block_head(l));
        }
        (t.starts_with("def ") || t.starts_with("async def ") || t.starts_with("class "))
            && t.ends_with(": ...")
    })
}

/// Replaces string literals and comments by spaces, keeping line structure, so that
/// static checks do not fire on prose.
fn strip_strings_and_comments(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '#' {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '"' || c == '\'' {
            let triple = i + 2 < chars.len() && chars[i + 1] == c && chars[i + 2] == c;
            let quote_len = if triple { 3 } else { 1 };
            out.push('"');
            i += quote_len;
            while i < chars.len() {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                } else if chars[i] == c
                    && (!triple || (i + 2 < chars.len() && chars[i + 1] == c && chars[i + 2] == c))
                {
                    i += quote_len;
                    break;
                } else if chars[i] == '\n' && !triple {
                    break;
                }
                if i < chars.len() {
                    out.push(if chars[i] == '\n' { '\n' } else { ' ' });
                    i += 1;
                }
            }
            out.push('"');
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The PyPI distribution for a module whose name differs from it.
pub fn package_for_module(module: &str) -> &str {
    match module {
        "yaml" => "PyYAML",
        "PIL" => "Pillow",
        "sklearn" => "scikit-learn",
        "cv2" => "opencv-python",
        "bs4" => "beautifulsoup4",
        "dateutil" => "python-dateutil",
        "attr" => "attrs",
        "dotenv" => "python-dotenv",
        "jwt" => "PyJWT",
        "Crypto" => "pycryptodome",
        "google" => "protobuf",
        "serial" => "pyserial",
        "magic" => "python-magic",
        "zmq" => "pyzmq",
        "skimage" => "scikit-image",
        other => other,
    }
}

/// Trailing whitespace at line ends and trailing blank lines do not count.
pub fn normalize(output: &str) -> String {
    let mut lines: Vec<&str> = output.lines().map(str::trim_end).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// Largest `expected lines x actual lines` the LCS table may have (about 32 MiB): imported
/// code can print a megabyte of short lines, and a quadratic table of that would exhaust memory.
const MAX_DIFF_CELLS: usize = 4_000_000;

/// A minimal line diff (longest common subsequence): ` ` same, `-` expected, `+` actual.
/// Outputs too long for that get the first differing line instead.
pub fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    if (a.len() + 1).saturating_mul(b.len() + 1) > MAX_DIFF_CELLS {
        let at = a
            .iter()
            .zip(&b)
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(b.len()));
        return format!(
            "outputs differ from line {} ({} lines expected, {} printed)\n- {}\n+ {}\n",
            at + 1,
            a.len(),
            b.len(),
            a.get(at).unwrap_or(&""),
            b.get(at).unwrap_or(&"")
        );
    }
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push_str(&format!("  {}\n", a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push_str(&format!("- {}\n", a[i]));
            i += 1;
        } else {
            out.push_str(&format!("+ {}\n", b[j]));
            j += 1;
        }
    }
    out
}

/// Why an example does not make a good predict-the-output drill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrillObstacle {
    /// Declared `norun`, `nondeterministic` or `requires=`.
    Declared,
    /// Did not exit 0.
    DidNotSucceed,
    /// Prints nothing to predict.
    NoOutput,
    /// Longer than a person can predict line by line.
    OutputTooLong,
    /// Took longer than [`DRILL_MAX_WALL`].
    Slow,
    /// Uses randomness, clocks, ids, hashes, threads or addresses.
    Nondeterministic,
    /// Reads input, the environment, arguments, the network or other programs.
    NotSelfContained,
}

/// A drill must run quickly enough to re-run on every answer.
pub const DRILL_MAX_WALL: Duration = Duration::from_secs(1);
/// Longest output (in lines) a drill asks a person to predict.
pub const DRILL_MAX_LINES: usize = 20;

const NONDETERMINISTIC: &[&str] = &[
    "random",
    "time.time",
    "time.perf_counter",
    "time.monotonic",
    "time.process_time",
    "datetime.now",
    "datetime.today",
    "date.today",
    "utcnow",
    "uuid",
    "secrets",
    "urandom",
    "getpid",
    "id(",
    "hash(",
    "threading",
    "multiprocessing",
    "concurrent.futures",
    "tempfile",
];

const NOT_SELF_CONTAINED: &[&str] = &[
    "input(",
    "sys.stdin",
    "sys.argv",
    "os.environ",
    "getenv",
    "socket",
    "urllib",
    "http.client",
    "requests",
    "subprocess",
    "os.system",
    "webbrowser",
];

/// Everything that keeps an example from being a predict-the-output drill.
pub fn drill_obstacles(
    code: &str,
    declared: &DeclaredFlags,
    report: &RunReport,
) -> Vec<DrillObstacle> {
    let mut found = Vec::new();
    if declared.norun || declared.nondeterministic || !declared.requires.is_empty() {
        found.push(DrillObstacle::Declared);
    }
    if !report.outcome.is_success() {
        found.push(DrillObstacle::DidNotSucceed);
    }
    let stdout = normalize(report.outcome.stdout());
    if stdout.is_empty() {
        found.push(DrillObstacle::NoOutput);
    }
    if stdout.lines().count() > DRILL_MAX_LINES {
        found.push(DrillObstacle::OutputTooLong);
    }
    if report.wall_time > DRILL_MAX_WALL {
        found.push(DrillObstacle::Slow);
    }
    let code = strip_strings_and_comments(code);
    let seeded = code.contains("random.seed(") || code.contains("Random(");
    let uses = |needle: &&str| mentions(&code, needle);
    if NONDETERMINISTIC
        .iter()
        .filter(|n| !(seeded && **n == "random"))
        .any(uses)
        || stdout.contains(" at 0x")
    {
        found.push(DrillObstacle::Nondeterministic);
    }
    if NOT_SELF_CONTAINED.iter().any(uses) {
        found.push(DrillObstacle::NotSelfContained);
    }
    found
}

/// Deterministic, fast, self-contained and prints something: fit for a drill.
pub fn is_drill_candidate(code: &str, declared: &DeclaredFlags, report: &RunReport) -> bool {
    drill_obstacles(code, declared, report).is_empty()
}

/// `needle` as a whole word (or dotted/called name) in code without strings and comments.
fn mentions(code: &str, needle: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(needle).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + needle.len()..].chars().next();
        !before.is_some_and(|c| {
            is_ident(c) || (c == '.' && !needle.contains('.') && needle.ends_with('('))
        }) && (needle.ends_with('(') || !after.is_some_and(is_ident))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn huge_outputs_diff_without_a_quadratic_table() {
        // Regression: 100k x 100k lines once meant a 10^10-cell table.
        let expected = "x\n".repeat(100_000);
        let actual = format!("{}y\n", "x\n".repeat(99_999));
        let diff = super::line_diff(&expected, &actual);
        assert!(
            diff.starts_with("outputs differ from line 100000"),
            "{diff}"
        );
    }

    use super::*;
    use crate::{IsolationFlags, Limits};

    fn finished(code: i32, stdout: &str, stderr: &str) -> Outcome {
        Outcome::Finished {
            exit_code: code,
            stdout: stdout.into(),
            stderr: stderr.into(),
        }
    }

    fn none() -> DeclaredFlags {
        DeclaredFlags::default()
    }

    fn tb(last: &str) -> String {
        format!(
            "Traceback (most recent call last):\n  File \"/tmp/main.py\", line 1, in <module>\n{last}\n"
        )
    }

    #[test]
    fn passes_when_output_matches_up_to_trailing_whitespace() {
        let v = classify(
            "print(1)",
            &none(),
            Some("1  \n\n\n"),
            &finished(0, "1\n", ""),
        );
        assert_eq!(v, Verdict::Passed);
        assert_eq!(
            classify("print(1)", &none(), None, &finished(0, "", "")),
            Verdict::Passed
        );
    }

    #[test]
    fn mismatch_carries_a_diff() {
        let v = classify(
            "",
            &none(),
            Some("a\nb\nc\n"),
            &finished(0, "a\nB\nc\n", ""),
        );
        assert_eq!(
            v,
            Verdict::OutputMismatch {
                diff: "  a\n- b\n+ B\n  c\n".into()
            }
        );
    }

    #[test]
    fn leading_whitespace_still_counts() {
        let v = classify("", &none(), Some(" 1\n"), &finished(0, "1\n", ""));
        assert!(matches!(v, Verdict::OutputMismatch { .. }));
    }

    #[test]
    fn nondeterministic_examples_only_need_to_succeed() {
        let declared = DeclaredFlags {
            nondeterministic: true,
            ..none()
        };
        assert_eq!(
            classify("", &declared, Some("x"), &finished(0, "y", "")),
            Verdict::Passed
        );
    }

    #[test]
    fn declared_flags_skip_the_run() {
        let norun = DeclaredFlags {
            norun: true,
            ..none()
        };
        assert_eq!(
            skip_reason(&norun),
            Some(Verdict::Fragment {
                reason: FragmentReason::Declared
            })
        );
        let requires = DeclaredFlags {
            requires: vec!["numpy".into()],
            ..none()
        };
        assert!(matches!(
            skip_reason(&requires),
            Some(Verdict::NeedsPackage { .. })
        ));
        assert_eq!(skip_reason(&none()), None);
    }

    #[test]
    fn an_exception_reports_the_last_traceback_line() {
        let v = classify(
            "1/0",
            &none(),
            None,
            &finished(1, "", &tb("ZeroDivisionError: division by zero")),
        );
        assert_eq!(
            v,
            Verdict::RaisedError {
                error: "ZeroDivisionError: division by zero".into()
            }
        );
    }

    #[test]
    fn sys_exit_without_traceback_reports_the_status() {
        let v = classify(
            "import sys; sys.exit(3)",
            &none(),
            None,
            &finished(3, "", ""),
        );
        assert_eq!(
            v,
            Verdict::RaisedError {
                error: "exited with status 3".into()
            }
        );
    }

    #[test]
    fn top_level_await_is_a_fragment() {
        let err = "  File \"/tmp/main.py\", line 1\nSyntaxError: 'await' outside function\n";
        let v = classify("await f()", &none(), None, &finished(1, "", err));
        assert_eq!(
            v,
            Verdict::Fragment {
                reason: FragmentReason::TopLevelAwait
            }
        );
    }

    #[test]
    fn prose_is_a_fragment_with_the_syntax_error() {
        let err = "SyntaxError: invalid syntax\n";
        let v = classify(
            "first we sort the list",
            &none(),
            None,
            &finished(1, "", err),
        );
        assert_eq!(
            v,
            Verdict::Fragment {
                reason: FragmentReason::SyntaxError("SyntaxError: invalid syntax".into())
            }
        );
    }

    #[test]
    fn ellipsis_bodies_are_pseudo_code() {
        let code = "class Cache:\n    def get(self, key):\n        ...\n\nc = Cache()\nprint(c.get(1) + 1)\n";
        let v = classify(
            code,
            &none(),
            None,
            &finished(1, "", &tb("TypeError: unsupported operand")),
        );
        assert_eq!(
            v,
            Verdict::Fragment {
                reason: FragmentReason::PseudoCode
            }
        );
        assert!(has_ellipsis_bodies("def f(x): ...\n"));
        assert!(!has_ellipsis_bodies("x = [1, ...]\nprint('...')\n"));
    }

    #[test]
    fn name_from_an_earlier_block_is_a_fragment_but_a_real_bug_is_not() {
        let err = tb("NameError: name 'users' is not defined");
        let v = classify("print(len(users))", &none(), None, &finished(1, "", &err));
        assert_eq!(
            v,
            Verdict::Fragment {
                reason: FragmentReason::UndefinedName("users".into())
            }
        );
        let code = "def f():\n    return users\nprint(f())\nusers = []\n";
        let v = classify(code, &none(), None, &finished(1, "", &err));
        assert!(matches!(v, Verdict::RaisedError { .. }));
    }

    #[test]
    fn defines_recognises_the_usual_bindings() {
        for code in [
            "x = 1",
            "x: int = 1",
            "def x(): pass",
            "class x: pass",
            "import x",
            "import a as x",
            "from a import x",
            "for x in y: pass",
            "with open(p) as x: pass",
            "x += 1",
            "a, x = 1, 2",
            "if (x := 3): pass",
        ] {
            assert!(defines(code, "x"), "{code}");
        }
        for code in ["print(x)", "y = x", "x == 1", "obj.x = 1", "'x = 1'"] {
            assert!(!defines(code, "x"), "{code}");
        }
    }

    #[test]
    fn missing_module_names_the_package_to_install() {
        let v = classify(
            "import yaml",
            &none(),
            None,
            &finished(1, "", &tb("ModuleNotFoundError: No module named 'yaml'")),
        );
        assert_eq!(
            v,
            Verdict::NeedsPackage {
                module: "yaml".into(),
                package: "PyYAML".into()
            }
        );
        let v = classify(
            "",
            &none(),
            None,
            &finished(
                1,
                "",
                &tb("ModuleNotFoundError: No module named 'numpy.linalg'"),
            ),
        );
        assert!(matches!(v, Verdict::NeedsPackage { module, .. } if module == "numpy"));
    }

    #[test]
    fn input_and_missing_files_need_the_outside_world() {
        let v = classify(
            "input()",
            &none(),
            None,
            &finished(1, "", &tb("EOFError: EOF when reading a line")),
        );
        assert!(matches!(v, Verdict::NeedsInputOrFiles { .. }));
        let err = tb("FileNotFoundError: [Errno 2] No such file or directory: 'data.csv'");
        let v = classify("open('data.csv')", &none(), None, &finished(1, "", &err));
        assert!(matches!(v, Verdict::NeedsInputOrFiles { detail } if detail.contains("data.csv")));
    }

    #[test]
    fn limits_map_to_their_verdicts() {
        let t = Outcome::TimeLimit {
            kind: TimeKind::Wall,
            stdout: String::new(),
            stderr: String::new(),
        };
        assert_eq!(
            classify("", &none(), None, &t),
            Verdict::TimedOut {
                kind: TimeKind::Wall
            }
        );
        let f = Outcome::SandboxFailure {
            message: "x".into(),
        };
        assert!(matches!(
            classify("", &none(), None, &f),
            Verdict::SandboxFailure { .. }
        ));
    }

    #[test]
    fn strings_and_comments_are_blanked() {
        let s = strip_strings_and_comments("x = 'a#b' # c\ny = \"\"\"q\n'r'\"\"\"\n");
        assert!(!s.contains('a') && !s.contains('c') && !s.contains('q'));
        assert_eq!(s.lines().count(), 3);
    }

    fn report(stdout: &str, wall_ms: u64) -> RunReport {
        RunReport {
            outcome: finished(0, stdout, ""),
            limits: Limits::default(),
            wall_time: Duration::from_millis(wall_ms),
            cpu_time: Duration::ZERO,
            peak_memory_bytes: 0,
            isolation: IsolationFlags::default(),
        }
    }

    #[test]
    fn a_plain_deterministic_example_is_a_drill_candidate() {
        let code = "print(sorted({3, 1, 2}))\n";
        assert!(is_drill_candidate(
            code,
            &none(),
            &report("[1, 2, 3]\n", 20)
        ));
    }

    #[test]
    fn drill_obstacles_are_each_detected() {
        let ok = report("1\n", 20);
        let check = |code: &str, r: &RunReport| drill_obstacles(code, &none(), r);
        assert_eq!(
            check("print(1)", &report("", 20)),
            vec![DrillObstacle::NoOutput]
        );
        assert_eq!(
            check("print(1)", &report("1\n", 5000)),
            vec![DrillObstacle::Slow]
        );
        assert_eq!(
            check("import random\nprint(random.random())", &ok),
            vec![DrillObstacle::Nondeterministic]
        );
        assert!(check("import random\nrandom.seed(1)\nprint(random.random())", &ok).is_empty());
        assert_eq!(
            check("print(id(object()))", &ok),
            vec![DrillObstacle::Nondeterministic]
        );
        assert_eq!(
            check("print(object())", &report("<object object at 0x7f>\n", 20)),
            vec![DrillObstacle::Nondeterministic]
        );
        assert_eq!(
            check("name = input()\nprint(name)", &ok),
            vec![DrillObstacle::NotSelfContained]
        );
        assert!(check("# uses random numbers\nprint('random')", &ok).is_empty());
        assert!(check("def valid(x):\n    return x\nprint(valid(1))", &ok).is_empty());
        let long = "x\n".repeat(DRILL_MAX_LINES + 1);
        assert_eq!(
            check("print(1)", &report(&long, 20)),
            vec![DrillObstacle::OutputTooLong]
        );
        let declared = DeclaredFlags {
            nondeterministic: true,
            ..none()
        };
        assert_eq!(
            drill_obstacles("print(1)", &declared, &ok),
            vec![DrillObstacle::Declared]
        );
    }
}

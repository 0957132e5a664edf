//! What a fenced block holds: its language, whether it is a diagram rather than code,
//! whether it is a fragment that cannot run on its own, and which third-party packages it
//! needs. Everything here reads the code; nothing runs it.

use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::text::{lines_of, trim, trim_end, trim_start};

/// Searchers for what every Python block is searched for, built once: building a searcher
/// cost more than searching a typical block with it.
static PLACEHOLDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("...existing code"));
static ELLIPSIS: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("…"));
static AWAIT: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("await"));
static ID_CALL: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("id("));
static HASH_CALL: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("hash("));

/// What [`classify`] found out about one fenced block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeInfo {
    /// Normalised fence language (`python`, `pycon`, `bash`, `text`, `mermaid`, ...).
    pub language: String,
    /// A drawing (box-drawing characters, mermaid) kept with the answer, not an example.
    pub diagram: bool,
    /// A fragment not meant to run on its own.
    pub norun: bool,
    /// Why it is a fragment, when it is one.
    pub norun_reason: Option<&'static str>,
    /// Third-party packages the code imports (pip names).
    pub requires: Vec<String>,
    /// Output that varies between runs (clocks, randomness, addresses, threads).
    pub nondeterministic: bool,
}

/// Reads a block's declared language (the fence's info string, possibly empty) and its code.
pub fn classify(declared: &str, code: &str) -> CodeInfo {
    classify_with(declared, code, || lines_of(code).collect())
}

/// [`classify`] of code whose lines end at `line_ends` (the offsets of their `\n`), as
/// [`crate::repair::dedent_spaces`] reports them: the code is not split again.
pub(crate) fn classify_split(declared: &str, code: &str, line_ends: &[usize]) -> CodeInfo {
    classify_with(declared, code, || {
        let mut start = 0;
        let lines: Vec<&str> = line_ends
            .iter()
            .map(|&end| {
                let line = &code[start..end];
                start = end + 1;
                line
            })
            .collect();
        debug_assert!(lines.iter().copied().eq(lines_of(code)));
        lines
    })
}

/// [`classify`], with `split` giving the code's lines (as [`lines_of`] gives them) when
/// they are needed.
fn classify_with<'c>(
    declared: &str,
    code: &'c str,
    split: impl FnOnce() -> Vec<&'c str>,
) -> CodeInfo {
    let declared = normalise_language(declared);
    // Every drawing character starts with the byte 0xE2: code without it (nearly all code)
    // has no drawing line, and its lines need not be counted.
    // (Searched with `memchr`: the standard byte search is several times slower.)
    let is_drawing = memchr::memchr(0xE2, code.as_bytes()).is_some() && {
        let (mut drawing_lines, mut code_lines) = (0, 0);
        for line in lines_of(code) {
            if trim(line).is_empty() {
                continue;
            }
            code_lines += 1;
            if has_drawing(line) {
                drawing_lines += 1;
            }
        }
        drawing_lines > 0 && drawing_lines * 2 >= code_lines
    };
    let language = match declared {
        // Shell commands filed under a Python fence are still shell commands.
        Some(lang) if lang == "python" && !is_drawing && looks_like_shell(code) => {
            "bash".to_string()
        }
        Some(lang) if !is_drawing || lang == "mermaid" => lang,
        _ if is_drawing => "text".to_string(),
        Some(lang) => lang,
        None => detect_language(code).to_string(),
    };
    let diagram = language == "mermaid" || is_drawing;
    let mut info = CodeInfo {
        language,
        diagram,
        norun: false,
        norun_reason: None,
        requires: Vec::new(),
        nondeterministic: false,
    };
    if info.language == "python" && !diagram {
        // Both checks read the code line by line: it is split once.
        let lines = split();
        let (requires, local, modules) = imports(&lines);
        info.requires = requires;
        info.norun_reason = if local {
            Some("imports a module of a larger project")
        } else {
            fragment_reason_of(code, &lines)
        };
        info.norun = info.norun_reason.is_some();
        info.nondeterministic = is_nondeterministic(code, &modules);
    }
    info
}

/// Whether a line holds box-drawing or block characters (U+2500..U+259F, which UTF-8
/// encodes as `E2 94..96 xx`); checked on bytes because every line of every block is.
fn has_drawing(line: &str) -> bool {
    line.as_bytes()
        .windows(2)
        .any(|w| w[0] == 0xE2 && (0x94..=0x96).contains(&w[1]))
}

/// The canonical name of a declared fence language; `None` when nothing useful was declared.
fn normalise_language(info: &str) -> Option<String> {
    let word = info
        .split(|c: char| c.is_whitespace() || c == '{' || c == ',')
        .next()
        .unwrap_or("")
        .trim_start_matches('.');
    // Copied only when there is something to lowercase (fences are nearly always
    // labelled in lowercase already).
    let lowered;
    let word = if word.bytes().any(|b| b.is_ascii_uppercase()) {
        lowered = word.to_ascii_lowercase();
        lowered.as_str()
    } else {
        word
    };
    let known = match word {
        "" => return None,
        "text" | "txt" | "plain" | "plaintext" | "none" => "text",
        "py" | "python" | "python3" | "py3" => "python",
        "pycon" | "pyrepl" | "python-repl" | "ipython" => "pycon",
        "sh" | "bash" | "shell" | "console" | "zsh" | "shell-session" | "terminal" => "bash",
        "mermaid" => "mermaid",
        "toml" => "toml",
        "ini" | "cfg" => "ini",
        "yaml" | "yml" => "yaml",
        "json" => "json",
        "sql" => "sql",
        "dockerfile" | "docker" => "dockerfile",
        "html" => "html",
        "js" | "javascript" => "javascript",
        "output" => "output",
        _ if word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '#')) =>
        {
            return Some(word.to_string());
        }
        _ => "text",
    };
    Some(known.to_string())
}

const SHELL_STARTS: &[&str] = &[
    "$ ",
    "pip ",
    "pip3 ",
    "python -",
    "python3 -",
    "python ",
    "cd ",
    "export ",
    "git ",
    "docker ",
    "curl ",
    "uvicorn ",
    "gunicorn ",
    "celery ",
    "poetry ",
    "uv ",
    "pytest",
    "mypy ",
    "ruff ",
    "black ",
    "source ",
    "sudo ",
    "apt ",
    "brew ",
    "conda ",
    "pipenv ",
    "mkdir ",
    "ls ",
    "echo ",
    "twine ",
    "flake8 ",
    "pylint ",
    "coverage ",
    "tox",
    "py-spy ",
    "kill ",
];

fn is_shell_line(line: &str) -> bool {
    // Most lines share their first byte with few of the starts, and comparing that byte
    // first spares a `memcmp` call for each of the others.
    let Some(&first) = line.as_bytes().first() else {
        return false;
    };
    SHELL_STARTS
        .iter()
        .any(|s| s.as_bytes()[0] == first && line.starts_with(s))
        && !line.contains('(')
}

/// Whether most command lines of a block are shell commands (the first one must be).
fn looks_like_shell(code: &str) -> bool {
    let mut lines = lines_of(code)
        .map(trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    if !lines.next().is_some_and(is_shell_line) {
        return false;
    }
    let (mut shell, mut total) = (1, 1);
    for l in lines {
        total += 1;
        if is_shell_line(l) {
            shell += 1;
        }
    }
    shell * 2 > total
}

/// Guesses the language of an unlabelled block from its first lines.
fn detect_language(code: &str) -> &'static str {
    let first = lines_of(code)
        .map(trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if first.starts_with(">>>") {
        return "pycon";
    }
    if is_shell_line(first) {
        return "bash";
    }
    let upper = first.to_ascii_uppercase();
    if [
        "SELECT ",
        "INSERT ",
        "CREATE TABLE",
        "UPDATE ",
        "DELETE FROM",
        "WITH ",
    ]
    .iter()
    .any(|k| upper.starts_with(k) && first.starts_with(|c: char| c.is_ascii_uppercase()))
    {
        return "sql";
    }
    if first.starts_with('[') && first.ends_with(']') && code.contains(" = ") {
        return "toml";
    }
    if first.starts_with('{') && code.contains("\":") {
        return "json";
    }
    let python_like = lines_of(code).any(|l| {
        let t = trim_start(l);
        [
            "def ",
            "class ",
            "import ",
            "from ",
            "print(",
            "return ",
            "async def ",
            "@",
            "for ",
            "if ",
            "with ",
            "try:",
            "while ",
        ]
        .iter()
        .any(|k| t.starts_with(k))
            || t.contains(" = ")
    });
    if python_like { "python" } else { "text" }
}

/// Modules whose use makes output vary from run to run.
const VARYING_MODULES: &[&str] = &[
    "random",
    "uuid",
    "threading",
    "multiprocessing",
    "concurrent",
    "tracemalloc",
    "timeit",
    "secrets",
];

/// Calls whose result varies from run to run (clocks, process ids), by the module they
/// need imported first.
const VARYING_CALLS: &[(&str, &[&str])] = &[
    (
        "time",
        &[
            "time(",
            "perf_counter(",
            "monotonic(",
            "time_ns(",
            "perf_counter_ns(",
        ],
    ),
    ("datetime", &["now(", "today(", "utcnow("]),
    ("os", &["getpid(", "urandom("]),
    ("gc", &["get_count(", "get_objects("]),
];

/// Whether the code's output varies between runs: it uses a module of randomness,
/// concurrency or timing, reads a clock, or prints object ids or hashes. `modules` are the
/// top-level modules it imports, found while reading its imports.
fn is_nondeterministic(code: &str, modules: &[&str]) -> bool {
    if modules.iter().any(|m| VARYING_MODULES.contains(m)) {
        return true;
    }
    let calls = VARYING_CALLS
        .iter()
        .filter(|(m, _)| modules.contains(m))
        .flat_map(|(_, calls)| calls.iter());
    for call in calls {
        if contains(code, call) {
            return true;
        }
    }
    // id() and str hashes change with every run (addresses, hash randomisation).
    contains_call(code, &ID_CALL) || contains_call(code, &HASH_CALL)
}

/// `haystack.contains(needle)`, with the vectorised substring search: whole code blocks
/// are searched for several words each.
fn contains(haystack: &str, needle: &str) -> bool {
    memchr::memmem::find(haystack.as_bytes(), needle.as_bytes()).is_some()
}

/// Whether the call `finder` searches for (like `id(`) occurs as a call of its own, not as
/// the end of a longer name.
fn contains_call(code: &str, finder: &Finder) -> bool {
    finder.find_iter(code.as_bytes()).any(|i| {
        !code[..i]
            .bytes()
            .next_back()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
    })
}

/// Top-level modules that are a project's own code, not something pip installs: importing
/// them means the snippet is a piece of a larger program.
const LOCAL_MODULES: &[&str] = &[
    "app",
    "myapp",
    "my_app",
    "models",
    "utils",
    "config",
    "settings",
    "mymodule",
    "my_module",
    "mypackage",
    "my_package",
    "project",
    "myproject",
    "src",
    "views",
    "main",
    "module",
    "package",
    "services",
    "tasks",
    "api",
    "core",
    "helpers",
    "database",
    "db",
    "schemas",
    "routers",
    "plugins",
    "tests",
    "mylib",
    "my_lib",
    "example",
    "yourapp",
];

/// Import names whose pip package has another name.
const PIP_NAMES: &[(&str, &str)] = &[
    ("PIL", "pillow"),
    ("bs4", "beautifulsoup4"),
    ("cv2", "opencv-python"),
    ("sklearn", "scikit-learn"),
    ("yaml", "pyyaml"),
    ("attr", "attrs"),
    ("dateutil", "python-dateutil"),
    ("jwt", "pyjwt"),
    ("dotenv", "python-dotenv"),
    ("google", "google-api-core"),
    ("Crypto", "pycryptodome"),
    ("magic", "python-magic"),
    ("memory_profiler", "memory-profiler"),
];

/// Third-party packages a Python snippet imports, and whether it imports a project-local
/// module (which makes it a fragment).
fn imports<'a>(lines: &[&'a str]) -> (Vec<String>, bool, Vec<&'a str>) {
    let mut requires: Vec<String> = Vec::new();
    let mut local = false;
    let mut imported: Vec<&str> = Vec::new();
    for &line in lines {
        let t = trim_start(line);
        // Only lines starting with `i` or `f` can import: the rest (nearly all) are passed
        // over on that byte.
        if !matches!(t.as_bytes().first(), Some(b'i' | b'f')) {
            continue;
        }
        let modules: Vec<&str> = if let Some(rest) = t.strip_prefix("import ") {
            rest.split('#')
                .next()
                .unwrap_or("")
                .split(',')
                .map(|m| m.split_whitespace().next().unwrap_or(""))
                .collect()
        } else if let Some(rest) = t.strip_prefix("from ") {
            match rest.split_once(" import") {
                Some((m, _)) => vec![m.trim()],
                None => continue,
            }
        } else {
            continue;
        };
        for module in modules {
            if module.starts_with('.') {
                local = true;
                continue;
            }
            let top = module.split('.').next().unwrap_or("");
            if !top.is_empty() && !imported.contains(&top) {
                imported.push(top);
            }
            if top.is_empty()
                || !top.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                || top == "__future__"
                || STDLIB.binary_search(&top).is_ok()
            {
                continue;
            }
            if LOCAL_MODULES.contains(&top) {
                local = true;
                continue;
            }
            let pip = PIP_NAMES.iter().find(|(m, _)| *m == top).map_or_else(
                || top.to_ascii_lowercase().replace('_', "-"),
                |(_, p)| p.to_string(),
            );
            if !requires.contains(&pip) {
                requires.push(pip);
            }
        }
    }
    requires.sort();
    (requires, local, imported)
}

/// Why Python code clearly cannot run on its own, if it cannot: broken block structure,
/// unbalanced brackets, statements that only make sense inside a function, Python 2 syntax,
/// or placeholder text. It errs towards "runnable": `verify` will report the rest.
pub fn fragment_reason(code: &str) -> Option<&'static str> {
    fragment_reason_of(code, &lines_of(code).collect::<Vec<_>>())
}

/// [`fragment_reason`] of `code` split into `lines` (as [`str::lines`] splits it).
fn fragment_reason_of(code: &str, lines: &[&str]) -> Option<&'static str> {
    if ELLIPSIS.find(code.as_bytes()).is_some() || PLACEHOLDER.find(code.as_bytes()).is_some() {
        return Some("placeholder text");
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Block {
        Top,
        Def,
        AsyncDef,
        Other,
    }
    let mut depth: i32 = 0;
    let mut in_string: Option<&str> = None;
    let mut continued = false;
    // The logical line being read: its indentation and the block its header would open.
    let mut statement = (0, Block::Other);
    // The block the next indented line opens, with the indentation of its header.
    let mut expect: Option<(usize, Block)> = None;
    let mut stack: smallvec::SmallVec<[(usize, Block); 16]> = smallvec::SmallVec::new();
    stack.push((0, Block::Top));
    let may_await = AWAIT.find(code.as_bytes()).is_some();
    for &raw in lines {
        let line = trim_end(raw);
        // The line (or the rest of it after a string it closes) and its code from the
        // first character that is not whitespace.
        let (line, t, starts_statement) = if let Some(quote) = in_string {
            let Some(p) = find_triple(line, quote) else {
                continue;
            };
            in_string = None;
            let rest = &line[p + 3..];
            (rest, trim_start(rest), false)
        } else {
            let t = trim_start(line);
            if t.is_empty() || (t.starts_with('#') && depth == 0 && !continued) {
                continue;
            }
            (line, t, depth == 0 && !continued)
        };
        let code = scan(t, &mut in_string, may_await);
        if starts_statement {
            let indent = line.len() - t.len();
            if let Some((header, kind)) = expect.take() {
                if indent <= header {
                    return Some("a block header without an indented body");
                }
                stack.push((indent, kind));
            } else if indent > stack.last().map_or(0, |s| s.0) {
                return Some("unexpected indentation");
            } else {
                while stack.last().is_some_and(|&(s, _)| s > indent) {
                    stack.pop();
                }
                if stack.last().map(|s| s.0) != Some(indent) {
                    return Some("indentation that matches no enclosing block");
                }
            }
            let innermost_def = stack
                .iter()
                .rev()
                .map(|s| s.1)
                .find(|b| matches!(b, Block::Def | Block::AsyncDef));
            // Each keyword below is only compared with statements that start with its first
            // byte: most statements start with none of them, and are passed over on that
            // byte rather than compared with every keyword.
            let first = t.as_bytes()[0];
            if innermost_def.is_none()
                && ((first == b'r' && first_word_is(t, "return"))
                    || (first == b'y' && first_word_is(t, "yield")))
            {
                return Some("`return` or `yield` outside a function");
            }
            let awaits = (first == b'a'
                && (t.starts_with("async with ") || t.starts_with("async for ")))
                || code.awaits;
            if awaits && innermost_def != Some(Block::AsyncDef) {
                return Some("`await` outside an async function");
            }
            if stack.len() == 1 && first == b's' && t.starts_with("self.") {
                return Some("`self` outside a class");
            }
            if first == b'p'
                && ((t.starts_with("print ") && !t.starts_with("print ("))
                    || t.starts_with("print \""))
            {
                return Some("Python 2 print statement");
            }
            let kind = match first {
                b'a' if t.starts_with("async def ") => Block::AsyncDef,
                b'd' if t.starts_with("def ") => Block::Def,
                _ => Block::Other,
            };
            statement = (indent, kind);
        } else if depth == 0 && !continued && in_string.is_none() {
            // The rest of a line that closed a multi-line string.
            let awaits = code.awaits;
            let innermost_def = stack
                .iter()
                .rev()
                .map(|s| s.1)
                .find(|b| matches!(b, Block::Def | Block::AsyncDef));
            if awaits && innermost_def != Some(Block::AsyncDef) {
                return Some("`await` outside an async function");
            }
        }
        depth += code.balance;
        if depth < 0 {
            return Some("unbalanced brackets");
        }
        continued = in_string.is_none() && code.last == Some(b'\\');
        if depth == 0 && in_string.is_none() && !continued && code.last == Some(b':') {
            expect = Some(statement);
        }
    }
    if depth != 0 {
        Some("unbalanced brackets")
    } else if in_string.is_some() {
        Some("an unterminated string")
    } else if expect.is_some() {
        Some("a block header without an indented body")
    } else {
        None
    }
}

/// `s.find(triple)` for a triple quote (`"""` or `'''`), searching for the quote byte with
/// [`memchr`]: docstring lines are searched one by one, and building the standard
/// substring searcher for each cost more than the search.
fn find_triple(s: &str, triple: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let quote = triple.as_bytes()[0];
    memchr::memchr_iter(quote, bytes).find(|&p| bytes[p..].starts_with(triple.as_bytes()))
}

/// Whether the first word of `t` (up to a character that is neither alphanumeric nor `_`)
/// is `word`. Inlined, so that each call compares with a word of known length rather than
/// calling `memcmp`: every statement of every block is asked.
#[inline]
fn first_word_is(t: &str, word: &str) -> bool {
    t.strip_prefix(word).is_some_and(|rest| {
        !rest
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// What one line of Python holds outside its strings and comment.
struct Scan {
    /// Opening minus closing brackets.
    balance: i32,
    /// The last byte of code (not whitespace, string or comment).
    last: Option<u8>,
    /// Whether the word `await` occurs.
    awaits: bool,
}

/// What [`scan`] does with each byte: 0 for ordinary bytes (which only become the last
/// byte of code), 1 for whitespace, 2 for the ones it acts on (comment, quotes, brackets,
/// and `a`, which may start `await`). A table lookup per byte, since every byte of every
/// code block goes through here.
const SCAN_CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let special = b"#\"'()[]{}a";
    let mut k = 0;
    while k < special.len() {
        class[special[k] as usize] = 2;
        k += 1;
    }
    // Whitespace as `u8::is_ascii_whitespace` has it (no vertical tab), which is what
    // decides whether a byte becomes the last byte of code.
    let space = b" \t\n\x0C\r";
    let mut k = 0;
    while k < space.len() {
        class[space[k] as usize] = 1;
        k += 1;
    }
    class
};

/// [`SCAN_CLASS`] with `a` an ordinary byte, for blocks without `await`.
const SCAN_CLASS_NO_AWAIT: [u8; 256] = {
    let mut class = SCAN_CLASS;
    class[b'a' as usize] = 0;
    class
};

/// Scans one line of Python, skipping string literals and a trailing comment; sets
/// `in_string` when a triple-quoted string stays open past the end of the line.
/// `may_await` says whether the block contains `await` at all: when it does not, `a` is an
/// ordinary letter, and most bytes are ordinary.
///
/// `line` has no whitespace at its end (callers trim it), so the last byte of code is the
/// line's last byte unless a comment or an unterminated string ends the line: it is worked
/// out once for those, rather than tracked through every run of ordinary bytes. (While a
/// triple-quoted string stays open the caller reads no `last`.)
fn scan(line: &str, in_string: &mut Option<&'static str>, may_await: bool) -> Scan {
    let bytes = line.as_bytes();
    debug_assert!(!bytes.last().is_some_and(u8::is_ascii_whitespace));
    let mut out = Scan {
        balance: 0,
        last: bytes.last().copied(),
        awaits: false,
    };
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    // Without `await` in the block, `a` is an ordinary byte.
    let class = if may_await {
        &SCAN_CLASS
    } else {
        &SCAN_CLASS_NO_AWAIT
    };
    let mut i = 0;
    while i < bytes.len() {
        // Ordinary bytes and whitespace are passed over in a tight loop.
        while i < bytes.len() && class[usize::from(bytes[i])] != 2 {
            i += 1;
        }
        let Some(&c) = bytes.get(i) else { break };
        match c {
            b'#' => {
                out.last = bytes[..i]
                    .iter()
                    .rev()
                    .find(|b| !b.is_ascii_whitespace())
                    .copied();
                break;
            }
            b'"' | b'\'' => {
                let triple: &'static str = if c == b'"' { "\"\"\"" } else { "'''" };
                if bytes[i..].starts_with(triple.as_bytes()) {
                    match find_triple(&line[i + 3..], triple) {
                        Some(end) => {
                            i += 3 + end + 3;
                            continue;
                        }
                        None => {
                            *in_string = Some(triple);
                            return out;
                        }
                    }
                }
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != c {
                    if bytes[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                if j >= bytes.len() {
                    // Unterminated: the string runs to the end, and its quote is the last
                    // byte of code.
                    out.last = Some(c);
                    return out;
                }
                i = j + 1;
                continue;
            }
            b'(' | b'[' | b'{' => out.balance += 1,
            b')' | b']' | b'}' => out.balance -= 1,
            b'a' if bytes[i..].starts_with(b"await")
                && (i == 0 || !is_ident(bytes[i - 1]))
                && !bytes.get(i + 5).is_some_and(|&b| is_ident(b)) =>
            {
                out.awaits = true;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Python 3.11's standard-library top-level modules (`sys.stdlib_module_names`), sorted.
const STDLIB: &[&str] = &[
    "abc",
    "aifc",
    "antigravity",
    "argparse",
    "array",
    "ast",
    "asynchat",
    "asyncio",
    "asyncore",
    "atexit",
    "audioop",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "cgi",
    "cgitb",
    "chunk",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "crypt",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "distutils",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "imghdr",
    "imp",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "lib2to3",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "mailcap",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msilib",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nis",
    "nntplib",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "ossaudiodev",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pipes",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtpd",
    "smtplib",
    "sndhdr",
    "socket",
    "socketserver",
    "spwd",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sunau",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "telnetlib",
    "tempfile",
    "termios",
    "textwrap",
    "this",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uu",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xdrlib",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdlib_list_is_sorted_for_binary_search() {
        assert!(STDLIB.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn languages_are_normalised_or_detected() {
        assert_eq!(
            classify("python theme={null}", "x = 1\n").language,
            "python"
        );
        assert_eq!(classify("", "def f():\n    return 1\n").language, "python");
        assert_eq!(classify("", "$ pip install requests\n").language, "bash");
        assert_eq!(classify("", ">>> 1 + 1\n2\n").language, "pycon");
        assert_eq!(classify("", "SELECT * FROM t;\n").language, "sql");
        assert_eq!(classify("", "[project]\nname = \"x\"\n").language, "toml");
    }

    #[test]
    fn drawings_are_diagrams_not_code() {
        let info = classify("", "┌──┐\n│ A │\n└──┘\n");
        assert!(info.diagram);
        assert_eq!(info.language, "text");
        assert!(classify("mermaid", "graph TD\n A --> B\n").diagram);
    }

    #[test]
    fn fragments_and_requirements() {
        assert!(!classify("python", "def f(x):\n    return x\n\nprint(f(1))\n").norun);
        assert!(classify("python", "    return x\n").norun);
        assert!(classify("python", "self.x = 1\n").norun);
        assert!(classify("python", "if x:\nprint(x)\n").norun);
        assert!(classify("python", "data = [1,\n").norun);
        assert!(classify("python", "print \"hi\"\n").norun);
        assert!(classify("python", "from .models import User\n").norun);
        assert!(classify("python", "x = await f()\n").norun);
        assert!(
            !classify(
                "python",
                "async def f():\n    x = await g()\n    async with a as b:\n        pass\n"
            )
            .norun
        );
        assert!(
            classify(
                "python",
                "async def f():\n    def g():\n        await h()\n"
            )
            .norun
        );
        assert!(!classify("python", "print(f\"\"\"\n{x}\n\"\"\")\nprint(1)\n").norun);
        assert!(!classify("python", "def f(\n    a,\n    b,\n):\n    return a\n").norun);
        assert!(!classify("python", "x = 1 + \\\n        2\n").norun);
        // The last byte of code decides headers and continuations: a comment after it, or a
        // string ending the line, is not that byte.
        assert!(!classify("python", "if x:  # ok\n    y = 1\n").norun);
        assert!(classify("python", "if x:  # no body\n").norun);
        assert!(!classify("python", "x = 1  # note:\ny = 2\n").norun);
        assert!(!classify("python", "s = 'a:'\nt = \"b\\\\\"\nu = 1\n").norun);
        assert!(!classify("python", "x = (1 +  # why\n     2)\n").norun);
        assert!(!classify("python", "d = {'a': 1}  # {\n").norun);
        assert_eq!(
            fragment_reason("x = \"\"\"a:\n  b:\n\"\"\"\nif y:\n    z = 1\n"),
            None
        );
        assert_eq!(
            fragment_reason("for x in y: # loop\nprint(x)\n"),
            Some("a block header without an indented body")
        );
        assert_eq!(
            classify(
                "python",
                "# make a venv\npython -m venv .venv\npip install x\n"
            )
            .language,
            "bash"
        );
        let info = classify(
            "python",
            "import numpy as np\nimport os, sys\nfrom sklearn.linear_model import X\n",
        );
        assert_eq!(info.requires, ["numpy", "scikit-learn"]);
        assert!(!info.norun);
        let doc = "def f():\n    \"\"\"Doc (with paren\n    spanning lines.\"\"\"\n    return {\n        'a': 1,\n    }\n";
        assert!(!classify("python", doc).norun);
        assert!(classify("python", "import time\nprint(time.time())\n").nondeterministic);
        // `id(` and `hash(` vary from run to run; the ends of longer names do not.
        assert!(classify("python", "x = [1]\nprint(id(x))\n").nondeterministic);
        assert!(classify("python", "hash(\"a\")\n").nondeterministic);
        assert!(
            !classify(
                "python",
                "def uuid(x):\n    return x.hash(1)\nprint(valid(2))\n"
            )
            .nondeterministic
        );
    }
}

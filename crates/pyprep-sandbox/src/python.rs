use std::env;
use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::SandboxError;

/// The interpreter the sandbox runs, after resolving shims.
#[derive(Debug, Clone)]
pub(crate) struct Python {
    pub executable: PathBuf,
    pub version: String,
}

const PROBE: &str = "import sys; print(sys.executable); \
print('%d.%d.%d' % sys.version_info[:3]); print(sys.implementation.name)";

/// Finds `python3` on PATH (or uses `explicit`) and asks it for its real executable.
///
/// pyenv and similar put a shell-script shim on PATH that costs ~200 ms per start; asking
/// the interpreter for `sys.executable` once lets every later start skip the shim.
pub(crate) fn resolve(explicit: Option<&Path>) -> Result<Python, SandboxError> {
    let candidate = match explicit {
        Some(p) => p.to_path_buf(),
        None => find_on_path(OsStr::new("python3"), env::var_os("PATH").as_deref())
            .ok_or(SandboxError::PythonNotFound)?,
    };
    let output = Command::new(&candidate)
        .args(["-I", "-S", "-c", PROBE])
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|source| SandboxError::PythonUnusable {
            path: candidate.clone(),
            source,
        })?;
    let not_cpython = |detail: String| SandboxError::NotCPython {
        path: candidate.clone(),
        detail,
    };
    if !output.status.success() {
        return Err(not_cpython(format!(
            "the probe failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut lines = text.lines();
    let (Some(exe), Some(version), Some(implementation)) =
        (lines.next(), lines.next(), lines.next())
    else {
        return Err(not_cpython(format!("unexpected probe output {text:?}")));
    };
    if implementation != "cpython" || !version.starts_with("3.") {
        return Err(not_cpython(format!("{implementation} {version}")));
    }
    let executable = if exe.is_empty() {
        candidate.clone()
    } else {
        PathBuf::from(exe)
    };
    Ok(Python {
        executable,
        version: version.to_string(),
    })
}

fn find_on_path(name: &OsStr, path: Option<&OsStr>) -> Option<PathBuf> {
    env::split_paths(path?).map(|dir| dir.join(name)).find(|p| {
        p.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_search_skips_missing_dirs_and_non_executables() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("a");
        let exec = dir.path().join("b");
        std::fs::create_dir_all(&plain).unwrap();
        std::fs::create_dir_all(&exec).unwrap();
        std::fs::write(plain.join("py"), "").unwrap();
        std::fs::write(exec.join("py"), "").unwrap();
        std::fs::set_permissions(exec.join("py"), std::fs::Permissions::from_mode(0o755)).unwrap();
        let path =
            env::join_paths(["/nonexistent".as_ref(), plain.as_path(), exec.as_path()]).unwrap();
        assert_eq!(
            find_on_path(OsStr::new("py"), Some(&path)),
            Some(exec.join("py"))
        );
        assert_eq!(find_on_path(OsStr::new("py"), None), None);
    }
}

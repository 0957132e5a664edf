use std::time::Duration;

/// Resource limits applied to one run. Every field has a safe default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time from start to the last process of the run being gone.
    pub wall: Duration,
    /// CPU time per process (RLIMIT_CPU, rounded up to whole seconds by the kernel).
    pub cpu: Duration,
    /// Address space per process (RLIMIT_AS). CPython itself needs about 30 MiB.
    pub memory_bytes: u64,
    /// Processes and threads the run may have at once, itself included.
    pub processes: u64,
    /// Largest file the run may write (RLIMIT_FSIZE); its private /tmp holds 4x this.
    pub file_size_bytes: u64,
    /// Open file descriptors per process (RLIMIT_NOFILE).
    pub open_files: u64,
    /// Bytes kept from each of stdout and stderr; one byte more stops the run.
    pub output_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            wall: Duration::from_secs(5),
            cpu: Duration::from_secs(5),
            memory_bytes: 512 << 20,
            processes: 32,
            file_size_bytes: 16 << 20,
            open_files: 64,
            output_bytes: 1 << 20,
        }
    }
}

impl Limits {
    /// Raises values too small for CPython to start at all, so a typo in a config file
    /// yields failing snippets with a clear reason rather than a broken sandbox.
    pub(crate) fn sanitized(&self) -> Limits {
        Limits {
            wall: self.wall.max(Duration::from_millis(50)),
            cpu: self.cpu.max(Duration::from_secs(1)),
            memory_bytes: self.memory_bytes.max(64 << 20),
            processes: self.processes.max(1),
            file_size_bytes: self.file_size_bytes.max(4096),
            open_files: self.open_files.max(16),
            output_bytes: self.output_bytes.max(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_documented_safe_values() {
        let l = Limits::default();
        assert_eq!(l.wall, Duration::from_secs(5));
        assert_eq!(l.memory_bytes, 512 * 1024 * 1024);
        assert_eq!(l.processes, 32);
        assert_eq!(l.open_files, 64);
        assert_eq!(l.output_bytes, 1024 * 1024);
    }

    #[test]
    fn sanitized_keeps_room_for_the_interpreter() {
        let l = Limits {
            memory_bytes: 1,
            open_files: 0,
            ..Limits::default()
        }
        .sanitized();
        assert!(l.memory_bytes >= 64 << 20);
        assert!(l.open_files >= 16);
    }
}

# pyprep sandbox zygote: a pre-started CPython that forks one fresh child per snippet.
#
# The host (Rust) starts this with `python -I -S -c <this file> <config json>` (after a
# first-stage re-exec once its uid maps are written) inside new
# user, mount, network, IPC and UTS namespaces. The zygote itself never runs snippet code:
# every run forks from the pristine zygote state, so nothing a snippet does is seen by the
# next one. Per run the process tree is
#
#   zygote (Z) -> init (I1, pid 1 of fresh user/pid/mount/IPC/UTS namespaces) -> snippet (C2)
#
# Z clones I1 straight into the new namespaces and maps the run's root to the unprivileged
# snippet uid; I1 mounts a private /proc, /tmp and /dev/shm and reaps; C2 drops every
# capability, applies the rlimits and runs the code. When I1 exits the kernel kills every
# process left in the pid namespace, which is what makes setsid() or SIGTERM-ignoring
# children unable to outlive the run. A fresh user namespace per run also means fresh
# keyrings and a process count (RLIMIT_NPROC) that only sees this run.
#
# Protocol on the command pipe (fd 0 at start, moved away so snippets never see it):
#   host -> zygote: one JSON line (limits, code_len), then code_len bytes of UTF-8 source.
#   zygote -> host: one JSON line (status), then stdout_len + stderr_len raw bytes.
import ctypes
import errno
import gc
import json
import os
import resource
import select
import signal
import sys
import time

CONFIG = json.loads(sys.argv[1])

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_NOATIME = 1024
MS_NODIRATIME = 2048
MS_BIND = 4096
MS_MOVE = 8192
MS_REC = 16384
MS_PRIVATE = 1 << 18
MS_RELATIME = 1 << 21
MS_STRICTATIME = 1 << 24
MNT_DETACH = 2

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
PR_SET_SECUREBITS = 28
PR_SET_NO_NEW_PRIVS = 38
PR_SET_CHILD_SUBREAPER = 36
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
# NOROOT, NO_SETUID_FIXUP, KEEP_CAPS off, NO_CAP_AMBIENT_RAISE, each with its lock bit.
SECUREBITS_LOCKED_DOWN = 0x01 | 0x02 | 0x04 | 0x08 | 0x20 | 0x80 | 0x40

libc = ctypes.CDLL(None, use_errno=True)
libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]
libc.unshare.argtypes = [ctypes.c_int]
libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]


class SandboxSetupError(Exception):
    pass


def _check(ret, what):
    if ret != 0:
        err = ctypes.get_errno()
        raise SandboxSetupError("%s: %s" % (what, os.strerror(err)))


def _b(s):
    return None if s is None else s.encode()


def unshare(flags):
    _check(libc.unshare(flags), "unshare(%#x)" % flags)


def mount(src, target, fstype, flags, data=None):
    _check(libc.mount(_b(src), _b(target), _b(fstype), flags, _b(data)), "mount %s" % target)


def prctl(op, arg=0, arg2=0):
    _check(libc.prctl(op, arg, arg2, 0, 0), "prctl(%d)" % op)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def drop_all_capabilities():
    # Dropping the bounding set and locking NOROOT stops an exec from handing root's
    # capabilities back; capset then empties the current sets.
    cap = 0
    while libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0:
        cap += 1
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    prctl(PR_SET_SECUREBITS, SECUREBITS_LOCKED_DOWN)
    header = _CapHeader(0x20080522, 0)
    data = (_CapData * 2)()
    _check(libc.capset(ctypes.byref(header), ctypes.byref(data)), "capset")
    prctl(PR_SET_NO_NEW_PRIVS, 1)


def write_file(path, text):
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _unescape_mountinfo(field):
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 3 < len(field) and field[i + 1 : i + 4].isdigit():
            out.append(chr(int(field[i + 1 : i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _mounts():
    with open("/proc/self/mountinfo") as f:
        for line in f:
            fields = line.split()
            yield _unescape_mountinfo(fields[4]), fields[5].split(",")


def _blocked_ancestor(path):
    """Highest ancestor of `path` that other users cannot traverse, or None."""
    cur = "/"
    for part in path.strip("/").split("/"):
        if not os.stat(cur).st_mode & 0o001:
            return cur if cur != "/" else None
        cur = os.path.join(cur, part)
    return None


def unhide_interpreter(report):
    """Make the interpreter readable by the unprivileged snippet uid.

    pyenv and similar installs live under a 0700 home (/root here); the snippet uid could
    not even start importing the standard library from there. In our private mount
    namespace we cover each such ancestor with an empty tmpfs and bind only the
    interpreter's prefix back in, which also hides the rest of that home from snippets.
    """
    needed = set()
    for p in (sys.base_prefix, sys.prefix, sys.base_exec_prefix, sys.exec_prefix,
              os.path.dirname(os.path.realpath(sys.executable))):
        needed.add(os.path.realpath(p))
    needed = sorted(p for p in needed if not any(p != q and p.startswith(q + "/") for q in needed))
    plan = [(p, _blocked_ancestor(p)) for p in needed]
    plan = [(p, a) for p, a in plan if a is not None]
    if not plan:
        return
    stage = next(d for d in ("/mnt", "/media", "/srv", "/opt", "/var/tmp", "/tmp")
                 if os.path.isdir(d) and not any(p == d or p.startswith(d + "/") for p, _ in plan))
    mount("tmpfs", stage, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0700")
    for i, (p, _) in enumerate(plan):
        os.mkdir("%s/%d" % (stage, i))
        mount(p, "%s/%d" % (stage, i), None, MS_BIND | MS_REC)
    for a in sorted({a for _, a in plan}):
        mount("tmpfs", a, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755")
    for i, (p, _) in enumerate(plan):
        os.makedirs(p, 0o755, exist_ok=True)
        mount("%s/%d" % (stage, i), p, None, MS_MOVE)
    _check(libc.umount2(stage.encode(), MNT_DETACH), "umount " + stage)
    report["unhidden"] = [p for p, _ in plan]


def remount_readonly(report):
    """Every mount becomes read-only and nosuid for everything forked from here on."""
    failed = []
    for target, opts in _mounts():
        if target == "/proc" or target.startswith("/proc/"):
            # Runs mount their own /proc, and the zygote writes their uid maps through this one.
            continue
        flags = MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID
        # Flags inherited from a more privileged namespace are locked: keep them or EPERM.
        for name, bit in (("nodev", MS_NODEV), ("noexec", MS_NOEXEC), ("noatime", MS_NOATIME),
                          ("nodiratime", MS_NODIRATIME), ("relatime", MS_RELATIME)):
            if name in opts:
                flags |= bit
        if not any(o in opts for o in ("noatime", "relatime")):
            flags |= MS_STRICTATIME
        try:
            mount(None, target, None, flags)
        except SandboxSetupError:
            failed.append(target)
    report["readonly_failed"] = failed


def install_site_builtins():
    # -S skips site, which is what defines exit(), quit() and help(); snippets use them.
    import builtins
    import _sitebuiltins

    builtins.exit = _sitebuiltins.Quitter("exit", "Ctrl-D (i.e. EOF)")
    builtins.quit = _sitebuiltins.Quitter("quit", "Ctrl-D (i.e. EOF)")
    builtins.help = _sitebuiltins._Helper()


class Reader:
    def __init__(self, fd):
        self.fd, self.buf = fd, b""

    def _fill(self):
        chunk = os.read(self.fd, 65536)
        if not chunk:
            raise EOFError
        self.buf += chunk

    def line(self):
        while b"\n" not in self.buf:
            self._fill()
        line, self.buf = self.buf.split(b"\n", 1)
        return line

    def exact(self, n):
        while len(self.buf) < n:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data


def write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class Job:
    def __init__(self, source):
        self.source = source


def setup_zygote():
    global CMD_IN, CMD_OUT, NAMESPACES
    CMD_IN = os.dup2(0, 100, inheritable=False)
    CMD_OUT = os.dup2(1, 101, inheritable=False)
    null = os.open("/dev/null", os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    os.closerange(3, 100)
    os.closerange(102, 1 << 16)
    report = {"pid": os.getpid(), "uid": os.getuid(), "unhidden": [], "readonly_failed": [],
              "errors": []}
    NAMESPACES = bool(CONFIG["namespaces"])
    if NAMESPACES:
        try:
            mount(None, "/", None, MS_REC | MS_PRIVATE)
            if CONFIG["snippet_uid"] is not None:
                unhide_interpreter(report)
            remount_readonly(report)
            report["mounts"] = True
        except (SandboxSetupError, OSError) as e:
            report["errors"].append("mount setup: %s" % e)
            report["mounts"] = False
    install_site_builtins()
    # glibc reserves 64 MiB of address space per malloc arena, up to 8 per core; with
    # RLIMIT_AS that makes a dozen threads fail to start long before memory runs out.
    M_ARENA_MAX = -8
    libc.mallopt(M_ARENA_MAX, 2)
    for name in CONFIG.get("preimport", []):
        try:
            __import__(name)
        except ImportError:
            pass
    # The zygote must never die of a stray SIGINT from the terminal the host runs in.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    write_all(CMD_OUT, b"ready " + json.dumps(report).encode() + b"\n")


def serve():
    reader = Reader(CMD_IN)
    while True:
        try:
            req = json.loads(reader.line())
            source = reader.exact(req["code_len"])
        except EOFError:
            os._exit(0)
        result = run_one(req, source)
        if isinstance(result, Job):
            return result
        header, out, err = result
        header["stdout_len"], header["stderr_len"] = len(out), len(err)
        write_all(CMD_OUT, json.dumps(header).encode() + b"\n" + out + err)


class _CloneArgs(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint64) for name in
                ("flags", "pidfd", "child_tid", "parent_tid", "exit_signal", "stack", "stack_size", "tls")]


# PyDLL keeps the GIL held across the call, so the child starts with it held like after
# fork(). The zygote is single-threaded, which is what makes a bare clone safe here.
_pylibc = ctypes.PyDLL(None, use_errno=True)
_pylibc.syscall.restype = ctypes.c_long
SYS_CLONE3 = 435  # the same number on every architecture
# Plain clone for kernels (or seccomp profiles) without clone3; with a null stack pointer
# its argument order differences between architectures do not matter.
SYS_CLONE = {"x86_64": 56, "aarch64": 220, "riscv64": 220}.get(os.uname().machine)


def clone_into_namespaces(flags):
    """fork() into new namespaces in one step: the child is pid 1 of its pid namespace."""
    args = _CloneArgs(flags=flags, exit_signal=signal.SIGCHLD)
    pid = _pylibc.syscall(ctypes.c_long(SYS_CLONE3), ctypes.byref(args), ctypes.c_size_t(ctypes.sizeof(args)))
    if pid < 0 and ctypes.get_errno() == errno.ENOSYS and SYS_CLONE is not None:
        zero = ctypes.c_long(0)
        pid = _pylibc.syscall(ctypes.c_long(SYS_CLONE), ctypes.c_long(flags | signal.SIGCHLD), zero, zero, zero, zero)
    if pid < 0:
        err = ctypes.get_errno()
        raise SandboxSetupError("clone: %s" % os.strerror(err))
    return pid


def run_one(req, source):
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    st_r, st_w = os.pipe()
    ctl_r, ctl_w = os.pipe()
    go_r, go_w = os.pipe()
    child_fds = (out_w, err_w, st_w, ctl_r, go_r)
    parent_fds = (out_r, err_r, st_r, ctl_w, go_w)
    start = time.monotonic()
    try:
        if NAMESPACES:
            pid = clone_into_namespaces(CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS)
        else:
            pid = os.fork()
    except (OSError, SandboxSetupError) as e:
        for fd in child_fds + parent_fds:
            os.close(fd)
        return {"failure": "starting the run: %s" % e, "elapsed": 0.0}, b"", b""
    if pid == 0:
        try:
            for fd in parent_fds + (CMD_IN, CMD_OUT):
                os.close(fd)
            return init(req, source, out_w, err_w, st_w, ctl_r, go_r)
        except BaseException as e:  # noqa: BLE001 - any failure must reach the host
            _fail(st_w, "init: %r" % (e,))
    for fd in child_fds:
        os.close(fd)
    try:
        if NAMESPACES:
            # The run's user namespace: its root is the snippet uid, nothing else exists.
            uid = CONFIG["snippet_uid"] if CONFIG["snippet_uid"] is not None else 0
            write_file("/proc/%d/uid_map" % pid, "0 %d 1" % uid)
            write_file("/proc/%d/gid_map" % pid, "0 %d 1" % uid)
        os.write(go_w, b"g")
    except OSError as e:
        _kill(pid)
        os.waitpid(pid, 0)
        for fd in parent_fds:
            os.close(fd)
        return {"failure": "setting up the run's user namespace: %s" % e, "elapsed": 0.0}, b"", b""
    try:
        return collect(req, start, pid, out_r, err_r, st_r, ctl_w)
    finally:
        for fd in parent_fds:
            os.close(fd)


def _fail(st_w, message):
    try:
        write_all(st_w, json.dumps({"failure": message}).encode())
    finally:
        os._exit(127)


def collect(req, start, init_pid, out_r, err_r, st_r, ctl_w):
    limit = req["output_bytes"]
    deadline = start + req["wall_ms"] / 1000.0
    hard_deadline = None
    bufs = {out_r: bytearray(), err_r: bytearray(), st_r: bytearray()}
    names = {out_r: "stdout", err_r: "stderr"}
    poller = select.poll()
    for fd in bufs:
        poller.register(fd, select.POLLIN)
    open_fds = set(bufs)
    timed_out, exceeded = False, None
    while open_fds:
        now = time.monotonic()
        if hard_deadline is None and now >= deadline:
            timed_out = True
            _request_stop(ctl_w, b"t")
            hard_deadline = now + 2.0
        if hard_deadline is not None and now >= hard_deadline:
            # The init did not stop the run in time; killing it empties the pid namespace.
            _kill(init_pid)
            hard_deadline = now + 3600
        wait_until = hard_deadline if hard_deadline is not None else deadline
        events = poller.poll(max(0, int((wait_until - now) * 1000)) + 1)
        for fd, _ in events:
            chunk = os.read(fd, 65536)
            if not chunk:
                poller.unregister(fd)
                open_fds.discard(fd)
                continue
            buf = bufs[fd]
            if fd == st_r:
                buf += chunk
            elif len(buf) < limit + 1:
                buf += chunk[: limit + 1 - len(buf)]
                if len(buf) > limit and exceeded is None:
                    exceeded = names[fd]
                    _request_stop(ctl_w, b"o")
                    if hard_deadline is None:
                        hard_deadline = time.monotonic() + 2.0
    os.waitpid(init_pid, 0)
    try:
        status = json.loads(bytes(bufs[st_r]) or b"{}")
    except ValueError:
        status = {}
    if not status:
        status = {"failure": "the sandbox init exited without a report"}
    status["timed_out"] = timed_out
    status["output_exceeded"] = exceeded
    status["elapsed"] = time.monotonic() - start
    return status, bytes(bufs[out_r][:limit]), bytes(bufs[err_r][:limit])


def _request_stop(ctl_w, why):
    try:
        os.write(ctl_w, why)
    except OSError:
        pass


def _kill(pid, sig=signal.SIGKILL):
    try:
        os.kill(pid, sig)
    except OSError:
        pass


def _children(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def _kill_descendants():
    """Without a pid namespace: kill everything that was reparented to us, repeatedly."""
    me = os.getpid()
    while True:
        kids = _children(me)
        if not kids:
            return
        for kid in kids:
            _kill(kid)
        for kid in kids:
            try:
                os.waitpid(kid, 0)
            except ChildProcessError:
                pass


def init(req, source, out_w, err_w, st_w, ctl_r, go_r):
    """I1: pid 1 of the run; its exit kills everything the snippet left behind."""
    # If the zygote dies, so does the run. Should it already be gone, the closed pipes
    # below stop us at once (getppid() is 0 across the pid namespace, so no race check).
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.read(go_r, 1) != b"g":
        os._exit(1)
    os.close(go_r)
    # As pid 1 we only receive the signals we handle; default dispositions keep a snippet
    # from interrupting us.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    workdir = "/tmp"
    if NAMESPACES:
        # Become the namespace's root, which the zygote mapped to the snippet uid: no
        # host privilege is left, full capabilities inside the run's own namespaces.
        try:
            os.setgroups([])
        except PermissionError:
            pass  # an unprivileged host denied setgroups: the user's groups stay
        os.setresgid(0, 0, 0)
        os.setresuid(0, 0, 0)
        disk = req["file_size_bytes"] * 4
        mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV,
              "size=%d,nr_inodes=%d,mode=0700" % (disk, 4096))
        if os.path.isdir("/dev/shm"):
            mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV,
                  "size=%d,nr_inodes=1024,mode=1777" % disk)
    else:
        prctl(PR_SET_CHILD_SUBREAPER, 1)
        if CONFIG["snippet_uid"] is not None:
            uid, gid = CONFIG["snippet_uid"], CONFIG["snippet_gid"]
            os.setgroups([])
            os.setresgid(gid, gid, gid)
            os.setresuid(uid, uid, uid)
        import tempfile

        workdir = tempfile.mkdtemp(prefix="pyprep-run-")
    script = os.path.join(workdir, "main.py")
    with open(script, "wb") as f:
        f.write(source)
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wake_w, warn_on_full_buffer=False)
    prctl(PR_SET_DUMPABLE, 0)
    start = time.monotonic()
    c2 = os.fork()
    if c2 == 0:
        return snippet_child(req, source, workdir, out_w, err_w)
    os.close(out_w)
    os.close(err_w)
    reason, status = None, None
    poller = select.poll()
    poller.register(ctl_r, select.POLLIN)
    poller.register(wake_r, select.POLLIN)
    while status is None and reason is None:
        for fd, _ in poller.poll(1000):
            if fd == ctl_r:
                reason = os.read(ctl_r, 1).decode() or "zygote-gone"
            else:
                os.read(wake_r, 4096)
        while True:
            try:
                pid, st = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            if pid == c2:
                status = st
    wall = time.monotonic() - start
    if NAMESPACES:
        _kill(-1)
        while True:
            try:
                pid, st = os.waitpid(-1, 0)
            except ChildProcessError:
                break
            if pid == c2:
                status = st
    else:
        if status is None:
            _kill(c2)
            _, status = os.waitpid(c2, 0)
        _kill_descendants()
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = {
        "reason": reason,
        "wall": wall,
        "cpu": ru.ru_utime + ru.ru_stime,
        "maxrss_kb": ru.ru_maxrss,
    }
    if status is None:
        report["failure"] = "snippet process vanished"
    elif os.WIFEXITED(status):
        report["exit_code"] = os.WEXITSTATUS(status)
    elif os.WIFSIGNALED(status):
        report["signal"] = os.WTERMSIG(status)
    write_all(st_w, json.dumps(report).encode())
    os._exit(0)


def snippet_child(req, source, workdir, out_w, err_w):
    """C2: becomes the snippet's process; returns to module level to run it."""
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out_w, 1)
    os.dup2(err_w, 2)
    os.closerange(3, 1 << 16)
    os.chdir(workdir)
    cpu = max(1, int(req["cpu_ms"] + 999) // 1000)
    limits = [
        (resource.RLIMIT_CPU, cpu, cpu + 1),
        (resource.RLIMIT_AS, req["memory_bytes"], req["memory_bytes"]),
        (resource.RLIMIT_FSIZE, req["file_size_bytes"], req["file_size_bytes"]),
        (resource.RLIMIT_NOFILE, req["open_files"], req["open_files"]),
        # The init is counted too.
        (resource.RLIMIT_NPROC, req["processes"] + 1, req["processes"] + 1),
        (resource.RLIMIT_CORE, 0, 0),
        (resource.RLIMIT_MSGQUEUE, 0, 0),
        (resource.RLIMIT_MEMLOCK, 0, 0),
    ]
    for which, soft, hard in limits:
        resource.setrlimit(which, (soft, hard))
    if NAMESPACES:
        drop_all_capabilities()
        prctl(PR_SET_DUMPABLE, 1)
    else:
        prctl(PR_SET_NO_NEW_PRIVS, 1)
    return Job(source.decode("utf-8", "replace"))


def _exit_code(exc):
    # Mirrors CPython's handling of an uncaught SystemExit.
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        sys.stderr.write(str(code) + "\n")
    except Exception:  # noqa: BLE001
        pass
    return 1


def _finish(main, code):
    """The parts of interpreter shutdown a snippet can observe, then a fast exit.

    A full Py_Finalize in a child of the zygote would tear down every pre-imported module
    and touch every inherited page; that costs more than the snippet. What a program can
    see of shutdown is kept, in CPython's order: non-daemon threads are joined, atexit
    handlers run, the main module is cleared (so __del__ methods run), output is flushed.
    """
    try:
        if "threading" in sys.modules:
            sys.modules["threading"]._shutdown()
    except SystemExit as e:
        code = _exit_code(e)
    except BaseException as e:  # noqa: BLE001
        sys.excepthook(type(e), e, e.__traceback__)
    import atexit

    atexit._run_exitfuncs()
    d = main.__dict__
    for names in ([k for k in d if k.startswith("_") and k != "__builtins__"],
                  [k for k in d if not k.startswith("_")]):
        for k in names:
            try:
                d[k] = None
            except BaseException:  # noqa: BLE001
                pass
    gc.collect()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # noqa: BLE001
            if code == 0:
                code = 120
    os._exit(code)


setup_zygote()
# Objects that exist now are never collected in a child; freezing keeps the collector from
# writing to (and so copying) every inherited page.
gc.collect()
gc.freeze()
_job = serve()
del setup_zygote, serve, run_one, collect, init

import builtins  # noqa: E402

_main = type(sys)("__main__")
_main.__file__ = os.path.join(os.getcwd(), "main.py")
_main.__builtins__ = builtins
_main.__cached__ = None
sys.modules["__main__"] = _main
sys.argv = ["main.py"]
sys.path.insert(0, os.getcwd())
_status = 0
try:
    _code = compile(_job.source, _main.__file__, "exec")
except (SyntaxError, ValueError) as _e:  # ValueError: NUL bytes in the source
    # The default hook prints the exception's own __traceback__, whatever it is passed;
    # our frame in it would also stop CPython from showing any source line.
    _e.__traceback__ = None
    sys.excepthook(type(_e), _e, None)
    _status = 1
else:
    try:
        exec(_code, _main.__dict__)
    except SystemExit as _e:
        _status = _exit_code(_e)
    except BaseException as _e:  # noqa: BLE001 - mirror the interpreter's top level
        _e.__traceback__ = _e.__traceback__.tb_next
        sys.excepthook(type(_e), _e, _e.__traceback__)
        _status = 1
_finish(_main, _status)

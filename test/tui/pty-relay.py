# Runs a command in a real pseudo-terminal and relays it live, for tests that drive a program
# while something else happens (test/tui/pty-session.ts): what arrives on stdin is typed into
# the terminal, what the program writes comes out on stdout byte for byte, and JSON lines on
# fd 3 control the terminal ({"resize": [columns, rows]}: the kernel then sends SIGWINCH).
# When the program exits, its exit code (or -signal) is written to stderr as "exit <code>".
# When stdin closes or this relay gets SIGTERM, the program is killed.
# Input (argv[1], JSON): {"cmd": [...], "cwd": "...", "env": {...}, "columns": 80, "rows": 24}
import errno, fcntl, json, os, pty, select, signal, struct, sys, termios

spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    try:
        os.close(3)  # the control channel is the relay's, not the program's
    except OSError:
        pass
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", spec["rows"], spec["columns"], 0, 0))
    os.chdir(spec["cwd"])
    os.execvpe(spec["cmd"][0], spec["cmd"], spec["env"])


def kill_child(*_):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    sys.exit(1)


signal.signal(signal.SIGTERM, kill_child)
try:
    os.fstat(3)
    control = 3
except OSError:
    control = None
inputs = [fd, 0] + ([control] if control is not None else [])
control_buf = b""
out = sys.stdout.buffer

while True:
    r, _, _ = select.select(inputs, [], [])
    if fd in r:
        try:
            data = os.read(fd, 65536)
        except OSError as e:
            if e.errno != errno.EIO:
                raise
            data = b""
        if not data:
            break
        out.write(data)
        out.flush()
    if 0 in r:
        data = os.read(0, 4096)
        if not data:
            kill_child()
        os.write(fd, data)
    if control is not None and control in r:
        data = os.read(control, 4096)
        if not data:
            inputs.remove(control)
            continue
        control_buf += data
        while b"\n" in control_buf:
            line, control_buf = control_buf.split(b"\n", 1)
            msg = json.loads(line)
            if "resize" in msg:
                cols, rows = msg["resize"]
                fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

_, st = os.waitpid(pid, 0)
sys.stderr.write("exit %d\n" % os.waitstatus_to_exitcode(st))
sys.stderr.flush()

# Runs a command in a real pseudo-terminal of a given size, types keys at given moments and
# records what the program wrote: the TUI end-to-end tests read it back through test/tui/vt.ts.
# Input (argv[1], JSON): {"cmd": [...], "cwd": "...", "env": {...}, "columns": 80, "rows": 24,
#   "steps": [{"keys": "j", "settle": 400}], "ready": "q quit", "timeout": 20}
# Output (stdout, JSON): {"output": <base64 of everything written>, "marks": [byte offset after
#   the first screen and after each step], "status": <exit code or -signal>}
import base64, fcntl, json, os, pty, select, struct, sys, termios, time

spec = json.loads(sys.argv[1])
cols, rows = spec["columns"], spec["rows"]
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.chdir(spec["cwd"])
    os.execvpe(spec["cmd"][0], spec["cmd"], spec["env"])

out = bytearray()
deadline = time.time() + spec.get("timeout", 20)

def pump(quiet, limit):
    """Reads until nothing arrived for `quiet` seconds (or `limit` seconds passed)."""
    start = last = time.time()
    while time.time() - start < limit and time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.02)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return False
            if not data:
                return False
            out.extend(data)
            last = time.time()
        elif out and time.time() - last >= quiet:
            return True
    return True

marks = []
# Wait for the first screen (`ready` is in it) before typing: keys typed before
# the program turns raw mode on would reach the terminal driver instead (ctrl-c a SIGINT).
alive = True
ready = spec.get("ready", "").encode()
while alive and ready and ready not in out and time.time() < deadline:
    alive = pump(0.05, 0.2)
alive = alive and pump(spec.get("first_quiet", 0.5), 10)
marks.append(len(out))
for step in spec["steps"]:
    if not alive:
        break
    before = len(out)
    for ch in step["keys"]:
        os.write(fd, ch.encode())
        time.sleep(0.03)
    # Every step changes the screen: wait for the program to start answering (a loaded
    # machine may take a while), then until it has been quiet for `settle` ms.
    while alive and len(out) == before and time.time() < deadline and step.get("answers", True):
        alive = pump(0.05, 0.1)
    alive = alive and pump(step.get("settle", 400) / 1000, 5)
    marks.append(len(out))

status = None
while time.time() < deadline:
    try:
        done, st = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        break
    if done:
        status = os.waitstatus_to_exitcode(st)
        break
    pump(0.05, 0.1)
if status is None:
    os.kill(pid, 9)
    _, st = os.waitpid(pid, 0)
    status = os.waitstatus_to_exitcode(st)
pump(0.05, 0.3)
print(json.dumps({"output": base64.b64encode(bytes(out)).decode(), "marks": marks, "status": status}))

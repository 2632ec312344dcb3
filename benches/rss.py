#!/usr/bin/env python3
"""Peak resident memory (VmHWM) of the real kiosk in a PTY (80x24) on a
database, and of a year's CSV and PDF exports (issue 10: the kiosk below
32 MB at its peak).

The kiosk: start (first frame, then the home data), sign in as the demo
supervisor (Argon2), day log, previous day twice, search found and not
found, counts, back home, watchlist, planned visits, a new visit's form
with a name typed letter by letter (names seen before looked up) and a
whole NIK (earlier visits looked up), back home, leave. VmHWM is read
from /proc while it runs.

The exports: `report --date Y-01-01 --to Y-12-31 --format csv|pdf` run
as children; their peak is the child's ru_maxrss (os.wait4).

Usage: rss.py BIN CONFIG DB [YEAR]   (DB is written to: sign-in events
and one draft visit; use a bench copy.)"""
import os, pty, sys, time, fcntl, termios, struct, select, subprocess

bin_, config, db = sys.argv[1:4]
year = sys.argv[4] if len(sys.argv) > 4 else "2025"


def kib(s):
    return int(s.split()[0])


def kiosk():
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(bin_, [bin_, "--config", config, "--db", db])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.kill(pid, 28)  # SIGWINCH

    def drain(t):
        end = time.time() + t
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    os.read(fd, 65536)
                except OSError:
                    return

    def hwm():
        with open(f"/proc/{pid}/status") as f:
            return {l.split(":")[0]: kib(l.split(":")[1]) for l in f
                    if l.startswith(("VmHWM", "VmRSS"))}

    drain(1.5)
    first = hwm()
    print(f"kiosk after the first frame and home data: VmHWM {first['VmHWM']} kB")
    walk = [("482915", 0.3), ("\r", 2.0), ("l", 1.0), ("\x1b[D", 0.5), ("\x1b[D", 0.5),
            ("/", 0.3), ("putra\r", 1.0), ("\x1b", 0.3), ("/", 0.3), ("Zyxwvut\r", 1.0),
            ("\x1b", 0.3), ("c", 1.0), ("\x1b", 0.3), ("\x1b", 0.3),
            ("w", 0.5), ("\x1b", 0.3), ("t", 0.5), ("\x1b", 0.3),
            ("n", 1.0)]
    walk += [(c, 0.15) for c in "Budi Santoso"]
    walk += [("\t", 0.3), ("\t", 0.3)]
    walk += [(c, 0.1) for c in "1601021504850001"]
    walk += [("\x1b", 0.5), ("\x1b", 0.3), ("\x1b", 0.3)]
    for keys, wait in walk:
        os.write(fd, keys.encode())
        drain(wait)
    end = hwm()
    print(f"kiosk after the walk: VmHWM {end['VmHWM']} kB, VmRSS {end['VmRSS']} kB")
    os.kill(pid, 15)
    drain(0.5)
    os.waitpid(pid, 0)
    return end["VmHWM"]


def export(fmt):
    out = f"/tmp/rss-year.{fmt}"
    t = time.time()
    p = subprocess.Popen([bin_, "--config", config, "--db", db, "report", "--date",
                          f"{year}-01-01", "--to", f"{year}-12-31", "--format", fmt,
                          "--out", out], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    size = os.path.getsize(out)
    os.remove(out)
    print(f"{year}'s {fmt.upper()}: peak {usage.ru_maxrss} kB, {time.time() - t:.1f} s, "
          f"{size} bytes, exit {os.waitstatus_to_exitcode(status)}")
    return usage.ru_maxrss


peak = kiosk()
print(f"kiosk peak {peak / 1024:.1f} MB (budget < 32 MB)")
if os.environ.get("RSS_EXPORTS", "1") != "0":
    export("csv")
    export("pdf")

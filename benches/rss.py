#!/usr/bin/env python3
"""Peak resident memory (VmHWM) of the real kiosk in a PTY (80x24) on a
database: start, sign in (Argon2), day log, previous day, search found and
not found, counts, back home, leave. Usage: rss.py BIN CONFIG DB"""
import os, pty, sys, time, fcntl, termios, struct, select

bin_, config, db = sys.argv[1:4]
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
        return {l.split(":")[0]: l.split(":")[1].strip() for l in f if l.startswith(("VmHWM", "VmRSS"))}

drain(1.5)
print("after first frame", hwm())
for keys, wait in [("482915", 0.3), ("\r", 2.0), ("l", 1.0), ("\x1b[D", 0.5), ("\x1b[D", 0.5),
                   ("/", 0.3), ("putra\r", 1.0), ("\x1b", 0.3), ("/", 0.3), ("Zyxwvut\r", 1.0),
                   ("\x1b", 0.3), ("c", 1.0), ("\x1b", 0.3), ("\x1b", 0.3)]:
    os.write(fd, keys.encode())
    drain(wait)
print("after the walk", hwm())
os.kill(pid, 15)
drain(0.5)
os.waitpid(pid, 0)

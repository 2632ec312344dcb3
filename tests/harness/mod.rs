//! The end-to-end harness: the real `dc-access` binary in a pseudo-terminal
//! (portable-pty), its output parsed by a terminal emulator (vt100), and a
//! temp folder with a copy of the sample configuration and a database.
//!
//! Waiting is always on a predicate over the parsed screen with a deadline,
//! never a fixed sleep. The PTY pitfalls of `ENGINEERING.md` are handled
//! here: the slave is dropped after the spawn (else no EOF), a reader thread
//! feeds a channel, and after the child exits the output is drained until
//! the channel closes (the exit status arrives before the last bytes).

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub use portable_pty::CommandBuilder;
use portable_pty::{Child, ExitStatus, MasterPty, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_dc-access");
pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config/dc-access.toml");

/// How long a screen may take to show what a step leads to.
pub const STEP: Duration = Duration::from_secs(5);

// Keys as a terminal sends them.
pub const ENTER: &str = "\r";
pub const TAB: &str = "\t";
pub const BACKTAB: &str = "\x1b[Z";
pub const UP: &str = "\x1b[A";
pub const DOWN: &str = "\x1b[B";
pub const RIGHT: &str = "\x1b[C";
pub const LEFT: &str = "\x1b[D";
pub const CTRL_U: &str = "\x15";
/// Leaving the alternate screen: the last thing a restored terminal sees.
pub const LEAVE_ALT: &str = "\x1b[?1049l";
pub const ENTER_ALT: &str = "\x1b[?1049h";

/// The first supervisor and the operator used by the tests.
pub const SUP_NAME: &str = "Siti Rahma";
pub const SUP_NIP: &str = "198501152010011001";
pub const SUP_PIN: &str = "482916";
pub const OP_NAME: &str = "Andi Wijaya";
pub const OP_NIP: &str = "199002202015032002";
pub const OP_PIN: &str = "739251";

/// A temp folder with a copy of the sample configuration; the database
/// (`dc.db`) and its key file (`dc.key`) go beside it.
pub struct Site {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
    pub db: PathBuf,
    pub key: PathBuf,
}

impl Site {
    pub fn new() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        // In config/, so the sample's `../data/...` paths stay in the folder.
        let config = dir.path().join("config/dc-access.toml");
        std::fs::create_dir_all(dir.path().join("config")).expect("config folder");
        std::fs::copy(SAMPLE, &config).expect("copy the sample configuration");
        let db = dir.path().join("dc.db");
        let key = dir.path().join("dc.key");
        Site {
            dir,
            config,
            db,
            key,
        }
    }

    /// `dc-access --config C --db D ARGS` as a plain process, `stdin` piped in.
    pub fn cli(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(BIN)
            .arg("--config")
            .arg(&self.config)
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .current_dir(self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dc-access");
        child
            .stdin
            .take()
            .expect("piped stdin")
            .write_all(stdin.as_bytes())
            .expect("write stdin");
        child.wait_with_output().expect("wait for dc-access")
    }

    /// `user add ... --pin-stdin`, which must succeed: the first account
    /// of the database on its own, later ones added by the supervisor
    /// (`--as`, whose PIN comes first on stdin).
    pub fn add_user(&self, name: &str, nip: &str, role: &str, pin: &str) {
        let mut args = vec![
            "user",
            "add",
            "--name",
            name,
            "--nip",
            nip,
            "--role",
            role,
            "--pin-stdin",
        ];
        let stdin = if self.db.exists() {
            args.extend(["--as", SUP_NIP]);
            format!("{SUP_PIN}\n{pin}\n")
        } else {
            format!("{pin}\n")
        };
        let o = self.cli(&args, &stdin);
        assert!(
            o.status.success(),
            "user add {name} failed: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }

    /// The supervisor, then the operator, through the command line.
    pub fn add_accounts(&self) {
        self.add_user(SUP_NAME, SUP_NIP, "supervisor", SUP_PIN);
        self.add_user(OP_NAME, OP_NIP, "operator", OP_PIN);
    }

    /// The kiosk on this site's database, in a fresh 80x24 PTY.
    pub fn kiosk(&self, name: &str) -> Kiosk {
        Kiosk::spawn(name, self.dir.path(), &self.config, &self.db)
    }

    /// The database, opened as the program opens it.
    pub fn store(&self) -> dc_access::store::Store {
        dc_access::store::Store::open(&self.db, &self.key).expect("open the database")
    }

    /// A visitor with `draft`'s form taken through steps 2–5 through the
    /// store, every step at `at` (the operator and supervisor of
    /// [`Site::add_accounts`]): inside with `badge` since `at`.
    pub fn put_inside(
        &self,
        draft: &dc_access::domain::visit::FormDraft,
        badge: &str,
        at: dc_access::domain::visit::Time,
    ) -> dc_access::domain::visit::VisitId {
        use dc_access::domain::visit::{Command, NoticeAgreed};
        let mut store = self.store();
        let op = store.find_user(OP_NIP).expect("operator").actor();
        let sup = store.find_user(SUP_NIP).expect("supervisor").actor();
        let v = store.create_visit(op, at).expect("visit");
        let rules = dc_access::config::Config::default().visit;
        let form = draft.validate(&rules.form_rules()).expect("valid form");
        let steps = [
            (
                Command::CompleteForm(
                    form,
                    NoticeAgreed {
                        retention_days: 730,
                    },
                ),
                op,
            ),
            (Command::Submit, op),
            (Command::Approve, sup),
            (
                Command::IssueBadge {
                    badge: dc_access::domain::badge::BadgeNo::try_from(badge).expect("badge"),
                    escort: op.id,
                },
                op,
            ),
        ];
        for (cmd, actor) in steps {
            store.apply(v.id, &cmd, actor, at).expect("step");
        }
        v.id
    }
}

/// How a kiosk process ended.
pub struct Finished {
    pub status: ExitStatus,
    /// Everything the program wrote to the terminal.
    pub output: String,
    /// The screen as it was left.
    pub screen: String,
    /// The emulator was still on the alternate screen at the end.
    pub alternate_screen: bool,
}

impl Finished {
    /// The terminal was restored: the alternate screen was left after it was
    /// last entered, the emulator is back on the main screen, and nothing
    /// panicked.
    pub fn assert_terminal_restored(&self) {
        let left = self.output.rfind(LEAVE_ALT);
        let entered = self.output.rfind(ENTER_ALT);
        assert!(
            left.is_some() && left > entered,
            "the alternate screen was not left at the end; output tail: {:?}",
            tail(&self.output, 300)
        );
        assert!(
            !self.alternate_screen,
            "still on the alternate screen:\n{}",
            self.screen
        );
        assert!(
            !self.output.contains("panicked"),
            "panic in the output: {:?}",
            tail(&self.output, 2000)
        );
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is never 0")
}

fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// One kiosk process in a pseudo-terminal.
pub struct Kiosk {
    name: String,
    parser: vt100::Parser,
    rx: Receiver<Vec<u8>>,
    /// Every byte read so far.
    raw: Vec<u8>,
    /// The reader thread has seen EOF and the channel is closed.
    closed: bool,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    exited: Option<ExitStatus>,
}

impl Kiosk {
    pub fn spawn(name: &str, cwd: &Path, config: &Path, db: &Path) -> Kiosk {
        Kiosk::spawn_command(name, Kiosk::command(cwd, config, db))
    }

    /// `dc-access --config C --db D` in `cwd` with `TERM=xterm-256color`,
    /// to add arguments or variables to before [`Kiosk::spawn_command`].
    pub fn command(cwd: &Path, config: &Path, db: &Path) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.arg("--config");
        cmd.arg(config);
        cmd.arg("--db");
        cmd.arg(db);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd
    }

    /// Any command in a fresh 80x24 PTY (the kiosk, or `ssh -tt` to it).
    pub fn spawn_command(name: &str, cmd: CommandBuilder) -> Kiosk {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a PTY");
        let child = pair.slave.spawn_command(cmd).expect("spawn dc-access");
        // Without this the reader never sees EOF.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("PTY reader");
        let writer = pair.master.take_writer().expect("PTY writer");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Kiosk {
            name: name.to_owned(),
            parser: vt100::Parser::new(nz(24), nz(80), 0),
            rx,
            raw: Vec::new(),
            closed: false,
            writer,
            master: pair.master,
            child,
            exited: None,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child's pid")
    }

    /// Take in what has arrived, waiting at most `wait` for the first chunk.
    fn pump(&mut self, wait: Duration) {
        if self.closed {
            return;
        }
        match self.rx.recv_timeout(wait) {
            Ok(bytes) => self.feed(&bytes),
            Err(RecvTimeoutError::Timeout) => return,
            Err(RecvTimeoutError::Disconnected) => {
                self.closed = true;
                return;
            }
        }
        loop {
            match self.rx.try_recv() {
                Ok(bytes) => self.feed(&bytes),
                Err(std::sync::mpsc::TryRecvError::Empty) => break,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.closed = true;
                    break;
                }
            }
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        self.parser.process(bytes);
        self.raw.extend_from_slice(bytes);
    }

    /// The screen as text, rows joined by newlines.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Everything written to the terminal so far.
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    /// Wait until `pred` holds for the screen; panic with the screen when
    /// the deadline passes.
    pub fn wait_until(&mut self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            if pred(&self.screen()) {
                return;
            }
            let now = Instant::now();
            if now >= deadline {
                self.fail(&format!("timed out after {timeout:?} waiting for {what}"));
            }
            if self.closed {
                let status = self.child.try_wait().ok().flatten();
                self.fail(&format!(
                    "the program ended while waiting for {what} (status {status:?})"
                ));
            }
            self.pump((deadline - now).min(Duration::from_millis(50)));
        }
    }

    /// Wait until `pred` holds for the raw bytes written after the first
    /// `from` (e.g. a bell, which the screen does not show).
    #[allow(dead_code, reason = "not every test file waits for raw bytes")]
    pub fn wait_for_bytes(
        &mut self,
        what: &str,
        from: usize,
        timeout: Duration,
        pred: impl Fn(&[u8]) -> bool,
    ) {
        let deadline = Instant::now() + timeout;
        loop {
            if pred(self.raw.get(from..).unwrap_or_default()) {
                return;
            }
            let now = Instant::now();
            if now >= deadline {
                self.fail(&format!("timed out after {timeout:?} waiting for {what}"));
            }
            if self.closed {
                self.fail(&format!("the program ended while waiting for {what}"));
            }
            self.pump((deadline - now).min(Duration::from_millis(50)));
        }
    }

    /// How many bytes the program has written so far.
    #[allow(dead_code, reason = "not every test file waits for raw bytes")]
    pub fn written(&mut self) -> usize {
        self.pump(Duration::ZERO);
        self.raw.len()
    }

    /// Wait until `text` is on the screen.
    pub fn wait_for(&mut self, text: &str, timeout: Duration) {
        self.wait_until(&format!("{text:?}"), timeout, |s| s.contains(text));
    }

    /// Wait until every one of `texts` is on the screen.
    pub fn wait_for_all(&mut self, texts: &[&str], timeout: Duration) {
        self.wait_until(&format!("all of {texts:?}"), timeout, |s| {
            texts.iter().all(|t| s.contains(t))
        });
    }

    /// Panic, showing the screen.
    pub fn fail(&self, why: &str) -> ! {
        let out = self.output();
        panic!(
            "[{}] {why}\n---- screen ----\n{}\n---- last output ----\n{:?}\n----------------",
            self.name,
            self.screen(),
            tail(&out, 600)
        );
    }

    /// Type keys. An Esc must be sent with [`Kiosk::esc`], alone.
    pub fn send(&mut self, keys: &str) {
        assert!(
            !keys.starts_with('\x1b') || keys.len() > 1,
            "send Esc with esc()"
        );
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to PTY");
        self.writer.flush().expect("flush PTY");
    }

    /// Type text one character per write, like a person at the keyboard.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.send(c.encode_utf8(&mut [0; 4]));
        }
    }

    /// Esc, as its own write (else it reads as Alt + the next key).
    pub fn esc(&mut self) {
        self.writer.write_all(b"\x1b").expect("write to PTY");
        self.writer.flush().expect("flush PTY");
    }

    /// Resize both the PTY (the program gets SIGWINCH) and the emulator.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the PTY");
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
    }

    /// Send a signal with `kill(1)`, e.g. `"-TERM"` or `"-9"`.
    pub fn signal(&self, sig: &str) {
        let pid = self.pid().to_string();
        let st = Command::new("kill")
            .args([sig, &pid])
            .status()
            .expect("run kill");
        assert!(st.success(), "kill {sig} {pid} failed");
    }

    /// Wait for the process to exit, then drain its output until the
    /// channel closes.
    pub fn finish(mut self, timeout: Duration) -> Finished {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(st) = self.child.try_wait().expect("try_wait") {
                break st;
            }
            if Instant::now() >= deadline {
                self.fail("the program did not exit");
            }
            self.pump(Duration::from_millis(20));
        };
        self.exited = Some(status.clone());
        while !self.closed {
            if Instant::now() >= deadline + Duration::from_secs(5) {
                self.fail("the output did not end after the program exited");
            }
            self.pump(Duration::from_millis(100));
        }
        Finished {
            status,
            output: self.output(),
            screen: self.screen(),
            alternate_screen: self.parser.screen().alternate_screen(),
        }
    }
}

impl Drop for Kiosk {
    /// Never leave a kiosk running after a failed test.
    fn drop(&mut self) {
        if self.exited.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            if let Some(pid) = self.child.process_id() {
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            }
            let _ = self.child.wait();
        }
    }
}

/// Step 2 from Home (`n`), its first fields typed: the name, the
/// proposed ID type (KTP), the NIK, the organisation, a phone, and the
/// purpose *Pemeliharaan perangkat*. The focus ends on the purpose.
pub fn begin_form(k: &mut Kiosk, name: &str, nik: &str, organisation: &str) {
    k.send("n");
    k.wait_for("Langkah 2/7", STEP);
    k.type_text(name);
    k.send(TAB);
    k.wait_for("‹ KTP ›", STEP);
    k.send(TAB);
    k.type_text(nik);
    k.send(TAB);
    k.type_text(organisation);
    k.send(TAB);
    k.type_text("081234567890");
    k.send(TAB);
    k.send(RIGHT);
    k.wait_for("‹ Pemeliharaan perangkat ›", STEP);
}

/// Sign in as the `index`-th account of the list (supervisors first, then
/// by name) and wait for Home.
pub fn sign_in(k: &mut Kiosk, index: usize, name: &str, pin: &str) {
    k.wait_for_all(&["Masuk petugas", name], STEP);
    for _ in 0..index {
        k.send(DOWN);
    }
    k.wait_for(&format!("▶ {name}"), STEP);
    k.type_text(pin);
    k.send(ENTER);
    k.wait_for_all(&["Di dalam sekarang", &format!("{name} ·")], STEP);
}

/// The privacy notice at the end of the form: the visitor was told and
/// agrees (Enter).
pub fn agree_to_notice(k: &mut Kiosk) {
    k.wait_for_all(
        &[
            "Pemberitahuan pelindungan data pribadi",
            "Pengunjung sudah diberi tahu dan setuju?",
        ],
        STEP,
    );
    k.send(ENTER);
}

//! The supervisor's office console over SSH: a real OpenSSH `sshd` of the
//! test's own (host key, configuration and authorised key in a temp dir, on
//! 127.0.0.1 and a free port) whose `Match User … ForceCommand` runs the
//! built program with a temp configuration, as in the README's recipe; the
//! kiosk comes up through `ssh -tt` in a PTY to its sign-in screen. Needs
//! the Debian packages `openssh-server` and `openssh-client` (and root, or a
//! `/run/sshd` that exists): `--features system-tests`, as `.ci/run` does.

#![allow(clippy::unwrap_used)]

#[expect(dead_code, reason = "the harness serves several test files")]
mod harness;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use harness::{CommandBuilder, Kiosk, OP_NAME, SAMPLE, STEP, SUP_NAME, Site};

/// An `sshd` in the foreground; killed on drop.
struct Sshd {
    child: Child,
    port: u16,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn keygen(path: &Path) {
    let st = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", ""])
        .arg("-f")
        .arg(path)
        .status()
        .expect("ssh-keygen (apt-get install openssh-client)");
    assert!(st.success(), "ssh-keygen failed");
}

fn current_user() -> String {
    let out = Command::new("id").arg("-un").output().expect("id -un");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// Start `sshd` with the given `ForceCommand` for the current user (the
/// README's `Match User` block, line for line) and wait until it says it
/// listens.
fn start_sshd(dir: &Path, user: &str, force_command: &str) -> Sshd {
    // A free port: bound and released (nothing else here takes ports).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    keygen(&dir.join("host_key"));
    keygen(&dir.join("client_key"));
    std::fs::copy(dir.join("client_key.pub"), dir.join("authorized_keys")).unwrap();
    // sshd running as root wants its privilege separation folder (made by
    // the ssh service on a real machine).
    let _ = std::fs::create_dir_all("/run/sshd");
    let d = dir.display();
    std::fs::write(
        dir.join("sshd_config"),
        format!(
            "ListenAddress 127.0.0.1\nPort {port}\nHostKey {d}/host_key\nPidFile {d}/sshd.pid\n\
             AuthorizedKeysFile {d}/authorized_keys\nStrictModes no\nUsePAM no\n\
             PasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             PubkeyAuthentication yes\nPermitRootLogin prohibit-password\n\
             Match User {user}\n    ForceCommand {force_command}\n    \
                 AuthenticationMethods publickey\n    PasswordAuthentication no\n    \
                 DisableForwarding yes\n    PermitTTY yes\n"
        ),
    )
    .unwrap();
    let mut child = Command::new("/usr/sbin/sshd")
        .args(["-D", "-e", "-f"])
        .arg(dir.join("sshd_config"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start /usr/sbin/sshd (apt-get install openssh-server)");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let sshd = Sshd { child, port };
    let deadline = Instant::now() + STEP;
    let mut log = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => {
                let listening = line.contains(&format!("listening on 127.0.0.1 port {port}"));
                log.push(line);
                if listening {
                    break;
                }
            }
            Err(e) => panic!("sshd did not start listening ({e}): {log:#?}"),
        }
    }
    // Keep draining its log so it never blocks on a full pipe.
    std::thread::spawn(move || while rx.recv().is_ok() {});
    sshd
}

#[test]
#[cfg_attr(
    not(feature = "system-tests"),
    ignore = "needs sshd: apt-get install openssh-server openssh-client"
)]
fn the_kiosk_comes_up_through_ssh_to_its_sign_in_screen() {
    let site = Site::new();
    site.add_accounts();
    // The office console's configuration: the door's database, by an
    // absolute path as on the door PC.
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    let office = site.dir.path().join("office.toml");
    std::fs::write(
        &office,
        sample.replace(
            "database = \"../data/dc-access.db\"",
            &format!("database = \"{}\"", site.db.display()),
        ),
    )
    .unwrap();
    assert!(
        std::fs::read_to_string(&office)
            .unwrap()
            .contains(&*site.db.to_string_lossy())
    );

    let sshd_dir = tempfile::tempdir().unwrap();
    let user = current_user();
    let force = format!("{} --config {}", harness::BIN, office.display());
    let sshd = start_sshd(sshd_dir.path(), &user, &force);

    let mut cmd = CommandBuilder::new("ssh");
    cmd.args(["-F", "/dev/null", "-tt", "-p", &sshd.port.to_string(), "-i"]);
    cmd.arg(sshd_dir.path().join("client_key"));
    cmd.args([
        "-o",
        "BatchMode=yes",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
    ]);
    // What the user asks to run is ignored: ForceCommand runs the kiosk.
    cmd.arg(format!("{user}@127.0.0.1"));
    cmd.arg("true");
    cmd.env("TERM", "xterm-256color");
    cmd.cwd(site.dir.path());
    let mut k = Kiosk::spawn_command("ssh", cmd);
    // The sign-in screen of the door's database, with its accounts.
    k.wait_for_all(
        &["Masuk petugas", SUP_NAME, OP_NAME],
        Duration::from_secs(20),
    );
}

//! End to end: the kiosk's system log. The real binary in a PTY sends its
//! lines to a datagram socket bound in a temp dir (`DC_ACCESS_LOG_SOCKET`,
//! standing in for `/dev/log`): start, sign-in, each committed step, the
//! chain head, stop. No personal data in them, nothing on the screen.

#[expect(dead_code, reason = "the harness serves several test files")]
mod harness;

use std::os::unix::net::UnixDatagram;
use std::time::{Duration, Instant};

use harness::{DOWN, ENTER, Kiosk, OP_NAME, OP_NIP, OP_PIN, STEP, SUP_NAME, Site};

/// Every datagram that arrives until `done` holds for the lines so far.
fn collect(socket: &UnixDatagram, what: &str, done: impl Fn(&[String]) -> bool) -> Vec<String> {
    let deadline = Instant::now() + STEP;
    let mut lines = Vec::new();
    let mut buf = [0u8; 4096];
    socket
        .set_read_timeout(Some(Duration::from_millis(100)))
        .expect("read timeout");
    while !done(&lines) {
        assert!(
            Instant::now() < deadline,
            "no {what} in the log: {lines:#?}"
        );
        if let Ok(n) = socket.recv(&mut buf) {
            lines.push(String::from_utf8_lossy(&buf[..n]).into_owned());
        }
    }
    lines
}

fn has(lines: &[String], text: &str) -> bool {
    lines.iter().any(|l| l.contains(text))
}

#[test]
fn the_kiosk_logs_to_the_system_log_never_to_its_screen() {
    let site = Site::new();
    site.add_accounts();
    let sock_path = site.dir.path().join("devlog");
    let socket = UnixDatagram::bind(&sock_path).expect("bind the log socket");

    let mut cmd = Kiosk::command(site.dir.path(), &site.config, &site.db);
    cmd.env("DC_ACCESS_LOG_SOCKET", &sock_path);
    let mut k = Kiosk::spawn_command("kiosk", cmd);
    let mut lines = collect(&socket, "start", |l| has(l, "kiosk started"));

    k.wait_for_all(&["Masuk petugas", OP_NAME], STEP);
    k.send(DOWN);
    k.send(OP_PIN);
    k.send(ENTER);
    k.wait_for("Di dalam sekarang", STEP);
    k.send("n");
    k.wait_for("Langkah 2/7", STEP);
    lines.extend(collect(&socket, "visit", |l| {
        has(l, "visit 1: step 1 started")
    }));
    lines.extend(collect(&socket, "chain head", |l| has(l, "chain head: ")));
    k.signal("-TERM");
    let done = k.finish(STEP);
    lines.extend(collect(&socket, "stop", |l| has(l, "kiosk stopped")));

    let op = site.store().find_user(OP_NIP).expect("operator").id.0;
    assert!(
        has(&lines, &format!("signed in: account #{op} (operator)")),
        "{lines:#?}"
    );
    let head = site.store().chain_head().expect("head");
    assert!(
        has(
            &lines,
            &format!(
                "chain head: {} events, HMAC {}",
                head.events, head.last_hmac
            )
        ),
        "the newest head is logged: {lines:#?}"
    );
    for l in &lines {
        assert!(l.starts_with('<'), "syslog priority: {l}");
        assert!(l.contains(" dc-access["), "identifier: {l}");
        for personal in [OP_NAME, SUP_NAME, OP_NIP] {
            assert!(!l.contains(personal), "personal data in the log: {l}");
        }
    }
    assert!(
        !done.output.contains("dc-access["),
        "a log line on the screen"
    );
    assert!(
        !done.output.contains("chain head"),
        "a log line on the screen"
    );
}

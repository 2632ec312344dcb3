//! End to end: bracketed paste in the real binary. The kiosk turns it on
//! after start and off on the way out; a paste on Home runs no command.

#[expect(dead_code, reason = "the harness serves several test files")]
mod harness;

use harness::{DOWN, ENTER, OP_NAME, OP_PIN, STEP, Site};

const PASTE_ON: &str = "\x1b[?2004h";
const PASTE_OFF: &str = "\x1b[?2004l";

#[test]
fn a_paste_on_home_runs_nothing_and_paste_mode_is_restored() {
    let site = Site::new();
    site.add_accounts();
    let mut k = site.kiosk("kiosk");
    k.wait_for_all(&["Masuk petugas", OP_NAME], STEP);
    assert!(
        k.output().contains(PASTE_ON),
        "bracketed paste not turned on"
    );
    k.send(DOWN);
    k.wait_for(&format!("▶ {OP_NAME}"), STEP);
    k.send(OP_PIN);
    k.send(ENTER);
    k.wait_for("Di dalam sekarang", STEP);

    // As keys these would start a visit (n), ask to quit (q), sign out (s).
    k.send("\x1b[200~nqs\r\x1b[201~");
    // A key after it shows the paste was handled and did nothing.
    k.send("?");
    k.wait_for("Bantuan", STEP);
    let screen = k.screen();
    assert!(screen.contains("Di dalam sekarang"), "{screen}");
    assert!(
        !screen.contains("Langkah 2/7"),
        "a visit was started:\n{screen}"
    );

    k.signal("-TERM");
    let done = k.finish(STEP);
    assert!(done.status.success(), "exit status {:?}", done.status);
    done.assert_terminal_restored();
    let on = done.output.rfind(PASTE_ON);
    let off = done.output.rfind(PASTE_OFF);
    assert!(off.is_some() && off > on, "bracketed paste left on");
    assert!(site.store().open_visits().unwrap_or_default().is_empty());
}

//! End to end: the watchlist (daftar tangkal) in the real binary in a PTY.
//! The supervisor adds an entry at the kiosk's desk screen; the operator
//! types a visitor who matches it and sees the warning on the form; at the
//! approval the match is shown and a second Enter is needed; the database
//! then holds the approval with the entry recorded as seen, and `verify`
//! replays it all.

#[expect(dead_code, reason = "the harness serves several test files")]
mod harness;

use dc_access::domain::audit::AuditAction;
use dc_access::domain::visit::{Status, VisitId};
use harness::{ENTER, OP_NAME, OP_PIN, RIGHT, STEP, SUP_NAME, SUP_PIN, Site, TAB, sign_in};

const NIK: &str = "3201011505850001";

#[test]
fn a_watched_visitor_is_warned_shown_and_approved_twice() {
    let site = Site::new();
    site.add_accounts();
    let mut k = site.kiosk("watchlist");

    // The supervisor adds the entry at the desk screen.
    sign_in(&mut k, 0, SUP_NAME, SUP_PIN);
    k.send("w");
    k.wait_for_all(
        &["Daftar tangkal (0)", "Tidak ada entri yang berlaku"],
        STEP,
    );
    k.send("a");
    k.wait_for("Tambah entri daftar tangkal", STEP);
    k.type_text(NIK);
    k.send(TAB);
    k.type_text("Joko Susanto");
    k.send(TAB);
    k.send(TAB);
    k.type_text("Membawa perangkat tanpa izin");
    k.send(TAB);
    k.type_text("31-12-2099");
    k.send(ENTER);
    k.wait_for_all(
        &["Entri #1 ditambahkan", "3201**********01", "31-12-2099"],
        STEP,
    );
    k.esc();
    k.wait_for("Di dalam sekarang", STEP);
    k.send("s");

    // The operator types the visitor: the form warns as soon as the name
    // matches (other case, other spacing), then on the NIK too.
    sign_in(&mut k, 1, OP_NAME, OP_PIN);
    k.send("n");
    k.wait_for("Langkah 2/7", STEP);
    k.type_text("JOKO  susanto");
    k.wait_for_all(&["DAFTAR TANGKAL", "Cocok nama: Joko Susanto"], STEP);
    k.send(TAB);
    k.wait_for("‹ KTP ›", STEP);
    k.send(TAB);
    k.type_text(NIK);
    k.send(TAB);
    k.wait_for("Cocok NIK, nama: Joko Susanto", STEP);
    k.type_text("CV Maju");
    k.send(TAB);
    k.type_text("081234567890");
    k.send(TAB);
    k.send(RIGHT);
    k.wait_for("‹ Pemeliharaan perangkat ›", STEP);
    k.send(TAB);
    k.type_text("Ganti baterai UPS");
    k.send(TAB);
    for _ in 0..3 {
        k.send(TAB); // no assignment letter
    }
    k.send(TAB); // no equipment
    k.send(TAB); // 60 minutes
    k.type_text("Rudi Hartono");
    k.send(TAB);
    k.send(" ");
    k.wait_for("[x] Dokumen identitas dipegang petugas", STEP);
    k.send(ENTER);
    harness::agree_to_notice(&mut k);
    k.wait_for("Langkah 3/7", STEP);
    k.send(ENTER);

    // Step 4 at this console: the match is on the approval screen; the
    // first Enter on the PIN asks again, the second approves.
    k.wait_for_all(&["Langkah 4/7", "DAFTAR TANGKAL", "‹ Siti"], STEP);
    k.send(ENTER);
    k.send(ENTER);
    k.type_text(SUP_PIN);
    k.wait_for(&"*".repeat(SUP_PIN.len()), STEP);
    k.send(ENTER);
    k.wait_for("Enter sekali lagi", STEP);
    {
        let store = site.store();
        let v = store.visit(VisitId(1)).expect("visit 1");
        assert_eq!(v.status, Status::AwaitingApproval, "not yet approved");
    }
    k.send(ENTER);
    k.wait_for("Langkah 5/7", STEP);

    // What was recorded: the approval names the entry seen; verify replays.
    let store = site.store();
    let v = store.visit(VisitId(1)).expect("visit 1");
    assert_eq!(v.status, Status::Approved);
    let events = store.visit_events(v.id).expect("events");
    let approved = events
        .iter()
        .find(|e| e.action == AuditAction::Approved)
        .expect("the approval");
    let d: serde_json::Value = serde_json::from_str(&approved.details).expect("details");
    assert_eq!(d["watch_seen"], serde_json::json!([1]));
    let audit = store.audit(None).expect("verify");
    assert!(audit.is_intact(), "{:?}", audit.problems);
    assert_eq!(audit.watchlist, 1);
}

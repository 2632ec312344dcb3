//! End to end: a planned visit (kunjungan terjadwal) in the real binary in
//! a PTY. The supervisor registers and pre-approves a plan from the command
//! line; at the kiosk the operator sees it on Home, picks it, finds the
//! form prefilled, still checks and holds the ID, submits — and step 4 is
//! recorded as pre-approved by that supervisor: the console goes straight
//! to step 5. The database is then checked, and `verify` replays it.

#[expect(dead_code, reason = "the harness serves several test files")]
mod harness;

use chrono::Days;
use chrono_tz::Asia::Jakarta;
use dc_access::domain::audit::AuditAction;
use dc_access::domain::visit::{Status, VisitId};
use harness::{ENTER, OP_NAME, OP_PIN, STEP, SUP_NIP, SUP_PIN, Site, TAB, sign_in};

#[test]
fn a_pre_approved_planned_visit_from_home_to_step_5() {
    let site = Site::new();
    site.add_accounts();
    // Today and tomorrow in the site's zone (a run across midnight stays
    // within the plan).
    let today = chrono::Utc::now().with_timezone(&Jakarta).date_naive();
    let tomorrow = today.checked_add_days(Days::new(1)).expect("a day");
    let (from, to) = (
        today.format("%d-%m-%Y").to_string(),
        tomorrow.format("%d-%m-%Y").to_string(),
    );
    let o = site.cli(
        &[
            "plan",
            "add",
            "--from",
            &from,
            "--to",
            &to,
            "--visitor",
            "3201011505850001 Joko Susanto",
            "--org",
            "PT Telkom Indonesia",
            "--purpose",
            "Pemeliharaan perangkat",
            "--detail",
            "Ganti baterai UPS",
            "--letter",
            "090/123/ST/2026",
            "--pre-approve",
            "--as",
            SUP_NIP,
            "--pin-stdin",
        ],
        &format!("{SUP_PIN}\n"),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let mut k = site.kiosk("plans");
    sign_in(&mut k, 1, OP_NAME, OP_PIN);
    k.wait_for_all(&["Terjadwal hari ini       1", "Joko Susanto"], STEP);
    k.send("t");
    k.wait_for_all(
        &["Kunjungan terjadwal (1)", "090/123/ST/2", "disetujui"],
        STEP,
    );
    k.send(ENTER);
    // Step 2, prefilled from the plan; the ID is still to be checked.
    k.wait_for_all(
        &[
            "Langkah 2/7",
            "Joko Susanto",
            "3201011505850001",
            "PT Telkom Indonesia",
            "‹ Pemeliharaan perangkat ›",
            "Ganti baterai UPS",
            "[ ] Dokumen identitas dipegang petugas",
        ],
        STEP,
    );
    for _ in 0..4 {
        k.send(TAB);
    }
    k.type_text("081234567890");
    // The plan's letter number comes filled in; its date and issuer are
    // typed from the letter the visitor shows.
    for _ in 0..4 {
        k.send(TAB);
    }
    k.wait_for("Tanggal surat (HH-BB-TTTT)", STEP);
    k.type_text("25-11-2026");
    k.send(TAB);
    k.type_text("PT Telkom Indonesia");
    for _ in 0..3 {
        k.send(TAB);
    }
    k.type_text("Rudi Hartono");
    k.send(TAB);
    k.send(" ");
    k.wait_for("[x] Dokumen identitas dipegang petugas", STEP);
    k.send(ENTER);
    harness::agree_to_notice(&mut k);
    k.wait_for("Langkah 3/7", STEP);
    k.send(ENTER);
    // Step 4 is the plan's: straight to step 5.
    k.wait_for_all(&["Langkah 5/7", "‹ V-01 ›"], STEP);

    let store = site.store();
    let sup = store.find_user(SUP_NIP).expect("the supervisor").id;
    let v = store.visit(VisitId(1)).expect("visit 1");
    assert_eq!(v.status, Status::Approved);
    assert_eq!(
        (
            v.form.letter_number.as_str(),
            v.form.letter_date.as_str(),
            v.form.letter_issuer.as_str()
        ),
        ("090/123/ST/2026", "25-11-2026", "PT Telkom Indonesia"),
        "the plan's letter, its date and issuer typed at the door"
    );
    assert_eq!(v.decided_by, Some(sup));
    assert!(v.form.id_held);
    assert_eq!(v.form.phone, "081234567890");
    let actions: Vec<AuditAction> = store
        .visit_events(v.id)
        .expect("events")
        .iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        [
            AuditAction::VisitStarted,
            AuditAction::FormCompleted,
            AuditAction::Submitted,
            AuditAction::PreApproved,
        ]
    );
    let audit = store.audit(None).expect("verify");
    assert!(audit.is_intact(), "{:?}", audit.problems);
    assert_eq!(audit.plans, 1);
}

//! End to end: the real `dc-access` binary in a pseudo-terminal, typed at
//! key by key, the screen read back through a terminal emulator, and the
//! database opened afterwards to check what was recorded.

#[expect(dead_code, reason = "the harness serves several test files")]
mod harness;

use dc_access::domain::visit::CheckKind;
use std::time::Duration;

use dc_access::domain::visit::{Status, UserId, VisitId};
use dc_access::store::{Store, Verification};
use harness::{
    BACKTAB, CTRL_U, DOWN, ENTER, Kiosk, LEFT, OP_NAME, OP_NIP, OP_PIN, RIGHT, SAMPLE, STEP,
    SUP_NAME, SUP_NIP, SUP_PIN, Site, TAB, UP, sign_in,
};

const VISITOR: &str = "Budi Santoso";
const NIK: &str = "3201011505850001";
const ORG: &str = "PT Telkom Indonesia";
const PHONE: &str = "0812 3456 7890";
/// The phone as stored: digits only.
const PHONE_STORED: &str = "081234567890";
const DETAIL: &str = "Ganti baterai UPS rak 3";
/// Two items with serial numbers: at step 6 the laptop goes out with the
/// visitor and the disk stays in the room (a replacement), and an old disk
/// not listed at step 2 leaves with the visitor.
const EQUIPMENT: &str = "Laptop Dell #5CG1234; Hard disk 2TB #WX41A9";
const DISK_LEFT: &str = "Disk pengganti dipasang di server 3";
const TAKEN_OUT: &str = "Hard disk lama #OLD77";
const LETTER_NO: &str = "090/12/ST/2026";
const HOST: &str = "Rudi Hartono";
const ACTIVITY: &str = "Baterai UPS rak 3 diganti";

/// The fields before the phone, each followed by Tab: name, ID type (→),
/// NIK, organisation. The focus ends on the phone.
fn fill_first_fields(k: &mut Kiosk) {
    k.wait_for("Langkah 2/7", STEP);
    k.type_text(VISITOR);
    k.send(TAB);
    k.wait_for("untuk memilih jenis identitas", STEP);
    // A new form proposes the first ID type of the list: KTP. Walk the
    // list once round and back to it.
    k.wait_for("‹ KTP ›", STEP);
    k.send(RIGHT);
    k.wait_for("‹ SIM ›", STEP);
    k.send(LEFT);
    k.wait_for("‹ KTP ›", STEP);
    k.send(TAB);
    k.type_text(NIK);
    k.send(TAB);
    k.type_text(ORG);
    k.send(TAB);
    k.wait_for("Nomor telepon yang bisa dihubungi", STEP);
}

/// From the phone to the end of the form; Enter on the checkbox goes to
/// the review (step 3).
fn fill_remaining_fields(k: &mut Kiosk) {
    k.type_text(PHONE);
    k.send(TAB);
    // Purpose: → twice and ← once: the first category.
    k.send(RIGHT);
    k.send(RIGHT);
    k.wait_for("‹ Instalasi perangkat ›", STEP);
    k.send(LEFT);
    k.wait_for("‹ Pemeliharaan perangkat ›", STEP);
    k.send(TAB);
    k.type_text(DETAIL);
    k.send(TAB);
    // The assignment letter: number, date as on screen, issuer.
    k.wait_for("Nomor surat tugas atau SPK", STEP);
    k.type_text(LETTER_NO);
    k.send(TAB);
    k.type_text("1-12-2026");
    k.send(TAB);
    k.type_text(ORG);
    k.send(TAB);
    k.type_text(EQUIPMENT);
    k.send(TAB);
    // Planned minutes come filled with the default (60): clear, type 90.
    k.send(CTRL_U);
    k.type_text("90");
    k.send(TAB);
    k.type_text(HOST);
    k.send(TAB);
    k.wait_for("[ ] Dokumen identitas dipegang petugas", STEP);
    k.send(" ");
    k.wait_for("[x] Dokumen identitas dipegang petugas", STEP);
    k.send(ENTER);
    harness::agree_to_notice(k);
    k.wait_for_all(&["Langkah 3/7", "Periksa formulir #1", VISITOR], STEP);
}

/// Approve at this console: Decision → Supervisor → PIN, Enter.
fn approve(k: &mut Kiosk, pin: &str) {
    // The decision panel is narrow at 80 columns: the choices wrap after
    // their first word.
    k.wait_for_all(
        &["Langkah 4/7", "Diajukan oleh", "‹ Setujui", "‹ Siti"],
        STEP,
    );
    k.send(ENTER);
    k.send(ENTER);
    k.type_text(pin);
    k.wait_for(&"*".repeat(pin.len()), STEP);
    k.send(ENTER);
}

fn check_form(store: &Store, id: VisitId) {
    let v = store.visit(id).expect("the visit");
    assert_eq!(v.form.full_name, VISITOR);
    assert_eq!(v.form.id_type, "KTP");
    assert_eq!(v.form.id_number, NIK);
    assert_eq!(v.form.organisation, ORG);
    assert_eq!(v.form.phone, PHONE_STORED);
    assert_eq!(v.form.purpose, "Pemeliharaan perangkat");
    assert_eq!(v.form.purpose_detail, DETAIL);
    assert_eq!(v.form.equipment, EQUIPMENT);
    // The letter as typed, its date kept as shown.
    assert_eq!(
        (
            v.form.letter_number.as_str(),
            v.form.letter_date.as_str(),
            v.form.letter_issuer.as_str()
        ),
        (LETTER_NO, "01-12-2026", ORG)
    );
    assert_eq!(v.form.planned_minutes, "90");
    assert_eq!(v.form.person_visited, HOST);
    assert!(v.form.id_held);
    // Told the privacy notice and agreed, with the configured period.
    assert!(
        matches!(
            v.notice,
            Some(dc_access::domain::visit::NoticeAnswer::Agreed {
                retention_days: 730,
                ..
            })
        ),
        "{:?}",
        v.notice
    );
}

fn user_id(store: &Store, nip: &str) -> UserId {
    store.find_user(nip).expect("the account").id
}

fn assert_chain_intact(store: &Store) {
    match store.verify_chain().expect("verify the chain") {
        Verification::Intact { events } => assert!(events > 0),
        Verification::Broken { event_id, after } => {
            panic!("audit chain broken at event {event_id} after {after}")
        }
    }
}

/// Every action recorded, oldest first.
fn all_actions(store: &Store) -> Vec<String> {
    let mut events = store.recent_events(1000).expect("events");
    events.reverse();
    events.into_iter().map(|e| e.action.to_string()).collect()
}

/// One whole visit typed key by key, from the first-run setup to the
/// archive, then quitting with the supervisor's PIN.
#[test]
fn whole_visit_from_setup_to_archive() {
    let site = Site::new();
    let mut k = site.kiosk("kiosk");

    // First run: the first supervisor.
    k.wait_for_all(&["Pengaturan awal: akun pertama", "Nama lengkap"], STEP);
    k.type_text(SUP_NAME);
    k.send(TAB);
    k.type_text(SUP_NIP);
    k.send(ENTER);
    k.type_text(SUP_PIN);
    k.send(TAB);
    k.send(BACKTAB); // back and forth: the focus stays in the form
    k.send(TAB);
    k.type_text(SUP_PIN);
    k.wait_until("the PIN typed twice", STEP, |s| {
        s.lines()
            .any(|l| l.contains("Ulangi PIN") && l.contains("******"))
    });
    k.send(ENTER);
    k.wait_for(
        &format!("Akun Sub Koordinator Infrastruktur TIK {SUP_NAME} dibuat"),
        STEP,
    );

    k.send(ENTER); // closes the notice

    // The supervisor adds the operator at the kiosk: Accounts, add.
    sign_in(&mut k, 0, SUP_NAME, SUP_PIN);
    k.send("u");
    k.wait_for("Akun (1)", STEP);
    k.send("a");
    k.wait_for("Tambah akun", STEP);
    k.type_text(OP_NAME);
    k.send(TAB);
    k.type_text(OP_NIP);
    k.send(TAB);
    k.wait_for("‹ Petugas Operator Server ›", STEP);
    k.send(TAB);
    k.type_text(OP_PIN);
    k.send(TAB);
    k.type_text(OP_PIN);
    k.send(ENTER);
    k.wait_for_all(&["Akun (2)", OP_NIP], STEP);
    k.esc();
    k.wait_for("Di dalam sekarang", STEP);
    k.send("s"); // change of shift
    // Signed out (its event written) before the command line writes its own.
    k.wait_for_all(&["Masuk petugas", OP_NAME], STEP);

    // A second operator from the command line while the kiosk shows the
    // sign-in list: the list follows the database by itself.
    site.add_user("Dewi Lestari", "199103032016042003", "operator", "602817");
    k.wait_for_all(&["Masuk petugas", "Dewi Lestari"], STEP);
    // Supervisors first, then by name: Siti, Andi, Dewi.
    sign_in(&mut k, 1, OP_NAME, OP_PIN);
    k.wait_for("Tidak ada pengunjung di ruang server", STEP);

    // Step 1 and 2: a new visit, every field.
    k.send("n");
    fill_first_fields(&mut k);
    fill_remaining_fields(&mut k);

    // Step 3 → 4: submit; the supervisor decides at this console.
    k.send(ENTER);
    approve(&mut k, SUP_PIN);

    // Step 5: the first free badge and the operator as escort.
    k.wait_for_all(
        &[
            "Langkah 5/7",
            "Tanda pengenal pengunjung & pendamping #1",
            "‹ V-01 ›",
            &format!("‹ {OP_NAME} ›"),
        ],
        STEP,
    );
    k.send(ENTER);
    k.send(ENTER);
    // The visitor is inside: back on Home, listed under "Di dalam sekarang".
    k.wait_for_all(&["Di dalam sekarang (1)", VISITOR, "V-01"], STEP);

    // Step 6: check out.
    k.send(ENTER);
    k.wait_for_all(
        &["Langkah 6/7", "Keluar #1", "No. kartu dikembalikan"],
        STEP,
    );
    k.type_text("V-01");
    k.send(TAB);
    k.send(" ");
    k.wait_for("[x] Dokumen identitas dikembalikan", STEP);
    k.send(TAB);
    let ok = format!("‹ {:^13} ›", "OK");
    for n in 1..=6 {
        k.send(LEFT);
        k.wait_until(&format!("{n} OK answers"), STEP, |s| {
            s.matches(ok.as_str()).count() == n
        });
        k.send(ENTER);
    }
    // The equipment listed at step 2, one row each.
    k.wait_for_all(
        &[
            "Peralatan: Laptop Dell #5CG1234",
            "Peralatan: Hard disk 2TB #WX41A9",
        ],
        STEP,
    );
    k.send(LEFT); // the laptop: taken out
    k.wait_for("dibawa keluar", STEP);
    k.send(ENTER);
    k.send(RIGHT); // the disk: left in the room, with its reason
    k.wait_for_all(&["ditinggal", "Alasan"], STEP);
    k.type_text(DISK_LEFT);
    k.send(ENTER);
    k.type_text(TAKEN_OUT); // out, not listed in
    k.wait_for(TAKEN_OUT, STEP);
    k.send(ENTER);
    k.type_text(ACTIVITY);
    k.send(ENTER);

    // Step 7: the report, then the archive.
    k.wait_for_all(
        &[
            "Langkah 7/7",
            "Laporan kegiatan #1 · Keluar, belum diarsip",
            "Enter Arsipkan",
        ],
        STEP,
    );
    k.send(ENTER);
    k.wait_for("Laporan kegiatan #1 · Diarsipkan", STEP);
    k.esc();
    k.wait_for_all(
        &[
            "Tidak ada pengunjung di ruang server",
            "Tidak ada kunjungan yang sedang",
        ],
        STEP,
    );

    // Quit: the supervisor's PIN.
    k.send("q");
    k.wait_for_all(&["Tutup aplikasi", "perlu PIN Sub Koordinator"], STEP);
    k.type_text(SUP_PIN);
    k.send(ENTER);
    let done = k.finish(STEP);
    assert!(done.status.success(), "exit status {:?}", done.status);
    done.assert_terminal_restored();

    // What was recorded.
    let store = site.store();
    let sup = user_id(&store, SUP_NIP);
    let op = user_id(&store, OP_NIP);
    let v = store.visit(VisitId(1)).expect("visit 1");
    assert_eq!(v.status, Status::Archived);
    check_form(&store, v.id);
    for (what, t) in [
        ("form_completed_at", v.form_completed_at),
        ("submitted_at", v.submitted_at),
        ("decided_at", v.decided_at),
        ("entered_at", v.entered_at),
        ("checkout_started_at", v.checkout_started_at),
        ("exited_at", v.exited_at),
        ("id_returned_at", v.id_returned_at),
        ("archived_at", v.archived_at),
        ("closed_at", v.closed_at),
    ] {
        let t = t.unwrap_or_else(|| panic!("{what} not set"));
        assert!(t >= v.started_at, "{what} before the start");
    }
    assert_eq!(v.started_by, op);
    assert_eq!(v.submitted_by, Some(op));
    assert_eq!(v.decided_by, Some(sup));
    assert_eq!(v.escort, Some(op));
    assert_eq!(v.archived_by, Some(op));
    assert_eq!(v.badge.as_deref(), Some("V-01"));
    assert_eq!(v.badge_returned, Some(true));
    assert!(v.reject_reason.is_none() && v.cancel_reason.is_none());
    let room: Vec<_> = v
        .checklist
        .iter()
        .filter(|a| a.kind == CheckKind::Room)
        .collect();
    assert_eq!(room.len(), 6);
    assert!(room.iter().all(|a| a.ok && a.note.is_empty()));
    let equipment: Vec<_> = v.checklist[6..]
        .iter()
        .map(|a| (a.item.as_str(), a.kind, a.ok, a.note.as_str()))
        .collect();
    assert_eq!(
        equipment,
        [
            ("Laptop Dell #5CG1234", CheckKind::Brought, true, ""),
            (
                "Hard disk 2TB #WX41A9",
                CheckKind::Brought,
                false,
                DISK_LEFT
            ),
            (TAKEN_OUT, CheckKind::TakenOut, true, ""),
        ]
    );
    assert!(!v.checklist_flagged(), "left with a reason: not flagged");
    assert_eq!(v.activity, ACTIVITY);
    assert!(store.badges_unavailable().expect("badges").is_empty());

    let visit_actions: Vec<String> = store
        .visit_events(v.id)
        .expect("events")
        .into_iter()
        .map(|e| e.action.to_string())
        .collect();
    assert_eq!(
        visit_actions,
        [
            "visit_started",
            "form_completed",
            "submitted",
            "approved",
            "badge_issued",
            "checkout_started",
            "checked_out",
            "archived",
        ]
    );
    // The account made at the kiosk names the supervisor who made it.
    let mut events = store.recent_events(1000).expect("events");
    events.reverse();
    let made_at_kiosk = &events[2];
    assert_eq!(made_at_kiosk.action.as_str(), "user_created");
    assert_eq!(made_at_kiosk.actor_name.as_deref(), Some(SUP_NAME));
    assert_eq!(
        all_actions(&store),
        [
            "user_created", // setup
            "pin_ok",       // the supervisor signs in
            "user_created", // the operator, added at the kiosk
            "signed_out",   // change of shift
            "pin_ok",       // the supervisor's PIN for the command line (--as)
            "user_created", // a second operator, from the command line
            "pin_ok",       // the operator signs in
            "visit_started",
            "form_completed",
            "submitted",
            "pin_ok", // the supervisor signs the approval
            "approved",
            "badge_issued",
            "checkout_started",
            "checked_out",
            "archived",
            "pin_ok", // exit
        ]
    );
    assert_chain_intact(&store);
}

/// `kill -9` in the middle of the form: a new kiosk on the same database
/// finds the visit in progress with what was typed, and finishes it.
#[test]
fn killed_mid_form_resumes_after_restart() {
    let site = Site::new();
    site.add_accounts();

    let mut k = site.kiosk("first");
    sign_in(&mut k, 1, OP_NAME, OP_PIN);
    k.send("n");
    // Each Tab saves the form; the screen after the last Tab is drawn only
    // after that save committed.
    fill_first_fields(&mut k);
    k.signal("-9");
    let done = k.finish(STEP);
    assert!(done.status.signal().is_some(), "{:?}", done.status);

    let mut k = site.kiosk("second");
    sign_in(&mut k, 1, OP_NAME, OP_PIN);
    k.wait_for_all(&["Dalam proses (1)", "Mengisi formulir", VISITOR], STEP);
    k.send(ENTER);
    k.wait_for_all(&["Formulir #1", VISITOR, "‹ KTP ›", NIK, ORG], STEP);
    // Back to where it was cut off: the phone.
    for _ in 0..4 {
        k.send(DOWN);
    }
    k.wait_for("Nomor telepon yang bisa dihubungi", STEP);
    fill_remaining_fields(&mut k);
    k.send(ENTER);
    k.wait_for_all(&["Langkah 4/7", "Keputusan"], STEP);

    let store = site.store();
    let v = store.visit(VisitId(1)).expect("visit 1");
    assert_eq!(v.status, Status::AwaitingApproval);
    check_form(&store, v.id);
    assert_eq!(v.submitted_by, Some(user_id(&store, OP_NIP)));
    assert_chain_intact(&store);
    drop(k);
}

/// Two consoles on one database: submitted at A, approved at B; each sees
/// the other's step without a key press.
#[test]
fn two_consoles_submit_here_approve_there() {
    let site = Site::new();
    site.add_accounts();
    let mut a = site.kiosk("A");
    let mut b = site.kiosk("B");
    sign_in(&mut a, 1, OP_NAME, OP_PIN);
    sign_in(&mut b, 0, SUP_NAME, SUP_PIN);
    b.wait_for("Dalam proses (0)", STEP);

    a.send("n");
    // B lists the draft as soon as A started it.
    b.wait_for_all(&["Dalam proses (1)", "Mengisi formulir"], STEP);
    fill_first_fields(&mut a);
    fill_remaining_fields(&mut a);
    a.send(ENTER);
    a.wait_for_all(&["Langkah 4/7", "Keputusan"], STEP);

    // B: no key pressed; the queue shows the visit awaiting approval.
    b.wait_for_all(
        &["menunggu persetujuan: 1", "Menunggu persetujuan", VISITOR],
        Duration::from_secs(5),
    );
    b.send(ENTER);
    approve(&mut b, SUP_PIN);
    b.wait_for("Tanda pengenal pengunjung & pendamping #1", STEP);

    // A: no key pressed; it follows the visit to the badge screen, and
    // says what changed under it: the next key only closes that notice.
    a.wait_for_all(
        &[
            "Diubah di konsol lain",
            &format!("disetujui oleh {SUP_NAME}"),
        ],
        Duration::from_secs(5),
    );
    a.send(ENTER);
    a.wait_for_all(
        &[
            "Langkah 5/7",
            "Tanda pengenal pengunjung & pendamping #1",
            "Diputuskan oleh",
            SUP_NAME,
        ],
        Duration::from_secs(5),
    );

    let store = site.store();
    let v = store.visit(VisitId(1)).expect("visit 1");
    assert_eq!(v.status, Status::Approved);
    assert_eq!(v.submitted_by, Some(user_id(&store, OP_NIP)));
    assert_eq!(v.decided_by, Some(user_id(&store, SUP_NIP)));
    assert_chain_intact(&store);
}

/// SIGTERM restores the terminal; a too-small terminal says so and the
/// screen comes back when it grows again.
#[test]
fn resize_and_sigterm() {
    let site = Site::new();
    site.add_accounts();
    let mut k = site.kiosk("kiosk");
    k.wait_for_all(&["Masuk petugas", SUP_NAME, OP_NAME], STEP);

    k.resize(60, 20);
    k.wait_for("terlalu kecil", STEP);
    k.wait_for("60x20", STEP);
    k.resize(80, 24);
    k.wait_until("the sign-in screen again", STEP, |s| {
        s.contains("Masuk petugas") && !s.contains("terlalu kecil")
    });
    // Still answering keys.
    k.send(DOWN);
    k.wait_for(&format!("▶ {OP_NAME}"), STEP);
    k.send(UP);
    k.wait_for(&format!("▶ {SUP_NAME}"), STEP);

    k.signal("-TERM");
    let done = k.finish(STEP);
    assert!(done.status.success(), "exit status {:?}", done.status);
    done.assert_terminal_restored();
}

/// An unknown key in the configuration: exit 2, with file, line and key.
#[test]
fn unknown_config_key_exits_2() {
    let site = Site::new();
    let text = std::fs::read_to_string(SAMPLE).expect("the sample configuration");
    let at = text
        .lines()
        .position(|l| l.starts_with("exit_requires_pin"))
        .expect("exit_requires_pin in the sample");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(at + 1, "colour = \"red\"");
    std::fs::write(&site.config, lines.join("\n")).expect("write the configuration");

    let o = site.cli(&[], "");
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    let expected = format!("{}:{}:", site.config.display(), at + 2);
    assert!(err.contains(&expected), "no {expected:?} in {err:?}");
    assert!(err.contains("kiosk.colour"), "no key in {err:?}");
    assert!(!site.db.exists(), "a database was created");
}

/// A visitor let in through the store (steps 1 to 5), for tests that start
/// at the check-out.
fn visitor_inside(site: &Site) -> VisitId {
    use dc_access::config::Config;
    use dc_access::domain::visit::FormDraft;
    let draft = FormDraft {
        full_name: VISITOR.into(),
        id_type: "KTP".into(),
        id_number: NIK.into(),
        organisation: ORG.into(),
        phone: PHONE_STORED.into(),
        purpose: Config::default().visit.purposes[0].clone(),
        purpose_detail: DETAIL.into(),
        equipment: String::new(),
        planned_minutes: "60".into(),
        person_visited: HOST.into(),
        id_held: true,
        ..FormDraft::default()
    };
    site.put_inside(&draft, "V-01", chrono::Utc::now())
}

/// Check-out progress survives `kill -9` like the form does: badge typed
/// back, ID returned, checklist answers and notes, what was done.
#[test]
fn killed_mid_check_out_resumes_with_everything_typed() {
    const NOTE: &str = "Kabel rak 3 longgar";
    let site = Site::new();
    site.add_accounts();
    let id = visitor_inside(&site);
    let items = dc_access::config::Config::default().visit.checklist.len();

    let mut k = site.kiosk("first");
    sign_in(&mut k, 1, OP_NAME, OP_PIN);
    k.wait_for_all(&["Di dalam sekarang (1)", VISITOR], STEP);
    k.send(ENTER);
    k.wait_for_all(&["Keluar #1", "No. kartu dikembalikan"], STEP);
    k.type_text("V-01");
    k.send(TAB);
    k.send(" ");
    k.wait_for("[x] Dokumen identitas dikembalikan", STEP);
    k.send(TAB);
    k.send("o");
    k.send(TAB);
    k.send("n"); // not OK: the focus goes to its note
    k.wait_for("TIDAK OK", STEP);
    k.type_text(NOTE);
    // Through the other items (unanswered) and "out, not listed" to the
    // activity.
    for _ in 0..items {
        k.send(TAB);
    }
    k.type_text(ACTIVITY);
    k.wait_for(ACTIVITY, STEP);
    // Typing is saved within a second: wait until it is in the database.
    let deadline = std::time::Instant::now() + STEP;
    loop {
        let saved = site.store().visit(id).expect("visit").checkout_draft;
        if saved.as_ref().is_some_and(|d| d.activity == ACTIVITY) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the check-out draft was not saved: {saved:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    k.signal("-9");
    let done = k.finish(STEP);
    assert!(done.status.signal().is_some(), "{:?}", done.status);

    let mut k = site.kiosk("second");
    sign_in(&mut k, 1, OP_NAME, OP_PIN);
    k.send(ENTER);
    k.wait_for_all(
        &[
            "Keluar #1",
            "V-01",
            "[x] Dokumen identitas",
            "TIDAK OK",
            NOTE,
            ACTIVITY,
        ],
        STEP,
    );
    // Finish it: the remaining items OK, Enter on the activity.
    // Badge → ID → item 1 → item 2 → its note → item 3.
    for _ in 0..5 {
        k.send(TAB);
    }
    for _ in 2..items {
        k.send("o");
        k.send(TAB);
    }
    k.send(TAB); // past "out, not listed"
    k.send(ENTER);
    k.wait_for("Langkah 7/7", STEP);

    let store = site.store();
    let v = store.visit(id).expect("visit");
    assert_eq!(v.status, Status::CheckedOut);
    assert_eq!(v.badge_returned, Some(true));
    assert_eq!(v.activity, ACTIVITY);
    assert_eq!(v.checklist.len(), items);
    assert!(v.checklist[0].ok);
    assert!(!v.checklist[1].ok);
    assert_eq!(v.checklist[1].note, NOTE);
    assert_eq!(v.checkout_draft, None, "the check-out clears its draft");
    assert_chain_intact(&store);
}

/// The WAL removed under a running kiosk: every commit from then on would
/// go into an unlinked file and be lost. The kiosk says so and stops; the
/// step typed after it is not acknowledged. (Whether that step reaches the
/// file depends on `SQLite` checkpointing the unlinked WAL at close: it is
/// never shown as done, so the operator does not rely on it.)
#[test]
fn wal_removed_under_a_running_kiosk_stops_it() {
    let site = Site::new();
    site.add_accounts();
    let mut k = site.kiosk("wal");
    sign_in(&mut k, 1, OP_NAME, OP_PIN);
    k.wait_for("Tidak ada pengunjung di ruang server", STEP);
    let wal = site.db.with_file_name("dc.db-wal");
    std::fs::remove_file(&wal).expect("remove the WAL");
    // A new visit asked for at once: it must not be shown as started.
    k.send("n");
    let done = k.finish(STEP);
    assert!(!done.status.success(), "{:?}", done.status);
    let all = format!("{}\n{}", done.output, done.screen);
    assert!(
        all.contains("Berkas WAL basis data") && all.contains("kios berhenti"),
        "{}",
        done.screen
    );
    assert!(!all.contains("Langkah 2/7"), "a step was acknowledged");
}

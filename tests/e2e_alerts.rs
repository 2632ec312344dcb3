//! End to end: the bell on a second console. Two real kiosks on one
//! database file: the operator at the first submits a visit for approval;
//! the second, where a supervisor is signed in, rings the terminal bell
//! (BEL, `\x07`) without a key pressed, shows the count waiting in Home's
//! title, and starts the configured alert command with the visit number
//! and step only. An operator's console does not ring. The operator's
//! console names its door with `--door`: the header shows it and the visit
//! records it.

#[expect(dead_code, reason = "the harness serves several test files")]
mod harness;

use std::time::{Duration, Instant};

use harness::{CTRL_U, ENTER, Kiosk, OP_NAME, OP_PIN, STEP, SUP_NAME, SUP_PIN, Site, TAB, sign_in};

const BEL: u8 = 0x07;

/// Step 2 filled in and handed in at step 3: the visit waits for approval.
fn submit_a_visit(k: &mut Kiosk) {
    harness::begin_form(k, "Budi Santoso", "3201011505850001", "PT Telkom Indonesia");
    k.send(TAB);
    k.type_text("Ganti baterai UPS");
    k.send(TAB);
    for _ in 0..3 {
        k.send(TAB); // no assignment letter
    }
    k.send(TAB); // no equipment
    k.send(CTRL_U);
    k.type_text("60");
    k.send(TAB);
    k.type_text("Rudi Hartono");
    k.send(TAB);
    k.send(" ");
    k.wait_for("[x] Dokumen identitas dipegang petugas", STEP);
    k.send(ENTER);
    harness::agree_to_notice(k);
    k.wait_for("Langkah 3/7", STEP);
    k.send(ENTER);
    k.wait_for("Langkah 4/7", STEP);
}

#[test]
fn a_supervisors_console_rings_when_another_submits() {
    let site = Site::new();
    site.add_accounts();
    // The waiting command writes what it was given.
    let hook_out = site.dir.path().join("hook-out");
    let text = std::fs::read_to_string(&site.config).expect("read config");
    let line = format!(
        "waiting = \"echo $1 $2 $DC_ACCESS_ALERT $DC_ACCESS_DOOR > '{}'\"",
        hook_out.display()
    );
    let text = text.replacen("waiting = \"\"", &line, 1);
    std::fs::write(&site.config, text).expect("write config");

    // The operator's console is the north door (`--door`); the visit
    // records it.
    let mut cmd = Kiosk::command(site.dir.path(), &site.config, &site.db);
    cmd.arg("--door");
    cmd.arg("Pintu Utara");
    let mut desk = Kiosk::spawn_command("operator", cmd);
    let mut boss = site.kiosk("supervisor");
    sign_in(&mut desk, 1, OP_NAME, OP_PIN);
    desk.wait_for("Pintu Utara · Andi Wijaya", STEP);
    sign_in(&mut boss, 0, SUP_NAME, SUP_PIN);
    boss.wait_for("Dalam proses (0)", STEP);
    // Nothing waits yet: no bell so far.
    let before = boss.written();
    assert!(
        !boss.output().as_bytes().contains(&BEL),
        "a bell before anything waited"
    );

    submit_a_visit(&mut desk);

    // The supervisor's console, no key pressed: the bell, then the count.
    boss.wait_for_bytes("the bell (BEL)", before, STEP, |b| b.contains(&BEL));
    boss.wait_for("1 menunggu persetujuan · dc-access", STEP);
    // The command ran with the visit number and the step only.
    let deadline = Instant::now() + STEP;
    let got = loop {
        match std::fs::read_to_string(&hook_out) {
            Ok(s) if s.ends_with('\n') => break s,
            _ if Instant::now() >= deadline => panic!("the alert command did not run"),
            // Polled: the file appears when the background command ends.
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    // The door is the visit's (the operator's console), not the
    // supervisor's, which names none.
    assert_eq!(got, "1 4 waiting Pintu Utara\n");
    // The operator's console, where the visit was submitted, did not ring.
    assert!(
        !desk.output().as_bytes().contains(&BEL),
        "the operator's console rang"
    );
    // Once: a later change (the visit opened for the decision) rings no more.
    let after = boss.written();
    boss.send(ENTER);
    boss.wait_for("Langkah 4/7", STEP);
    assert!(
        !boss.output().as_bytes()[after..].contains(&BEL),
        "the bell rang again for the same visit"
    );

    // The visit started at the north door, on its row and its first event.
    let store = site.store();
    let v = store
        .visit(dc_access::domain::visit::VisitId(1))
        .expect("visit 1");
    assert_eq!(v.door, "Pintu Utara");
    let audit = store.audit(None).expect("audit");
    assert!(audit.is_intact(), "{:?}", audit.problems);
}

/// The overstay bell: a visitor let in 45 seconds before the supervisor
/// signs in, with a one-minute standard inside, passes it while the
/// console sits on Home: the bell rings with no key pressed and the
/// overstay command runs with the visit number and step 5 only.
#[test]
fn a_supervisors_console_rings_when_a_visitor_overstays() {
    let site = Site::new();
    site.add_accounts();
    let hook_out = site.dir.path().join("overstay-out");
    let text = std::fs::read_to_string(&site.config).expect("read config");
    let standard = "inside = 60";
    assert!(text.contains(standard));
    let line = format!(
        "overstay = \"echo $1 $2 $DC_ACCESS_ALERT > '{}'\"",
        hook_out.display()
    );
    let text = text
        .replacen(standard, "inside = 1", 1)
        .replacen("overstay = \"\"", &line, 1);
    std::fs::write(&site.config, text).expect("write config");

    let draft = dc_access::domain::visit::FormDraft {
        full_name: "Budi Santoso".into(),
        id_type: "KTP".into(),
        id_number: "3201011505850001".into(),
        organisation: "PT Telkom Indonesia".into(),
        phone: "081234567890".into(),
        purpose: dc_access::config::Config::default().visit.purposes[0].clone(),
        purpose_detail: "Ganti baterai UPS".into(),
        planned_minutes: "1".into(),
        person_visited: "Rudi Hartono".into(),
        id_held: true,
        ..dc_access::domain::visit::FormDraft::default()
    };
    let entered = chrono::Utc::now() - chrono::Duration::seconds(45);
    let id = site.put_inside(&draft, "V-01", entered);

    let mut boss = site.kiosk("supervisor");
    sign_in(&mut boss, 0, SUP_NAME, SUP_PIN);
    boss.wait_for("Di dalam sekarang (1)", STEP);
    let before = boss.written();
    assert!(
        chrono::Utc::now() - entered < chrono::Duration::seconds(60),
        "signed in after the standard passed: the test cannot tell a new overstay"
    );
    // Within the minute's remaining seconds, no key pressed.
    let wait = Duration::from_secs(30);
    boss.wait_for_bytes("the overstay bell (BEL)", before, wait, |b| {
        b.contains(&BEL)
    });
    let deadline = Instant::now() + STEP;
    let got = loop {
        match std::fs::read_to_string(&hook_out) {
            Ok(s) if s.ends_with('\n') => break s,
            _ if Instant::now() >= deadline => panic!("the overstay command did not run"),
            // Polled: the file appears when the background command ends.
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    assert_eq!(got, format!("{} 5 overstay\n", id.0));
}

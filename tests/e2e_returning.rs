//! End to end: a returning visitor in the real binary in a PTY. A visit of
//! Budi is on record; the operator starts a new one, types only his NIK,
//! sees his earlier visit and its details offered, takes them all with F3,
//! fills in what is new, and the database holds the taken details.

#[expect(dead_code, reason = "the harness serves several test files")]
mod harness;

use chrono::{Duration, Utc};
use dc_access::config::Config;
use dc_access::domain::visit::{Command, FormDraft, NoticeAgreed, Status, VisitId};
use harness::{ENTER, OP_NAME, OP_NIP, OP_PIN, RIGHT, STEP, Site, TAB, sign_in};

const NIK: &str = "3201011505850001";
const F3: &str = "\x1bOR";

/// Budi's visit ten days ago, submitted (so he is known at the door).
fn earlier_visit(site: &Site) {
    let mut store = site.store();
    let op = store.find_user(OP_NIP).expect("the operator").actor();
    let at = Utc::now() - Duration::days(10);
    let v = store.create_visit(op, at).expect("a visit");
    let visit = Config::default().visit;
    let form = FormDraft {
        full_name: "Budi Santoso".into(),
        id_type: "KTP".into(),
        id_number: NIK.into(),
        organisation: "PT Telkom Indonesia".into(),
        phone: "081234567890".into(),
        purpose: visit.purposes[0].clone(),
        purpose_detail: "Ganti baterai UPS".into(),
        equipment: String::new(),
        planned_minutes: "60".into(),
        person_visited: "Joko Susilo".into(),
        id_held: true,
        ..FormDraft::default()
    }
    .validate(&visit.form_rules())
    .expect("a valid form");
    let told = NoticeAgreed {
        retention_days: 730,
    };
    store
        .apply(v.id, &Command::CompleteForm(form, told), op, at)
        .expect("completed");
    store
        .apply(v.id, &Command::Submit, op, at + Duration::minutes(2))
        .expect("submitted");
}

#[test]
fn a_returning_visitor_is_offered_and_taken() {
    let site = Site::new();
    site.add_accounts();
    earlier_visit(&site);
    let mut k = site.kiosk("returning");

    sign_in(&mut k, 1, OP_NAME, OP_PIN);
    k.send("n");
    k.wait_for("Langkah 2/7", STEP);
    k.send(TAB);
    k.wait_for("‹ KTP ›", STEP);
    k.send(TAB);
    k.type_text(NIK);
    // The store answers: the earlier visit and the details offered.
    k.wait_for_all(
        &[
            "Pengunjung lama: 1 kunjungan sebelumnya",
            "« Budi Santoso",
            "« PT Telkom Indonesia",
            "F3: ambil semua",
        ],
        STEP,
    );
    k.send(F3);
    k.wait_until("the details taken", STEP, |s| {
        s.lines()
            .any(|l| l.contains("Nama lengkap") && l.contains("Budi Santoso") && !l.contains('«'))
    });
    // What is new this time: purpose, detail, the ID held.
    k.send(TAB); // organisation
    k.send(TAB); // phone
    k.send(TAB); // purpose
    k.send(RIGHT);
    k.send(TAB);
    k.type_text("Cek rak B");
    for _ in 0..3 {
        k.send(TAB); // no assignment letter
    }
    k.send(TAB); // equipment
    k.send(TAB); // duration
    k.send(TAB); // person visited
    k.send(TAB);
    k.send(" ");
    k.wait_for("[x] Dokumen identitas dipegang petugas", STEP);
    k.send(ENTER);
    harness::agree_to_notice(&mut k);
    k.wait_for("Langkah 3/7", STEP);

    let store = site.store();
    let v = store.visit(VisitId(2)).expect("the new visit");
    assert_eq!(v.status, Status::Review);
    assert_eq!(v.form.full_name, "Budi Santoso");
    assert_eq!(v.form.id_number, NIK);
    assert_eq!(v.form.organisation, "PT Telkom Indonesia");
    assert_eq!(v.form.phone, "081234567890");
    assert_eq!(v.form.person_visited, "Joko Susilo");
    assert_eq!(v.form.purpose_detail, "Cek rak B", "typed, not taken");
    let audit = store.audit(None).expect("verify");
    assert!(audit.is_intact(), "{:?}", audit.problems);
}

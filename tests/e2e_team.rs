//! End to end: a team of three in the real binary in a PTY (issue 12 item
//! 1). The operator types the leader's form, adds two members with F4
//! (each their own name, NIK and ID held), hands the team in; the
//! supervisor approves it once at this console; each of the three gets a
//! badge of their own; one member leaves early and is checked out and
//! archived alone while the other two stay inside. The database holds
//! three linked visits, each decided by the supervisor, and the chain is
//! intact.

#[expect(dead_code, reason = "the harness serves several test files")]
mod harness;

use dc_access::domain::visit::{Status, VisitId};
use harness::{
    BACKTAB, DOWN, ENTER, Kiosk, LEFT, OP_NAME, OP_NIP, OP_PIN, STEP, SUP_NIP, SUP_PIN, Site, TAB,
    sign_in,
};

const F4: &str = "\x1bOS";

/// A member's own fields on their form, then Enter: back to the leader's.
fn add_member(k: &mut Kiosk, id: i64, name: &str, nik: &str) {
    k.send(F4);
    k.wait_for(&format!("Anggota rombongan #{id} (ketua #1)"), STEP);
    k.type_text(name);
    k.send(TAB);
    k.wait_for("‹ KTP ›", STEP);
    k.send(TAB);
    k.type_text(nik);
    k.send(TAB); // phone: the leader's
    k.send(TAB); // equipment: none
    k.send(TAB);
    k.send(" ");
    k.wait_for("[x] Dokumen identitas dipegang petugas", STEP);
    k.send(ENTER);
    k.wait_for_all(&["Formulir #1", name], STEP);
}

/// Step 5 for the visit open on screen: the first free badge, the
/// operator as escort.
fn issue_badge(k: &mut Kiosk, id: i64, badge: &str) {
    k.wait_for_all(
        &[
            "Langkah 5/7",
            &format!("Tanda pengenal pengunjung & pendamping #{id}"),
            &format!("‹ {badge} ›"),
        ],
        STEP,
    );
    k.send(ENTER);
    k.send(ENTER);
}

#[test]
fn a_team_of_three_with_one_early_leaver() {
    let site = Site::new();
    site.add_accounts();
    let mut k = site.kiosk("team");
    sign_in(&mut k, 1, OP_NAME, OP_PIN);

    // The leader's form.
    harness::begin_form(&mut k, "Budi Santoso", "3201011505850001", "PT Data Prima");
    k.send(TAB);
    k.type_text("Ganti disk rak 3");
    for _ in 0..6 {
        k.send(TAB); // the letter (none), equipment, duration (60)
    }
    k.type_text("Rudi Hartono");
    k.send(TAB);
    k.send(" ");
    k.wait_for("[x] Dokumen identitas dipegang petugas", STEP);

    // Two members, each on a form of their own fields.
    add_member(&mut k, 2, "Andi Pratama", "3201011505850002");
    add_member(&mut k, 3, "Citra Lestari", "3201014509900003");
    k.wait_for("Rombongan: 2 anggota: Andi Pratama, Citra Lestari", STEP);

    // The team goes on together: the notice, the review, the approval.
    k.send(BACKTAB);
    k.send(ENTER);
    harness::agree_to_notice(&mut k);
    k.wait_for_all(&["Langkah 3/7", "2 anggota: Andi Pratama"], STEP);
    k.send(ENTER);
    k.wait_for_all(&["Langkah 4/7", "‹ Setujui", "‹ Siti", "Rombongan"], STEP);
    k.send(ENTER);
    k.send(ENTER);
    k.type_text(SUP_PIN);
    k.wait_for(&"*".repeat(SUP_PIN.len()), STEP);
    k.send(ENTER);

    // A badge each: the leader at once, then each member from Home.
    issue_badge(&mut k, 1, "V-01");
    k.wait_for("Di dalam sekarang (1)", STEP);
    k.send(DOWN);
    k.send(ENTER);
    issue_badge(&mut k, 2, "V-02");
    k.wait_for("Di dalam sekarang (2)", STEP);
    k.send(DOWN);
    k.send(DOWN);
    k.send(ENTER);
    issue_badge(&mut k, 3, "V-03");
    k.wait_for("Di dalam sekarang (3)", STEP);

    // Citra leaves early: her check-out alone.
    k.send(DOWN);
    k.send(DOWN);
    k.send(ENTER);
    k.wait_for_all(&["Langkah 6/7", "Keluar #3"], STEP);
    k.type_text("V-03");
    k.send(TAB);
    k.send(" ");
    k.wait_for("[x] Dokumen identitas dikembalikan", STEP);
    k.send(TAB);
    for n in 1..=6 {
        k.send(LEFT);
        k.wait_until(&format!("{n} OK answers"), STEP, |s| {
            s.lines()
                .filter(|l| l.contains('‹') && l.contains(" OK "))
                .count()
                == n
        });
        k.send(ENTER);
    }
    k.send(ENTER); // nothing else taken out
    k.type_text("Membantu ganti disk");
    k.send(ENTER);
    k.wait_for("Langkah 7/7", STEP);
    k.send(ENTER);
    k.wait_for("Diarsipkan", STEP);
    k.esc();
    k.wait_for("Di dalam sekarang (2)", STEP);

    let store = site.store();
    let sup = store.find_user(SUP_NIP).expect("the supervisor").id;
    let op = store.find_user(OP_NIP).expect("the operator").id;
    let visits: Vec<_> = (1..=3)
        .map(|id| store.visit(VisitId(id)).expect("a visit"))
        .collect();
    let names: Vec<&str> = visits.iter().map(|v| v.form.full_name.as_str()).collect();
    assert_eq!(names, ["Budi Santoso", "Andi Pratama", "Citra Lestari"]);
    let teams: Vec<Option<i64>> = visits.iter().map(|v| v.team.map(|t| t.0)).collect();
    assert_eq!(teams, [None, Some(1), Some(1)]);
    for v in &visits {
        // One decision for the team, each with their own ID held.
        assert_eq!(v.decided_by, Some(sup), "#{}", v.id.0);
        assert_eq!(v.submitted_by, Some(op));
        assert!(v.form.id_held);
        // What the team shares is the leader's.
        assert_eq!(v.form.organisation, "PT Data Prima");
        assert_eq!(v.form.purpose, "Pemeliharaan perangkat");
        assert_eq!(v.form.phone, "081234567890");
    }
    let badges: Vec<Option<&str>> = visits.iter().map(|v| v.badge.as_deref()).collect();
    assert_eq!(badges, [Some("V-01"), Some("V-02"), Some("V-03")]);
    let statuses: Vec<Status> = visits.iter().map(|v| v.status).collect();
    assert_eq!(statuses, [Status::Inside, Status::Inside, Status::Archived]);
    assert!(visits[2].id_returned_at.is_some());
    let audit = store.audit(None).expect("verify");
    assert!(audit.is_intact(), "{:?}", audit.problems);
}

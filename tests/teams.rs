//! Teams (issue 12 item 1), on a real database file: a leader and two
//! members move as one through the form, the hand-in and the decision
//! (one transaction each: a step on the leader is the team's, never a
//! member's alone, never without a member),
//! then each has a badge of their own and checks out on their own; the
//! counts count people; `verify` replays the team link.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Plan, Site, Until, form, mins, wib};
use dc_access::domain::badge::BadgeNo;
use dc_access::domain::visit::{
    ChecklistAnswer, Command, FormDraft, NoticeAgreed, Status, VisitId,
};
use dc_access::store::{Store, StoreError};

fn complete(name: &'static str, nik: &'static str) -> Command {
    let mut plan = Plan::new(wib(2026, 3, 2, 9, 0), name, Until::Archived);
    plan.id_number = nik;
    Command::CompleteForm(
        form(&plan),
        NoticeAgreed {
            retention_days: 730,
        },
    )
}

/// A leader and two members, their forms complete, handed in, approved.
fn approved_team(site: &mut Site) -> Vec<VisitId> {
    let op = site.op.actor();
    let sup = site.sup.actor();
    let at = wib(2026, 3, 2, 9, 0);
    let s = &mut site.store;
    let leader = s.create_visit(op, at).unwrap().id;
    let draft = FormDraft {
        full_name: "Budi Santoso".into(),
        organisation: "PT Data Prima".into(),
        purpose: "Pemeliharaan perangkat".into(),
        ..FormDraft::default()
    };
    s.save_draft(leader, &draft).unwrap();
    let m1 = s.create_member(leader, op, at + mins(1)).unwrap();
    // What the team shares is copied from the leader's form.
    assert_eq!(m1.team, Some(leader));
    assert_eq!(m1.form.organisation, "PT Data Prima");
    assert_eq!(m1.form.full_name, "");
    let m2 = s.create_member(leader, op, at + mins(2)).unwrap().id;
    let team = vec![leader, m1.id, m2];

    let forms = vec![
        (leader, complete("Budi Santoso", "3201011505850001")),
        (m1.id, complete("Andi Pratama", "3201011505850002")),
        (m2, complete("Citra Lestari", "3201011505850003")),
    ];
    s.apply_team(&forms, op, at + mins(5)).unwrap();
    // The leader's hand-in and the decision on the leader are the team's.
    s.apply(leader, &Command::Submit, op, at + mins(6)).unwrap();
    assert_eq!(s.visit(m2).unwrap().status, Status::AwaitingApproval);
    s.apply(leader, &Command::Approve, sup, at + mins(8))
        .unwrap();
    for id in &team {
        assert_eq!(s.visit(*id).unwrap().status, Status::Approved);
    }
    team
}

#[test]
fn a_team_moves_as_one_until_the_badges_then_each_member_alone() {
    let mut site = Site::new();
    let op = site.op.actor();
    let at = wib(2026, 3, 2, 9, 0);
    let team = approved_team(&mut site);
    let (leader, m1, m2) = (team[0], team[1], team[2]);
    let s = &mut site.store;

    // Each is a visit of their own, decided by the same supervisor.
    for id in &team {
        let v = s.visit(*id).unwrap();
        assert_eq!(v.decided_by, Some(site.sup.id));
        assert!(v.form.id_held);
    }
    assert_eq!(s.visit(m2).unwrap().form.full_name, "Citra Lestari");
    let members: Vec<VisitId> = s
        .team_members(leader)
        .unwrap()
        .iter()
        .map(|v| v.id)
        .collect();
    assert_eq!(members, vec![m1, m2]);

    // A badge each; one member leaves early, on their own.
    for (id, badge) in team.iter().zip(["V-01", "V-02", "V-03"]) {
        let issue = Command::IssueBadge {
            badge: BadgeNo::try_from(badge).unwrap(),
            escort: site.op.id,
        };
        s.apply(*id, &issue, op, at + mins(10)).unwrap();
    }
    let out = |badge: &str| Command::CheckOut {
        badge_returned: BadgeNo::try_from(badge).ok(),
        id_returned: true,
        checklist: vec![ChecklistAnswer {
            item: "Rak tertutup".into(),
            ok: true,
            ..ChecklistAnswer::default()
        }],
        activity: "Ganti disk".into(),
    };
    s.apply(m2, &out("V-03"), op, at + mins(30)).unwrap();
    assert_eq!(s.visit(m2).unwrap().status, Status::CheckedOut);
    assert_eq!(s.visit(leader).unwrap().status, Status::Inside);
    assert_eq!(s.visit(m1).unwrap().status, Status::Inside);
    s.apply(leader, &out("V-01"), op, at + mins(70)).unwrap();
    s.apply(m1, &out("V-02"), op, at + mins(71)).unwrap();

    // The counts count people: three handed in, three entered.
    let c = s
        .counts(at - mins(60), at + mins(600), at + mins(90), 60)
        .unwrap();
    assert_eq!((c.visitors, c.entered), (3, 3), "{c:?}");

    assert!(s.audit(None).unwrap().is_intact());
}

#[test]
fn a_team_step_is_refused_for_one_member_alone_or_without_every_member() {
    let mut site = Site::new();
    let op = site.op.actor();
    let at = wib(2026, 3, 2, 9, 0);
    let s = &mut site.store;
    let leader = s.create_visit(op, at).unwrap().id;
    let m1 = s.create_member(leader, op, at).unwrap().id;
    let c = complete("Andi Pratama", "3201011505850002");

    // A member never hands in their form alone; nor the leader alone.
    assert!(matches!(
        s.apply(m1, &c, op, at + mins(3)),
        Err(StoreError::TeamStep(n)) if n == leader.0
    ));
    assert!(matches!(
        s.apply(leader, &c, op, at + mins(3)),
        Err(StoreError::TeamStep(n)) if n == leader.0
    ));
    // Leaving a member out: nothing is recorded.
    assert!(matches!(
        s.apply_team(&[(leader, c.clone())], op, at + mins(3)),
        Err(StoreError::TeamChanged(_))
    ));
    assert_eq!(s.visit(leader).unwrap().status, Status::Draft);
    // A member can be taken off the team (cancelled alone) before entry;
    // then the leader goes on with the others.
    let off = Command::Cancel {
        reason: "Tidak jadi ikut".into(),
    };
    s.apply(m1, &off, op, at + mins(4)).unwrap();
    s.apply(leader, &c, op, at + mins(5)).unwrap();
    assert_eq!(s.visit(leader).unwrap().status, Status::Review);

    // Sent as the team's, each step stands or none: a refusal of one
    // (a step out of order) records nothing of the others.
    let leader2 = s.create_visit(op, at).unwrap().id;
    let m2 = s.create_member(leader2, op, at).unwrap().id;
    let steps = vec![
        (leader2, complete("Budi Santoso", "3201011505850001")),
        (m2, Command::Submit),
    ];
    assert!(s.apply_team(&steps, op, at + mins(6)).is_err());
    assert_eq!(s.visit(leader2).unwrap().status, Status::Draft);
    assert_eq!(s.visit(m2).unwrap().status, Status::Draft);
    assert!(s.audit(None).unwrap().is_intact());
}

#[test]
fn verify_catches_a_visit_moved_into_or_out_of_a_team() {
    let mut site = Site::new();
    let team = approved_team(&mut site);
    assert!(site.store.audit(None).unwrap().is_intact());
    let (db, key) = (site.db.clone(), site.key.clone());
    drop(site.store);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE visits SET team_of = NULL WHERE id = ?1",
            [team[1].0],
        )
        .unwrap();
    let store = Store::open(&db, &key).unwrap();
    let audit = store.audit(None).unwrap();
    assert!(!audit.is_intact());
    assert!(
        format!("{:?}", audit.problems).contains("team_of"),
        "{:?}",
        audit.problems
    );
}

#[test]
fn the_visit_form_names_the_team() {
    let mut site = Site::new();
    let team = approved_team(&mut site);
    let config = dc_access::config::Config::default();
    let t = dc_access::report::report_text(config.language);
    let print = |id: VisitId| {
        let doc =
            dc_access::report::visit_doc(&site.store, id, &config, wib(2026, 3, 2, 12, 0)).unwrap();
        assert!(dc_access::report::visit_pdf(&doc, t).is_ok());
        dc_access::report::visit_txt(&doc, t)
    };
    let leader = print(team[0]);
    assert!(
        leader.contains("2 anggota: #2 Andi Pratama, #3 Citra Lestari"),
        "{leader}"
    );
    let member = print(team[2]);
    assert!(
        member.contains("#1 Budi Santoso (ketua rombongan)"),
        "{member}"
    );
    // Each member's own ID number, in full on their own form.
    assert!(member.contains("3201011505850003"), "{member}");
}

/// A member on the watchlist: the team is approved only with that match
/// confirmed (the leader's approval is the team's, so it is checked for
/// every member), and nothing is recorded before.
#[test]
fn a_watched_member_holds_the_teams_approval_until_confirmed() {
    use dc_access::domain::watchlist::NewWatch;
    let mut site = Site::new();
    let op = site.op.actor();
    let sup = site.sup.actor();
    let at = wib(2026, 3, 2, 9, 0);
    let entry = NewWatch::parse(
        "",
        "Citra Lestari",
        "",
        "Membawa perangkat tanpa izin",
        "31-12-2026",
        common::date(2026, 3, 1),
    )
    .unwrap();
    let watched = site
        .store
        .add_watch(&entry, chrono_tz::Asia::Jakarta, common::by(&site.sup, at))
        .unwrap();
    let s = &mut site.store;
    let leader = s.create_visit(op, at).unwrap().id;
    let m = s.create_member(leader, op, at).unwrap().id;
    let forms = vec![
        (leader, complete("Budi Santoso", "3201011505850001")),
        (m, complete("Citra Lestari", "3201011505850003")),
    ];
    s.apply_team(&forms, op, at + mins(5)).unwrap();
    s.apply(leader, &Command::Submit, op, at + mins(6)).unwrap();
    assert!(matches!(
        s.apply(leader, &Command::Approve, sup, at + mins(8)),
        Err(StoreError::WatchUnconfirmed(1))
    ));
    assert_eq!(s.visit(leader).unwrap().status, Status::AwaitingApproval);
    assert_eq!(s.visit(m).unwrap().status, Status::AwaitingApproval);
    let seen = Command::ApproveWatched {
        seen: vec![watched.id],
    };
    s.apply(leader, &seen, sup, at + mins(9)).unwrap();
    assert_eq!(s.visit(m).unwrap().status, Status::Approved);
    assert!(s.audit(None).unwrap().is_intact());
}

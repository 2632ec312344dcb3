//! Equipment by serial number (issue 12 item 3), on a real database file:
//! the rows of step 6 for equipment taken out, left in the room (with a
//! reason or without) and taken out without being listed are stored with
//! the checklist, flag the visit only when an item is left without a
//! reason, are replayed by `verify`, and are printed on the visit form.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Plan, Site, Until, mins, wib};
use dc_access::config::{Config, Language};
use dc_access::domain::badge::BadgeNo;
use dc_access::domain::visit::{CheckKind, ChecklistAnswer, Command, VisitId};
use dc_access::store::{LogFilter, LogSort, Page};

fn row(item: &str, ok: bool, note: &str, kind: CheckKind) -> ChecklistAnswer {
    ChecklistAnswer {
        item: item.into(),
        ok,
        note: note.into(),
        kind,
    }
}

/// A visit inside at `h`:00, checked out with the room's one item OK and
/// these equipment rows.
fn visit_with(site: &mut Site, h: u32, badge: &'static str, rows: Vec<ChecklistAnswer>) -> VisitId {
    let mut plan = Plan::new(wib(2026, 3, 2, h, 0), "Budi Santoso", Until::Inside);
    plan.badge = badge;
    plan.badge_back = badge;
    let id = site.drive(&plan);
    let mut checklist = vec![row("Rak tertutup", true, "", CheckKind::Room)];
    checklist.extend(rows);
    let out = Command::CheckOut {
        badge_returned: BadgeNo::try_from(badge).ok(),
        id_returned: true,
        checklist,
        activity: "Ganti disk".into(),
    };
    let op = site.op.actor();
    site.store
        .apply(id, &out, op, wib(2026, 3, 2, h, 0) + mins(60))
        .unwrap();
    site.store
        .apply(id, &Command::Archive, op, wib(2026, 3, 2, h, 0) + mins(62))
        .unwrap();
    id
}

/// The laptop taken out, the new disk left with its reason, an old disk
/// taken out that was not listed.
fn taken_left_and_unlisted() -> Vec<ChecklistAnswer> {
    vec![
        row("Laptop Dell #5CG1234", true, "", CheckKind::Brought),
        row(
            "Hard disk 2TB #WX41A9",
            false,
            "Disk pengganti",
            CheckKind::Brought,
        ),
        row("Hard disk lama #OLD77", true, "", CheckKind::TakenOut),
    ]
}

#[test]
fn equipment_left_without_a_reason_flags_the_visit_and_verify_replays_it() {
    let mut site = Site::new();
    let with_reason = visit_with(&mut site, 9, "V-01", taken_left_and_unlisted());
    let no_reason = visit_with(
        &mut site,
        11,
        "V-02",
        vec![row("Hard disk 2TB #WX41B2", false, "", CheckKind::Brought)],
    );

    // Stored as answered, each with its kind.
    let v = site.store.visit(with_reason).unwrap();
    let kinds: Vec<_> = v.checklist.iter().map(|a| (a.kind, a.ok)).collect();
    assert_eq!(
        kinds,
        [
            (CheckKind::Room, true),
            (CheckKind::Brought, true),
            (CheckKind::Brought, false),
            (CheckKind::TakenOut, true),
        ]
    );
    assert!(!v.checklist_flagged());
    assert!(site.store.visit(no_reason).unwrap().checklist_flagged());

    // The day log's "checklist not OK" is the visit left without a reason.
    let (from, to) = (wib(2026, 3, 2, 0, 0), wib(2026, 3, 3, 0, 0));
    let page = Page {
        offset: 0,
        limit: 10,
    };
    let (rows, _) = site
        .store
        .day_log(
            from,
            to,
            LogFilter::ChecklistNotOk,
            LogSort::TimeAsc,
            page,
            to,
            60,
        )
        .unwrap();
    let ids: Vec<_> = rows.iter().map(|s| s.visit.id).collect();
    assert_eq!(ids, [no_reason]);
    // The visitor's history at the next visit counts the same one.
    let history = site
        .store
        .returning("3201011505850001", VisitId(999), to, 60)
        .unwrap()
        .unwrap();
    assert_eq!((history.visits, history.checklist_not_ok), (2, 1));

    // verify replays the rows from the check-out's event.
    assert!(site.store.audit(None).unwrap().is_intact());
    let (db, key) = (site.db.clone(), site.key.clone());
    drop(site.store);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE visits SET checklist = replace(checklist, '\"kind\":\"taken_out\"', '\"kind\":\"brought\"')
             WHERE id = ?1",
            [with_reason.0],
        )
        .unwrap();
    let store = dc_access::store::Store::open(&db, &key).unwrap();
    let audit = store.audit(None).unwrap();
    assert!(!audit.is_intact());
    assert!(
        format!("{:?}", audit.problems).contains("checklist"),
        "{:?}",
        audit.problems
    );
}

#[test]
fn the_visit_form_prints_where_each_item_went() {
    let mut site = Site::new();
    let id = visit_with(&mut site, 9, "V-01", taken_left_and_unlisted());
    let config = Config {
        language: Language::Id,
        ..Config::default()
    };
    let doc =
        dc_access::report::visit_doc(&site.store, id, &config, wib(2026, 3, 2, 12, 0)).unwrap();
    let t = dc_access::report::report_text(Language::Id);
    let text = dc_access::report::visit_txt(&doc, t);
    for needle in [
        "Laptop Dell #5CG1234",
        "Dibawa keluar",
        "Hard disk 2TB #WX41A9",
        "Ditinggal di ruang",
        "Disk pengganti",
        "Hard disk lama #OLD77",
        "Tak tercatat masuk",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    assert!(dc_access::report::visit_pdf(&doc, t).is_ok());
}

/// Anonymising old visits clears the reasons' words but not whether one
/// was given: a visit flags the same before and after, and `verify` still
/// replays both from their events.
#[test]
fn anonymised_reasons_keep_their_flag() {
    let mut site = Site::new();
    let with_reason = visit_with(&mut site, 9, "V-01", taken_left_and_unlisted());
    let no_reason = visit_with(
        &mut site,
        11,
        "V-02",
        vec![row("Hard disk 2TB #WX41B2", false, "", CheckKind::Brought)],
    );
    let sup = site.sup.clone();
    let n = site
        .store
        .anonymize_before(
            common::date(2026, 3, 10),
            chrono_tz::Asia::Jakarta,
            common::by(&sup, wib(2026, 3, 10, 8, 0)),
        )
        .unwrap();
    assert_eq!(n, 2);
    let left = &site.store.visit(with_reason).unwrap().checklist[2];
    assert_eq!(
        left.note,
        dc_access::domain::visit::ANONYMISED,
        "the words go"
    );
    assert!(!site.store.visit(with_reason).unwrap().checklist_flagged());
    assert!(site.store.visit(no_reason).unwrap().checklist_flagged());
    let audit = site.store.audit(None).unwrap();
    assert!(audit.is_intact(), "{:?}", audit.problems);
}

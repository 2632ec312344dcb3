//! Two consoles on one database file: a step that loses to the other
//! console's is told in words and recorded as a refused attempt; a key
//! never acts on a screen that changed under it since it was drawn; the
//! day log never starts a check-out.
#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use dc_access::app::{App, DayLogState, Effect, HomeState, Msg, Notice, Overlay, Screen};
use dc_access::config::Config;
use dc_access::domain::fields::{Nip, PersonName, Pin};
use dc_access::domain::visit::{Command, FormDraft, Role, Status, Time, UserId, Visit, VisitId};
use dc_access::shell::run_effects;
use dc_access::store::{ATTEMPT_REFUSED, NewUser, Stamp, Store, User};

fn now() -> Time {
    Utc::now()
}

struct Two {
    _dir: tempfile::TempDir,
    /// Console A's store and app; console B's store.
    a: Store,
    b: Store,
    sup1: User,
    sup2: User,
    op: User,
}

fn user(s: &mut Store, name: &str, nip: &str, role: Role, pin: &str) -> User {
    s.create_user(
        &NewUser {
            name: PersonName::try_from(name).unwrap(),
            nip: Nip::try_from(nip).unwrap(),
            role,
            pin: Pin::try_from(pin).unwrap(),
        },
        Stamp {
            actor: None,
            at: now(),
        },
    )
    .unwrap()
}

fn two() -> Two {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dc.db");
    let key = dir.path().join("dc.key");
    let mut a = Store::open(&db, &key).unwrap();
    let sup1 = user(
        &mut a,
        "Siti Rahma",
        "198501152010011001",
        Role::Supervisor,
        "482916",
    );
    let sup2 = user(
        &mut a,
        "Bambang Hartono",
        "197803122005011002",
        Role::Supervisor,
        "730482",
    );
    let op = user(
        &mut a,
        "Andi Wijaya",
        "199002202015032002",
        Role::Operator,
        "739251",
    );
    let b = Store::open(&db, &key).unwrap();
    Two {
        _dir: dir,
        a,
        b,
        sup1,
        sup2,
        op,
    }
}

fn app_for(store: &mut Store, who: &User) -> App {
    let mut app = App::new(Config::default(), now(), false);
    app.on_signed_in(who.clone());
    run_effects(&mut app, store, vec![Effect::Reload]);
    app
}

/// The console's watch saw another console's commit.
fn refresh(app: &mut App, store: &mut Store) {
    let effects = app.update(Msg::DatabaseChanged, now());
    run_effects(app, store, effects);
}

fn draft() -> FormDraft {
    let c = Config::default();
    FormDraft {
        full_name: "Budi Santoso".into(),
        id_type: "KTP".into(),
        id_number: "3201011505850001".into(),
        organisation: "PT Telkom".into(),
        phone: "081234567890".into(),
        purpose: c.visit.purposes[0].clone(),
        purpose_detail: "Ganti UPS".into(),
        equipment: String::new(),
        planned_minutes: "60".into(),
        person_visited: "Andi Wijaya".into(),
        id_held: true,
        ..FormDraft::default()
    }
}

/// A visit submitted by the operator, awaiting a decision.
fn submitted(t: &mut Two) -> Visit {
    let c = Config::default();
    let op = t.op.actor();
    let v = t.b.create_visit(op, now()).unwrap();
    let form = draft().validate(&c.visit.form_rules()).unwrap();
    t.b.apply(
        v.id,
        &Command::CompleteForm(
            form,
            dc_access::domain::visit::NoticeAgreed {
                retention_days: 730,
            },
        ),
        op,
        now(),
    )
    .unwrap();
    t.b.apply(v.id, &Command::Submit, op, now()).unwrap()
}

fn approved(t: &mut Two) -> Visit {
    let v = submitted(t);
    t.b.apply(v.id, &Command::Approve, t.sup2.actor(), now())
        .unwrap()
}

fn inside(t: &mut Two) -> Visit {
    let v = approved(t);
    let cmd = Command::IssueBadge {
        badge: dc_access::domain::badge::BadgeNo::try_from("V-01").unwrap(),
        escort: t.op.id,
    };
    t.b.apply(v.id, &cmd, t.op.actor(), now()).unwrap()
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now())
}

fn actions(s: &Store, id: VisitId) -> Vec<String> {
    s.visit_events(id)
        .unwrap()
        .into_iter()
        .map(|e| e.action.to_string())
        .collect()
}

fn open(app: &mut App, store: &mut Store, id: VisitId) {
    let v = store.visit(id).unwrap();
    let events = store.visit_events(id).unwrap();
    app.on_visit(v, events);
}

/// The refused attempt's event: actor, and nothing personal in it.
fn assert_refused_event(s: &Store, id: VisitId, actor: UserId, attempted: &str) {
    let events = s.visit_events(id).unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.action, ATTEMPT_REFUSED);
    assert_eq!(last.actor, Some(actor));
    let details: serde_json::Value = serde_json::from_str(&last.details).unwrap();
    assert_eq!(details["attempted"], attempted, "{details}");
    for personal in ["Budi", "3201011505850001", "Telkom", "0812"] {
        assert!(!last.details.contains(personal), "{}", last.details);
    }
    assert!(matches!(
        s.verify_chain().unwrap(),
        dc_access::store::Verification::Intact { .. }
    ));
}

#[test]
fn a_decision_that_lost_says_who_won_and_is_recorded_as_refused() {
    let mut t = two();
    let v = submitted(&mut t);
    // Console A: Siti at the door console, about to reject.
    let mut app = app_for(&mut t.a, &t.sup1.clone());
    open(&mut app, &mut t.a, v.id);
    assert!(matches!(app.screen, Screen::Approval(_)));
    // Console B: Bambang approves first.
    t.b.apply(v.id, &Command::Approve, t.sup2.actor(), now())
        .unwrap();
    // A's rejection arrives after it (its screen not yet refreshed).
    let sup1 = t.sup1.id;
    run_effects(
        &mut app,
        &mut t.a,
        vec![Effect::Decide {
            visit: v.id,
            supervisor: sup1,
            pin: Pin::entered("482916").unwrap(),
            cmd: Command::Reject {
                reason: "Tidak terjadwal".into(),
            },
        }],
    );
    let Some(Overlay::Told(Notice::Refused(r))) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(r.attempted.as_str(), "rejected");
    assert_eq!(r.found, Status::Approved);
    let last = r.last.as_ref().unwrap();
    assert_eq!(
        (last.action.as_str(), last.by.as_deref()),
        ("approved", Some("Bambang Hartono"))
    );
    let words = dc_access::text::notice::notice_text(
        app.overlay
            .as_ref()
            .and_then(|o| match o {
                Overlay::Told(n) => Some(n),
                _ => None,
            })
            .unwrap(),
        dc_access::config::Language::En,
        app.config.timezone,
    );
    assert!(
        words.contains("already approved by Bambang Hartono")
            && words.contains("your rejection was not recorded"),
        "{words}"
    );
    // The screen shows the visit as it is now: approved, at the badge step.
    assert!(matches!(&app.screen, Screen::Badge(b) if b.visit.status == Status::Approved));
    let stored = t.a.visit(v.id).unwrap();
    assert_eq!(stored.status, Status::Approved);
    assert_eq!(stored.decided_by, Some(t.sup2.id));
    assert_eq!(stored.reject_reason, None);
    assert_refused_event(&t.a, v.id, sup1, "rejected");
    // The notice takes the next key and nothing else happens.
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert!(app.overlay.is_none());
}

#[test]
fn a_check_out_that_lost_is_told_and_recorded() {
    let mut t = two();
    let v = inside(&mut t);
    let mut app = app_for(&mut t.a, &t.op.clone());
    run_effects(
        &mut app,
        &mut t.a,
        vec![Effect::OpenVisit(dc_access::app::KeyTarget::of(&v))],
    );
    let Screen::Checkout(_) = &app.screen else {
        panic!("{:?}", app.screen)
    };
    // Console B checks the visitor out first.
    let cmd = Command::CheckOut {
        badge_returned: Some(dc_access::domain::badge::BadgeNo::try_from("V-01").unwrap()),
        id_returned: true,
        checklist: Config::default()
            .visit
            .checklist
            .iter()
            .map(|i| dc_access::domain::visit::ChecklistAnswer {
                item: i.clone(),
                ok: true,
                note: String::new(),
                ..dc_access::domain::visit::ChecklistAnswer::default()
            })
            .collect(),
        activity: String::new(),
    };
    t.b.apply(v.id, &cmd, t.sup2.actor(), now()).unwrap();
    run_effects(&mut app, &mut t.a, vec![Effect::Apply(v.id, cmd)]);
    assert!(
        matches!(&app.overlay, Some(Overlay::Told(Notice::Refused(r))) if r.attempted.as_str() == "checked_out"),
        "{:?}",
        app.overlay
    );
    assert_refused_event(&t.a, v.id, t.op.id, "checked_out");
    let done: Vec<String> = actions(&t.a, v.id)
        .into_iter()
        .filter(|a| a == "checked_out")
        .collect();
    assert_eq!(done.len(), 1, "one check-out only");
}

#[test]
fn badge_issued_at_the_other_console_swallows_the_next_key() {
    let mut t = two();
    let v = approved(&mut t);
    let mut app = app_for(&mut t.a, &t.op.clone());
    open(&mut app, &mut t.a, v.id);
    assert!(matches!(app.screen, Screen::Badge(_)));
    // B lets the visitor in; A notices on its watch.
    let cmd = Command::IssueBadge {
        badge: dc_access::domain::badge::BadgeNo::try_from("V-02").unwrap(),
        escort: t.op.id,
    };
    t.b.apply(v.id, &cmd, t.op.actor(), now()).unwrap();
    refresh(&mut app, &mut t.a);
    assert!(
        matches!(&app.overlay, Some(Overlay::Told(Notice::ChangedElsewhere { visit, last: Some(l) }))
            if *visit == v.id && l.action.as_str() == "badge_issued"),
        "{:?}",
        app.overlay
    );
    // The Enter meant for the badge screen only closes the notice.
    let effects = key(&mut app, KeyCode::Enter);
    assert!(effects.is_empty(), "{effects:?}");
    run_effects(&mut app, &mut t.a, effects);
    assert!(!actions(&t.a, v.id).contains(&"checkout_started".to_owned()));
    assert_eq!(t.a.visit(v.id).unwrap().checkout_started_at, None);
}

#[test]
fn a_row_that_moved_on_since_it_was_drawn_is_opened_without_starting_anything() {
    let mut t = two();
    let v = approved(&mut t);
    let mut app = app_for(&mut t.a, &t.op.clone());
    app.screen = Screen::Home(HomeState::default());
    // Home drawn with the visit approved; Enter pressed...
    let effects = key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&effects[..], [Effect::OpenVisit(k)] if k.stage == dc_access::domain::stage::Stage::Approved)
    );
    // ... while console B let the visitor in, before this one reloaded.
    let cmd = Command::IssueBadge {
        badge: dc_access::domain::badge::BadgeNo::try_from("V-03").unwrap(),
        escort: t.op.id,
    };
    t.b.apply(v.id, &cmd, t.op.actor(), now()).unwrap();
    run_effects(&mut app, &mut t.a, effects);
    assert_eq!(t.a.visit(v.id).unwrap().checkout_started_at, None);
    assert!(!actions(&t.a, v.id).contains(&"checkout_started".to_owned()));
    assert!(matches!(
        &app.overlay,
        Some(Overlay::Told(Notice::ChangedElsewhere { .. }))
    ));
    assert!(key(&mut app, KeyCode::Enter).is_empty());
}

#[test]
fn home_keeps_the_selection_on_the_same_visit_after_a_reload() {
    let mut t = two();
    let first = inside(&mut t);
    let mut app = app_for(&mut t.a, &t.op.clone());
    app.screen = Screen::Home(HomeState::default());
    run_effects(&mut app, &mut t.a, vec![Effect::Reload]);
    assert_eq!(app.key_target().unwrap().visit, first.id);
    // Another visitor goes in at console B, started earlier in the day:
    // the list order changes, the highlighted visit does not.
    let op = t.op.actor();
    let c = Config::default();
    let early = t.b.create_visit(op, now() - Duration::hours(3)).unwrap();
    let form = draft().validate(&c.visit.form_rules()).unwrap();
    t.b.apply(
        early.id,
        &Command::CompleteForm(
            form,
            dc_access::domain::visit::NoticeAgreed {
                retention_days: 730,
            },
        ),
        op,
        now(),
    )
    .unwrap();
    refresh(&mut app, &mut t.a);
    assert_eq!(app.key_target().unwrap().visit, first.id);
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
}

#[test]
fn a_badge_taken_by_the_other_console_is_recorded_as_refused() {
    let mut t = two();
    let v1 = approved(&mut t);
    let v2 = approved(&mut t);
    let mut app = app_for(&mut t.a, &t.op.clone());
    open(&mut app, &mut t.a, v2.id);
    let cmd = Command::IssueBadge {
        badge: dc_access::domain::badge::BadgeNo::try_from("V-01").unwrap(),
        escort: t.op.id,
    };
    t.b.apply(v1.id, &cmd, t.op.actor(), now()).unwrap();
    run_effects(&mut app, &mut t.a, vec![Effect::Apply(v2.id, cmd)]);
    assert!(matches!(
        &app.overlay,
        Some(Overlay::Error(dc_access::app::Failure::Store(
            dc_access::store::StoreProblem::BadgeTaken(b)
        ))) if b == "V-01"
    ));
    assert_refused_event(&t.a, v2.id, t.op.id, "badge_issued");
    assert_eq!(t.a.visit(v2.id).unwrap().status, Status::Approved);
}

/// Item 11: the day log is read-only. Enter on a visitor who is inside
/// opens the detail; no check-out starts, nothing is recorded.
#[test]
fn day_log_enter_on_a_visitor_inside_opens_the_detail_only() {
    let mut t = two();
    let v = inside(&mut t);
    let mut app = app_for(&mut t.a, &t.sup1.clone());
    let day: NaiveDate = dc_access::domain::days::local_date(now(), app.config.timezone);
    app.screen = Screen::DayLog(DayLogState::new(day));
    let query = app.screen_query().unwrap();
    run_effects(&mut app, &mut t.a, vec![query]);
    let Screen::DayLog(d) = &app.screen else {
        panic!()
    };
    assert_eq!(d.rows.len(), 1);
    let events = t.a.event_count().unwrap();
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(effects, vec![Effect::OpenDetail(v.id)]);
    run_effects(&mut app, &mut t.a, effects);
    assert!(matches!(&app.screen, Screen::Detail(d) if d.visit.id == v.id));
    assert_eq!(t.a.event_count().unwrap(), events, "nothing recorded");
    assert_eq!(t.a.visit(v.id).unwrap().checkout_started_at, None);
    // Enter on the detail does nothing either.
    let effects = key(&mut app, KeyCode::Enter);
    run_effects(&mut app, &mut t.a, effects);
    assert_eq!(t.a.event_count().unwrap(), events);
    let _ = Utc.timestamp_opt(0, 0);
}

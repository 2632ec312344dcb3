//! The check-out as typed is saved (no event) and resumed after a restart;
//! the check-out clears it; nothing is saved once the visitor is out.
#![allow(clippy::unwrap_used, reason = "test helpers outside #[test] functions")]

use chrono::Utc;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use dc_access::app::{App, CheckoutState, Effect, Msg, Screen};
use dc_access::config::Config;
use dc_access::domain::fields::{Nip, PersonName, Pin};
use dc_access::domain::visit::{
    ChecklistAnswer, CheckoutDraft, Command, DraftAnswer, FormDraft, Role, Status,
};
use dc_access::store::{NewUser, Stamp, Store, User};

fn user(s: &mut Store, name: &str, nip: &str, role: Role) -> User {
    s.create_user(
        &NewUser {
            name: PersonName::try_from(name).unwrap(),
            nip: Nip::try_from(nip).unwrap(),
            role,
            pin: Pin::try_from("739251").unwrap(),
        },
        Stamp {
            actor: None,
            at: Utc::now(),
        },
    )
    .unwrap()
}

#[test]
fn the_draft_is_saved_resumed_and_cleared_by_the_check_out() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key_file) = (dir.path().join("dc.db"), dir.path().join("dc.key"));
    let mut s = Store::open(&db, &key_file).unwrap();
    let sup = user(&mut s, "Siti Rahma", "198501152010011001", Role::Supervisor).actor();
    let op = user(&mut s, "Andi Wijaya", "199002202015032002", Role::Operator).actor();
    let c = Config::default();
    // Whole seconds, as stored.
    let now = chrono::DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap();
    let v = s.create_visit(op, now).unwrap();
    let form = FormDraft {
        full_name: "Budi Santoso".into(),
        id_type: "KTP".into(),
        id_number: "3201011505850001".into(),
        organisation: "PT Telkom".into(),
        phone: "081234567890".into(),
        purpose: c.visit.purposes[0].clone(),
        purpose_detail: "UPS".into(),
        equipment: String::new(),
        planned_minutes: "60".into(),
        person_visited: "Rudi".into(),
        id_held: true,
        ..FormDraft::default()
    }
    .validate(&c.visit.form_rules())
    .unwrap();
    for (cmd, actor) in [
        (
            Command::CompleteForm(
                form,
                dc_access::domain::visit::NoticeAgreed {
                    retention_days: 730,
                },
            ),
            op,
        ),
        (Command::Submit, op),
        (Command::Approve, sup),
        (
            Command::IssueBadge {
                badge: dc_access::domain::badge::BadgeNo::try_from("V-01").unwrap(),
                escort: op.id,
            },
            op,
        ),
        (Command::BeginCheckout, op),
    ] {
        s.apply(v.id, &cmd, actor, now).unwrap();
    }
    let events = s.event_count().unwrap();

    // Typed at the kiosk: the app asks for the save.
    let mut app = App::new(c.clone(), now, false);
    app.on_signed_in(s.find_user("199002202015032002").unwrap());
    app.on_visit(s.visit(v.id).unwrap(), Vec::new());
    assert!(matches!(app.screen, Screen::Checkout(_)));
    let key =
        |app: &mut App, code| app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now);
    key(&mut app, KeyCode::Char('V'));
    // Typing is saved on the next tick; the focus moving saves at once.
    let effects = app.update(Msg::Tick, now);
    assert!(
        matches!(&effects[..], [Effect::SaveCheckoutDraft(id, d)] if *id == v.id && d.badge_returned == "V"),
        "{effects:?}"
    );
    let effects = key(&mut app, KeyCode::Tab);
    assert!(effects.is_empty(), "nothing new to save: {effects:?}");
    let effects = key(&mut app, KeyCode::Char(' '));
    assert!(
        matches!(&effects[..], [Effect::SaveCheckoutDraft(_, d)] if d.id_returned),
        "{effects:?}"
    );

    let draft = CheckoutDraft {
        badge_returned: "V-01".into(),
        id_returned: true,
        answers: vec![
            DraftAnswer {
                item: c.visit.checklist[1].clone(),
                ok: Some(false),
                note: "Kabel longgar".into(),
                ..DraftAnswer::default()
            },
            DraftAnswer {
                item: "an item no longer in the list".into(),
                ok: Some(true),
                note: String::new(),
                ..DraftAnswer::default()
            },
        ],
        activity: "Ganti UPS".into(),
        ..CheckoutDraft::default()
    };
    assert!(s.save_checkout_draft(v.id, &draft).unwrap());
    assert_eq!(s.event_count().unwrap(), events, "a draft is no event");
    drop(s);

    // A restart: the draft comes back, matched by item.
    let mut s = Store::open(&db, &key_file).unwrap();
    let resumed = s.visit(v.id).unwrap();
    assert_eq!(resumed.checkout_draft.as_ref(), Some(&draft));
    let state = CheckoutState::new(resumed, &c.visit.checklist);
    assert_eq!(state.badge_returned, "V-01");
    assert!(state.id_returned);
    assert_eq!(state.answers[0], None);
    assert_eq!(state.answers[1], Some(false));
    assert_eq!(state.notes[1], "Kabel longgar");
    assert_eq!(state.activity, "Ganti UPS");

    // The check-out clears it; once out, nothing is saved any more.
    let checklist = c
        .visit
        .checklist
        .iter()
        .map(|i| ChecklistAnswer {
            item: i.clone(),
            ok: true,
            note: String::new(),
            ..ChecklistAnswer::default()
        })
        .collect();
    let out = s
        .apply(
            v.id,
            &Command::CheckOut {
                badge_returned: Some(dc_access::domain::badge::BadgeNo::try_from("V-01").unwrap()),
                id_returned: true,
                checklist,
                activity: "Ganti UPS".into(),
            },
            op,
            now,
        )
        .unwrap();
    assert_eq!(out.status, Status::CheckedOut);
    assert_eq!(out.checkout_draft, None);
    assert_eq!(s.visit(v.id).unwrap(), out);
    assert!(!s.save_checkout_draft(v.id, &draft).unwrap());
    assert_eq!(s.visit(v.id).unwrap().checkout_draft, None);
}

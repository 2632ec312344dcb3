//! Teams (rombongan) on screen at 80x24, fixed data and clock (27 November
//! 2026, 10:30 WIB): the leader's form with its members, a member's form
//! (their own fields only), a member's form that stops the team, the
//! approval of a team, Home's queue naming a member's team; and what the
//! keys ask of the shell (a member added, the next form, the team's forms
//! completed together).

#![allow(clippy::unwrap_used)]

mod snap;

use chrono::{Duration, TimeZone, Utc};
use dc_access::app::{App, Effect, KeyTarget, Msg, Screen};
use dc_access::config::Config;
use dc_access::domain::stage::Stage;
use dc_access::domain::visit::{
    Command, FormDraft, FormField, NoticeAgreed, Role, Status, Time, UserId, Visit, VisitId,
};
use dc_access::store::{Dashboard, User, VisitSummary};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 30, 0).unwrap()
}

fn user(id: i64, name: &str, role: Role) -> User {
    snap::account(id, name, role, now() - Duration::days(30))
}

fn leader_form() -> FormDraft {
    FormDraft {
        full_name: "Budi Santoso".into(),
        id_type: "KTP".into(),
        id_number: "3201011505850001".into(),
        organisation: "PT Data Prima".into(),
        phone: "081234567890".into(),
        purpose: "Pemeliharaan perangkat".into(),
        purpose_detail: "Ganti disk rak 3".into(),
        planned_minutes: "60".into(),
        person_visited: "Andi Wijaya".into(),
        id_held: true,
        ..FormDraft::default()
    }
}

/// A member's own fields (what the team shares is the leader's).
fn member_form(name: &str, nik: &str) -> FormDraft {
    FormDraft {
        full_name: name.into(),
        id_type: "KTP".into(),
        id_number: nik.into(),
        id_held: true,
        ..FormDraft::default()
    }
}

fn visit(id: i64, form: FormDraft, team: Option<i64>, status: Status) -> Visit {
    let mut v = Visit::start(VisitId(id), UserId(2), now() - Duration::minutes(10));
    v.form = form;
    v.team = team.map(VisitId);
    v.status = status;
    v
}

/// The leader (#20) and two members (#21, #22) at `status`; Citra's ID
/// number is left out when `citra_done` is false.
fn team(status: Status, citra_done: bool) -> Vec<Visit> {
    let citra = if citra_done { "3201014509900002" } else { "" };
    vec![
        visit(20, leader_form(), None, status),
        visit(
            21,
            member_form("Andi Pratama", "3201011505850002"),
            Some(20),
            status,
        ),
        visit(22, member_form("Citra Lestari", citra), Some(20), status),
    ]
}

/// Signed in as `who` (1 Siti, supervisor; 2 Andi, operator), the team
/// loaded as open visits.
fn app(who: i64, visits: &[Visit]) -> App {
    let users = vec![
        user(1, "Siti Rahma", Role::Supervisor),
        user(2, "Andi Wijaya", Role::Operator),
        user(3, "Bambang Susilo", Role::Supervisor),
    ];
    let mut app = App::new(Config::default(), now(), false);
    let open = visits
        .iter()
        .map(|v| VisitSummary {
            visit: v.clone(),
            escort_name: None,
            approver_name: None,
        })
        .collect();
    let dashboard = Dashboard {
        open,
        ..Dashboard::default()
    };
    app.on_data(dashboard, users.clone(), Vec::new());
    app.on_signed_in(users[usize::try_from(who - 1).unwrap()].clone());
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), now())
}

fn target(id: i64) -> KeyTarget {
    KeyTarget {
        visit: VisitId(id),
        stage: Stage::Draft,
    }
}

#[test]
fn the_leaders_form_lists_its_members_and_adds_one() {
    let visits = team(Status::Draft, true);
    let mut app = app(2, &visits);
    app.on_visit(visits[0].clone(), Vec::new());
    insta::assert_snapshot!(snap::draw_checked(&app));
    let effects = press(&mut app, KeyCode::F(4));
    assert!(
        effects.contains(&Effect::NewMember(VisitId(20))),
        "{effects:?}"
    );
    let effects = press(&mut app, KeyCode::F(5));
    assert!(
        effects.contains(&Effect::OpenVisit(target(21))),
        "{effects:?}"
    );
}

#[test]
fn a_members_form_has_only_their_own_fields_and_goes_back_to_the_leader() {
    let mut visits = team(Status::Draft, true);
    visits[2].form.id_number.clear();
    visits[2].form.id_held = false;
    let mut app = app(2, &visits);
    app.on_visit(visits[2].clone(), Vec::new());
    let Screen::Form(f) = &app.screen else {
        panic!("the member's form")
    };
    assert_eq!(f.team, Some(VisitId(20)));
    // Tab goes round the member's six fields.
    for _ in 0..FormField::MEMBER.len() {
        press(&mut app, KeyCode::Tab);
    }
    let Screen::Form(f) = &app.screen else {
        panic!("form")
    };
    assert_eq!(f.focus, FormField::FullName);
    assert!(snap::draw_checked(&app).contains("kembali ke formulir ketua"));
    // Enter at the end with the ID missing: the problem is shown, nothing
    // is sent on.
    press(&mut app, KeyCode::BackTab);
    let effects = press(&mut app, KeyCode::Enter);
    assert!(!effects.iter().any(|e| matches!(e, Effect::OpenVisit(_))));
    insta::assert_snapshot!(snap::draw_checked(&app));
    // F4 adds no member from a member's form; F5 goes to the next form
    // (after the last member, the leader's).
    assert!(
        !press(&mut app, KeyCode::F(4))
            .iter()
            .any(|e| matches!(e, Effect::NewMember(_)))
    );
    assert!(press(&mut app, KeyCode::F(5)).contains(&Effect::OpenVisit(target(20))));
    // Esc saves and goes back to the leader's form, not Home.
    let effects = press(&mut app, KeyCode::Esc);
    assert!(
        effects.contains(&Effect::OpenVisit(target(20))),
        "{effects:?}"
    );
}

#[test]
fn the_team_goes_on_only_with_every_members_form_then_all_at_once() {
    let visits = team(Status::Draft, false);
    let mut app = app(2, &visits);
    app.on_visit(visits[0].clone(), Vec::new());
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Enter);
    let Screen::Form(f) = &app.screen else {
        panic!("still the form")
    };
    assert_eq!(f.member_incomplete, Some(VisitId(22)));
    insta::assert_snapshot!(snap::draw_checked(&app));

    // Citra's ID typed (and loaded): on to the privacy notice, then the
    // three forms at once, each member's with what the leader typed for
    // the team.
    let visits = team(Status::Draft, true);
    let mut app = self::app(2, &visits);
    app.on_visit(visits[0].clone(), Vec::new());
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen, Screen::Privacy(_)));
    let effects = press(&mut app, KeyCode::Enter);
    let [Effect::ApplyTeam(steps)] = effects.as_slice() else {
        panic!("one team step: {effects:?}")
    };
    let ids: Vec<i64> = steps.iter().map(|(id, _)| id.0).collect();
    assert_eq!(ids, vec![20, 21, 22]);
    let Command::CompleteForm(citra, NoticeAgreed { .. }) = &steps[2].1 else {
        panic!("a form")
    };
    let citra = citra.to_draft();
    assert_eq!(citra.full_name, "Citra Lestari");
    assert_eq!(citra.organisation, "PT Data Prima");
    assert_eq!(citra.purpose, "Pemeliharaan perangkat");
}

#[test]
fn the_approval_of_a_team_names_its_members() {
    let visits = team(Status::AwaitingApproval, true);
    let mut app = app(1, &visits);
    app.on_visit(visits[0].clone(), Vec::new());
    assert!(matches!(app.screen, Screen::Approval(_)));
    insta::assert_snapshot!(snap::draw_checked(&app));
}

#[test]
fn home_names_the_team_of_a_member() {
    let visits = team(Status::Review, true);
    let app = app(2, &visits);
    insta::assert_snapshot!(snap::draw_checked(&app));
}

#[test]
fn a_closed_leaders_report_names_the_members_loaded_for_it() {
    use dc_access::app::Answer;
    let mut leader = visit(20, leader_form(), None, Status::Archived);
    leader.closed_at = Some(now());
    let mut app = app(1, &[]);
    let drawn = KeyTarget::of(&leader);
    let effects = app.update(
        Msg::Answer(Answer::VisitOpened {
            visit: leader,
            events: Vec::new(),
            drawn,
        }),
        now(),
    );
    assert!(matches!(app.screen, Screen::Archive(_)));
    assert_eq!(effects, vec![Effect::LoadTeam(VisitId(20))]);
    let members = vec![
        (VisitId(21), "Andi Pratama".to_owned()),
        (VisitId(22), "Citra Lestari".to_owned()),
    ];
    let effects = app.update(
        Msg::Answer(Answer::Team {
            leader: VisitId(20),
            members,
        }),
        now(),
    );
    assert!(effects.is_empty(), "asked once: {effects:?}");
    let drawn = snap::draw_checked(&app);
    assert!(
        drawn.contains("2 anggota: Andi Pratama, Citra Lestari"),
        "{drawn}"
    );
}

#[test]
fn cancelling_a_leader_before_the_decision_says_the_team_goes_too() {
    let visits = team(Status::Review, true);
    let mut app = app(2, &visits);
    press(&mut app, KeyCode::Char('x'));
    insta::assert_snapshot!(snap::draw_checked(&app));
}

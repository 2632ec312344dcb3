//! The shell's effects run against a real store in a temporary directory.

use super::*;
use crate::app::NewUserInput;
use crate::app::{AccountsState, EndOfShiftState, Notice, Overlay, Screen};
use crate::domain::audit::AuditAction;
use crate::domain::fields::Pin;
use crate::domain::fields::{Nip, PersonName};
use crate::domain::visit::Role;
use crate::store::NewUser;
use crate::store::Stamp;

fn setup() -> (tempfile::TempDir, Store, App) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut store = Store::open(&db, &dir.path().join("t.key")).unwrap();
    let sup = store
        .create_user(
            &NewUser {
                name: PersonName::try_from("Siti Rahma").unwrap(),
                nip: Nip::try_from("198501152010011001").unwrap(),
                role: Role::Supervisor,
                pin: Pin::try_from("482915").unwrap(),
            },
            Stamp {
                actor: None,
                at: Utc::now(),
            },
        )
        .unwrap();
    let mut config = Config::default();
    config.report.reports_dir = dir.path().join("reports").display().to_string();
    let mut app = App::new(config, Utc::now(), false);
    app.on_signed_in(sup);
    run_effects(&mut app, &mut store, vec![Effect::Reload]);
    (dir, store, app)
}

#[test]
fn a_correction_is_an_event_with_its_reason() {
    let (_dir, mut store, mut app) = setup();
    let actor = app.on_duty.as_ref().unwrap().actor();
    let v = store.create_visit(actor, Utc::now()).unwrap();
    let reason = "Jam keluar 09:10, bukan 09:15".to_owned();
    run_effects(
        &mut app,
        &mut store,
        vec![Effect::AddCorrection {
            visit: v.id,
            reason: reason.clone(),
        }],
    );
    let events = store.visit_events(v.id).unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.action, AuditAction::Correction);
    assert_eq!(last.actor, Some(actor.id));
    assert!(last.details.contains(&reason));
    assert!(matches!(&app.screen, Screen::Detail(d) if d.events.len() == 2));
    assert!(matches!(
        app.overlay,
        Some(Overlay::Told(Notice::CorrectionRecorded(_)))
    ));
    assert_eq!(
        store.visit(v.id).unwrap(),
        v,
        "the visit itself is unchanged"
    );
}

#[test]
fn restoring_a_badge_that_is_not_lost_says_so() {
    let (_dir, mut store, mut app) = setup();
    app.screen = Screen::EndOfShift(EndOfShiftState::default());
    run_effects(
        &mut app,
        &mut store,
        vec![Effect::RestoreBadge(
            crate::domain::badge::BadgeNo::try_from("V-09").unwrap(),
        )],
    );
    assert!(
        matches!(&app.overlay, Some(Overlay::Error(crate::app::Failure::BadgeNotLost(b))) if *b == "V-09"),
        "{:?}",
        app.overlay
    );
}

#[test]
fn accounts_effects_run_against_the_store() {
    let (_dir, mut store, mut app) = setup();
    app.screen = Screen::Accounts(AccountsState::default());
    let user = NewUserInput {
        name: "Andi Saputra".into(),
        nip: "199002022015031002".into(),
        role: Role::Operator,
        pin: Pin::try_from("739164").unwrap(),
    };
    run_effects(
        &mut app,
        &mut store,
        vec![Effect::CreateUser { user, first: false }],
    );
    assert_eq!(app.users.len(), 2);
    let andi = app
        .users
        .iter()
        .find(|u| u.role == Role::Operator)
        .unwrap()
        .id;
    let me = app.on_duty.as_ref().unwrap().id;
    // The last active supervisor stays.
    run_effects(
        &mut app,
        &mut store,
        vec![Effect::SetUserActive {
            user: me,
            active: false,
        }],
    );
    assert!(store.user(me).unwrap().active);
    run_effects(
        &mut app,
        &mut store,
        vec![
            Effect::SetUserActive {
                user: andi,
                active: false,
            },
            Effect::UnlockUser(andi),
            Effect::ResetPin {
                user: andi,
                pin: Pin::try_from("551937").unwrap(),
            },
        ],
    );
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert!(!store.user(andi).unwrap().active);
    let Screen::Accounts(a) = &app.screen else {
        panic!("accounts")
    };
    assert!(matches!(
        &a.message,
        Some(crate::app::AccountNote::Changed { name, .. }) if name.contains("Andi")
    ));
}

#[test]
fn end_of_shift_prints_to_a_file() {
    let (dir, mut store, mut app) = setup();
    app.screen = Screen::EndOfShift(EndOfShiftState::default());
    run_effects(
        &mut app,
        &mut store,
        vec![Effect::LoadEndOfShift, Effect::PrintEndOfShift],
    );
    let Some(Overlay::Told(Notice::Saved { path })) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert!(path.starts_with(dir.path().join("reports")), "{path:?}");
    let files: Vec<_> = std::fs::read_dir(dir.path().join("reports"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 1);
}

#[test]
fn a_failing_printer_says_so_saves_the_document_and_logs_it() {
    let (dir, mut store, mut app) = setup();
    app.config.report.print_command = "echo 'lp: printer LASER not found' >&2; exit 1".into();
    let sock = dir.path().join("log");
    let server = std::os::unix::net::UnixDatagram::bind(&sock).unwrap();
    app.screen = Screen::EndOfShift(EndOfShiftState::default());
    run_effects_logged(
        &mut app,
        &mut store,
        vec![Effect::LoadEndOfShift, Effect::PrintEndOfShift],
        &Log::to_socket(&sock),
    )
    .unwrap();
    let Some(Overlay::Told(notice)) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    let Notice::PrintFailed { error, saved } = notice else {
        panic!("{notice:?}")
    };
    assert!(error.contains("printer LASER not found"), "{error}");
    assert!(saved.starts_with(dir.path().join("reports")));
    assert!(saved.exists());
    let words =
        crate::text::notice::notice_text(notice, crate::config::Language::Id, app.config.timezone);
    assert!(words.starts_with("Gagal mencetak: "), "{words}");
    assert!(words.contains("Langkah sudah tersimpan"), "{words}");
    assert!(words.contains(&saved.display().to_string()), "{words}");
    let mut buf = [0u8; 2048];
    let n = server.recv(&mut buf).unwrap();
    let line = String::from_utf8_lossy(&buf[..n]);
    assert!(line.contains("print failed: "), "{line}");
    assert!(line.starts_with("<12>"), "a warning: {line}");
}

/// The plans screen's effects: a plan registered with the supervisor's
/// PIN is pre-approved by them; a wrong PIN registers nothing and says so;
/// without a PIN the plan waits for the usual approval; a cancellation is
/// recorded. The watchlist's: an entry added and removed.
#[test]
fn plan_and_watchlist_effects_run_against_the_store() {
    use crate::app::{PlanNote, PlansState, WatchNote, WatchlistState};
    use crate::domain::plan::{NewPlan, PlannedVisitor};
    use crate::domain::watchlist::NewWatch;
    let (_dir, mut store, mut app) = setup();
    let today = crate::domain::days::local_date(Utc::now(), app.config.timezone);
    let plan = NewPlan {
        first_day: today,
        last_day: today,
        visitors: vec![PlannedVisitor {
            nik: "3201011505850001".into(),
            name: "Budi Santoso".into(),
        }],
        organisation: "PT Telkom".into(),
        purpose: "Pemeliharaan perangkat".into(),
        detail: String::new(),
        letter: "090/1/ST".into(),
    };
    app.screen = Screen::Plans(PlansState::default());
    let wrong = Pin::try_from("905173").unwrap();
    run_effects(
        &mut app,
        &mut store,
        vec![Effect::AddPlan {
            plan: plan.clone(),
            pin: Some(wrong),
        }],
    );
    assert!(store.plans(Utc::now(), true).unwrap().is_empty());
    assert!(matches!(app.overlay, Some(Overlay::Error(_))));
    app.overlay = None;
    let right = Pin::try_from("482915").unwrap();
    run_effects(
        &mut app,
        &mut store,
        vec![
            Effect::AddPlan {
                plan: plan.clone(),
                pin: Some(right),
            },
            Effect::AddPlan { plan, pin: None },
        ],
    );
    let plans = store.plans(Utc::now(), false).unwrap();
    let me = app.on_duty.as_ref().unwrap().id;
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0].approved.map(|a| a.0), Some(me));
    assert_eq!(plans[1].approved, None);
    assert_eq!(app.plans.len(), 2, "reloaded");
    assert!(matches!(
        &app.screen,
        Screen::Plans(PlansState {
            note: Some(PlanNote::Added {
                pre_approved: false,
                ..
            }),
            ..
        })
    ));
    run_effects(&mut app, &mut store, vec![Effect::CancelPlan(plans[1].id)]);
    assert_eq!(app.plans.len(), 1);

    app.screen = Screen::Watchlist(WatchlistState::default());
    let entry = NewWatch::parse("", "Joko Susanto", "", "x", "31-12-2099", today).unwrap();
    run_effects(&mut app, &mut store, vec![Effect::AddWatch(entry)]);
    assert_eq!(app.watchlist.len(), 1);
    let id = app.watchlist[0].id;
    run_effects(&mut app, &mut store, vec![Effect::RemoveWatch(id)]);
    assert!(app.watchlist.is_empty());
    assert!(matches!(
        &app.screen,
        Screen::Watchlist(WatchlistState {
            note: Some(WatchNote::Removed(_)),
            ..
        })
    ));
    assert!(store.audit(None).unwrap().is_intact());
}

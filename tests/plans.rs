//! Planned visits (kunjungan terjadwal) on a real store in a temp dir: a
//! plan registered and cancelled with its events and private values; a
//! visit started from it comes prefilled and linked; after submission
//! step 4 is recorded as pre-approved by the supervisor who approved the
//! plan — or refused (the visit waits in the queue) when the plan is not
//! pre-approved, cancelled, not for today, or the visitor is on the
//! watchlist; `verify` replays all of it; `anonymize` empties old plans.

#![expect(
    clippy::unwrap_used,
    reason = "test fixtures: a failure is a broken test"
)]

mod common;

use chrono_tz::Asia::Jakarta;
use common::{PURPOSES, Site, by, date, mins, wib};
use dc_access::domain::audit::AuditAction;
use dc_access::domain::plan::{NewPlan, Plan, PlanRefusal, PlanText};
use dc_access::domain::visit::{
    Command, FormRules, Status, Time, TransitionError, VisitForm, VisitId,
};
use dc_access::domain::watchlist::NewWatch;
use dc_access::store::{Store, StoreError};

fn new_plan(first: &str, last: &str) -> NewPlan {
    let purposes: Vec<String> = PURPOSES.iter().map(|s| (*s).to_owned()).collect();
    NewPlan::parse(
        PlanText {
            first_day: first,
            last_day: last,
            visitors: "3201011505850001 Budi Santoso; 3201014509900001 Siti Aminah",
            organisation: "PT Telkom",
            purpose: PURPOSES[0],
            detail: "Ganti baterai UPS",
            letter: "090/123/ST/2026",
        },
        date(2026, 3, 1),
        &purposes,
    )
    .unwrap()
}

/// A plan registered by the supervisor Rina at `at`, pre-approved or not.
fn add(s: &mut Site, (first, last): (&str, &str), pre: bool, at: Time) -> Plan {
    s.store
        .add_plan(&new_plan(first, last), pre, Jakarta, by(&s.sup, at))
        .unwrap()
}

/// The prefilled form completed at the door (phone, host, ID held), then
/// submitted: the visit is waiting for step 4.
fn complete_and_submit(s: &mut Site, id: VisitId, at: chrono::DateTime<chrono::Utc>) {
    let op = s.op.actor();
    let mut d = s.store.visit(id).unwrap().form;
    d.phone = "081234567890".into();
    d.planned_minutes = "60".into();
    d.person_visited = "Joko Susilo".into();
    d.id_held = true;
    // The plan's letter number comes filled in; its date and issuer are
    // typed from the letter shown at the door.
    d.letter_date = "25-11-2026".into();
    d.letter_issuer = "PT Telkom Indonesia".into();
    let ids = vec!["KTP".to_owned()];
    let purposes: Vec<String> = PURPOSES.iter().map(|s| (*s).to_owned()).collect();
    let form: VisitForm = d.validate(&FormRules::new(&ids, &purposes)).unwrap();
    s.store
        .apply(
            id,
            &Command::CompleteForm(
                form,
                dc_access::domain::visit::NoticeAgreed {
                    retention_days: 730,
                },
            ),
            op,
            at,
        )
        .unwrap();
    s.store
        .apply(id, &Command::Submit, op, at + mins(1))
        .unwrap();
}

fn intact(store: &Store) {
    let audit = store.audit(None).unwrap();
    assert!(audit.is_intact(), "{:#?}", audit.problems);
}

#[test]
fn a_pre_approved_plan_stands_for_step_4_of_its_visits() {
    let mut s = Site::new();
    let created = wib(2026, 3, 2, 8, 0);
    let plan = s
        .store
        .add_plan(
            &new_plan("02-03-2026", "03-03-2026"),
            true,
            Jakarta,
            by(&s.sup, created),
        )
        .unwrap();
    assert_eq!(plan.approved.map(|a| a.0), Some(s.sup.id));
    assert_eq!(
        (plan.from, plan.until),
        (wib(2026, 3, 2, 0, 0), wib(2026, 3, 4, 0, 0))
    );
    // The operator starts Siti's visit from the plan: prefilled, linked.
    let at = wib(2026, 3, 3, 9, 0);
    let v = s
        .store
        .start_planned_visit(plan.id, 1, s.op.actor(), at)
        .unwrap();
    assert_eq!(v.form.full_name, "Siti Aminah");
    assert_eq!(v.form.id_number, "3201014509900001");
    assert_eq!(
        (v.form.organisation.as_str(), v.form.id_type.as_str()),
        ("PT Telkom", "KTP")
    );
    assert_eq!(v.form.purpose, PURPOSES[0]);
    assert!(!v.form.id_held, "the ID is still to be checked and held");
    assert_eq!(s.store.plan_of_visit(v.id).unwrap(), Some(plan.id));
    complete_and_submit(&mut s, v.id, at + mins(3));
    let done = s
        .store
        .pre_approve(v.id, s.op.actor(), at + mins(5))
        .unwrap();
    assert_eq!(done.status, Status::Approved);
    assert_eq!(done.decided_by, Some(s.sup.id), "the plan's supervisor");
    let actions: Vec<AuditAction> = s
        .store
        .visit_events(v.id)
        .unwrap()
        .iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        [
            AuditAction::VisitStarted,
            AuditAction::FormCompleted,
            AuditAction::Submitted,
            AuditAction::PreApproved
        ],
        "the seven steps, step 4 pre-approved"
    );
    // The signed form says so: the decision is the plan's supervisor's,
    // recorded at the door by the operator, not made there at that time.
    let config = dc_access::config::Config::default();
    let doc = dc_access::report::visit_doc(&s.store, v.id, &config, at).unwrap();
    assert_eq!(
        doc.decided_how,
        Some(dc_access::report::DecidedHow::PreApproved {
            plan: plan.id.0,
            recorded_by: Some(s.op.name.clone()),
        })
    );
    let paper = dc_access::report::visit_txt(&doc, dc_access::report::report_text(config.language));
    for words in [
        format!("Disetujui lebih dulu, kunjungan terjadwal #{};", plan.id.0),
        format!("dicatat di pintu oleh {}", s.op.name),
    ] {
        assert!(paper.contains(&words), "{words:?} in:\n{paper}");
    }
    intact(&s.store);
}

#[test]
fn a_plan_not_pre_approved_cancelled_or_past_leaves_the_visit_in_the_queue() {
    let mut s = Site::new();
    let t0 = wib(2026, 3, 2, 8, 0);
    let op = s.op.actor();
    let waiting = add(&mut s, ("02-03-2026", ""), false, t0);
    let v = s
        .store
        .start_planned_visit(waiting.id, 0, op, t0 + mins(60))
        .unwrap();
    complete_and_submit(&mut s, v.id, t0 + mins(62));
    assert!(matches!(
        s.store.pre_approve(v.id, op, t0 + mins(65)),
        Err(StoreError::Transition(TransitionError::Plan(
            PlanRefusal::NotPreApproved
        )))
    ));
    assert_eq!(
        s.store.visit(v.id).unwrap().status,
        Status::AwaitingApproval
    );
    // The queue as usual: a supervisor approves it.
    s.store
        .apply(v.id, &Command::Approve, s.sup.actor(), t0 + mins(70))
        .unwrap();

    // Pre-approved, then cancelled after the visit started.
    let cancelled = add(&mut s, ("02-03-2026", ""), true, t0);
    let v2 = s
        .store
        .start_planned_visit(cancelled.id, 0, op, t0 + mins(80))
        .unwrap();
    complete_and_submit(&mut s, v2.id, t0 + mins(82));
    s.store
        .cancel_plan(cancelled.id, by(&s.sup2, t0 + mins(84)))
        .unwrap();
    assert!(matches!(
        s.store.pre_approve(v2.id, op, t0 + mins(85)),
        Err(StoreError::Transition(TransitionError::Plan(
            PlanRefusal::Cancelled
        )))
    ));
    // No new visit from a cancelled plan, nor from one not for today.
    assert!(matches!(
        s.store
            .start_planned_visit(cancelled.id, 0, op, t0 + mins(90)),
        Err(StoreError::PlanClosed(_))
    ));
    let later = add(&mut s, ("05-03-2026", ""), true, t0);
    assert!(matches!(
        s.store.start_planned_visit(later.id, 0, op, t0 + mins(90)),
        Err(StoreError::PlanClosed(_))
    ));
    // A visit not started from a plan is never pre-approved.
    let plain = s.store.create_visit(op, t0 + mins(100)).unwrap();
    let mut d = dc_access::domain::visit::FormDraft {
        full_name: "Rudi".into(),
        ..s.store.visit(v.id).unwrap().form
    };
    d.id_held = true;
    s.store.save_draft(plain.id, &d).unwrap();
    complete_and_submit(&mut s, plain.id, t0 + mins(101));
    assert!(matches!(
        s.store.pre_approve(plain.id, op, t0 + mins(105)),
        Err(StoreError::Transition(TransitionError::Plan(
            PlanRefusal::NotFromPlan
        )))
    ));
    // Only open plans are listed; `all` lists every one.
    let open: Vec<_> = s.store.plans(t0 + mins(110), false).unwrap();
    assert_eq!(
        open.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![waiting.id, later.id]
    );
    assert_eq!(s.store.plans(t0, true).unwrap().len(), 3);
    intact(&s.store);
}

#[test]
fn a_watched_visitor_is_not_pre_approved() {
    let mut s = Site::new();
    let t0 = wib(2026, 3, 2, 8, 0);
    let watch =
        NewWatch::parse("", "Budi Santoso", "", "x", "31-12-2026", date(2026, 3, 2)).unwrap();
    s.store.add_watch(&watch, Jakarta, by(&s.sup, t0)).unwrap();
    let plan = add(&mut s, ("02-03-2026", ""), true, t0);
    let v = s
        .store
        .start_planned_visit(plan.id, 0, s.op.actor(), t0 + mins(10))
        .unwrap();
    complete_and_submit(&mut s, v.id, t0 + mins(12));
    assert!(matches!(
        s.store.pre_approve(v.id, s.op.actor(), t0 + mins(15)),
        Err(StoreError::WatchUnconfirmed(1))
    ));
    assert_eq!(
        s.store.visit(v.id).unwrap().status,
        Status::AwaitingApproval
    );
    intact(&s.store);
}

#[test]
fn operators_keep_no_plans_and_anonymize_empties_old_ones() {
    let mut s = Site::new();
    let t0 = wib(2026, 3, 2, 8, 0);
    assert!(matches!(
        s.store
            .add_plan(&new_plan("02-03-2026", ""), true, Jakarta, by(&s.op, t0)),
        Err(StoreError::Transition(TransitionError::NotSupervisor))
    ));
    let old = add(&mut s, ("02-03-2026", ""), true, t0);
    let future = add(&mut s, ("01-12-2026", ""), false, t0);
    s.store
        .anonymize_before(date(2026, 6, 1), Jakarta, by(&s.sup, wib(2026, 7, 1, 9, 0)))
        .unwrap();
    let old = s.store.plan(old.id).unwrap();
    assert!(
        old.visitors
            .iter()
            .all(|v| v.nik.is_empty() && v.name == "(anonim)")
    );
    assert_eq!(old.visitors.len(), 2, "the count stays");
    assert_eq!(
        (old.organisation.as_str(), old.detail.as_str()),
        ("PT Telkom", "")
    );
    assert_eq!(
        s.store.plan(future.id).unwrap().visitors[0].name,
        "Budi Santoso"
    );
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    let private: i64 = conn
        .query_row(
            "SELECT count(*) FROM event_private p JOIN events e ON e.id = p.event_id
             WHERE e.action = 'plan_added'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(private, 2, "visitors and detail of the future plan only");
    intact(&s.store);
}

/// A plan's row edited to look pre-approved lets the store record the
/// pre-approval; `verify` replays the plan from its events, finds it was
/// never pre-approved, and says so for the step and the row.
#[test]
fn verify_catches_a_pre_approval_from_an_edited_plan_row() {
    let mut s = Site::new();
    let t0 = wib(2026, 3, 2, 8, 0);
    let plan = add(&mut s, ("02-03-2026", ""), false, t0);
    let v = s
        .store
        .start_planned_visit(plan.id, 0, s.op.actor(), t0 + mins(10))
        .unwrap();
    complete_and_submit(&mut s, v.id, t0 + mins(12));
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    conn.execute(
        "UPDATE plans SET approved_by = ?1, approved_at = ?2 WHERE id = ?3",
        rusqlite::params![s.sup.id.0, t0.timestamp(), plan.id.0],
    )
    .unwrap();
    s.store
        .pre_approve(v.id, s.op.actor(), t0 + mins(15))
        .unwrap();
    let audit = s.store.audit(None).unwrap();
    let text: Vec<String> = audit.problems.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|p| p.contains("pre_approved") && p.contains("not pre-approved")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|p| p.contains("table plans") && p.contains("approved_by")),
        "{text:#?}"
    );
}

//! Store data turned into the documents' model.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Site, date, fixture, fixture_now};
use dc_access::config::{Config, Language};
use dc_access::report::{self, BadgeOutcome, Decision};

#[test]
fn day_report_of_one_wib_day() {
    let mut site = Site::new();
    let f = fixture(&mut site);
    let config = Config::default();
    let d = date(2026, 11, 27);
    let r = report::day_report(&site.store, d, d, &config, fixture_now(), None).unwrap();
    let numbers: Vec<i64> = r.rows.iter().map(|r| r.visit_number).collect();
    assert_eq!(numbers, vec![f.early.0, f.budi.0, f.dede.0]);
    assert_eq!((r.from, r.to), (d, d));
    assert_eq!(r.zone_label, "WIB");
    assert_eq!(r.totals.visitors, 2);
    assert_eq!(r.totals.rejected, 1);
    assert_eq!(r.by_purpose.len(), 2);
    let head = site.store.chain_head().unwrap();
    let got = r.chain_head.unwrap();
    assert_eq!((got.events, got.last_hmac), (head.events, head.last_hmac));
    let dede = &r.rows[2];
    assert_eq!(dede.visitor_name, "Dédé Sétiawan");
    assert_eq!(dede.flags, vec!["ditolak".to_owned()]);
    assert_eq!(dede.time_in, None);
    assert_eq!(dede.date, d, "a rejected visit keeps its date");
    assert_eq!(dede.decision, Some(Decision::Rejected));
    assert_eq!(dede.decided_by.as_deref(), Some("Rina Kartika"));
    assert!(!dede.still_inside);
    // Nobody reviewed the day: it says so, and no supervisor signs.
    assert_eq!(r.reviews.len(), 1);
    assert_eq!(r.reviews[0].day, d);
    assert!(r.reviews[0].review.is_none());
    assert!(r.supervisor.is_none());
    assert_eq!(r.office, report::Office::default());
    let budi = &r.rows[1];
    assert_eq!(budi.decided_by.as_deref(), Some("Rina Kartika"));
    assert_eq!(budi.decision, Some(Decision::Approved));
    assert_eq!(budi.duration_minutes, Some(45));
    assert_eq!(
        budi.time_in.unwrap().format("%H:%M").to_string(),
        "08:10",
        "local time"
    );
    assert!(budi.flags.is_empty());
    // Statuses come from the UI catalog.
    let ui = dc_access::ui::text::text(Language::Id);
    let v = site.store.visit(f.budi).unwrap();
    assert_eq!(budi.status, ui.status_label(&v));
}

#[test]
fn range_report_pages_through_every_visit_and_flags_in_english() {
    let mut site = Site::new();
    let f = fixture(&mut site);
    let config = Config {
        language: Language::En,
        ..Config::default()
    };
    // Reversed dates are taken in order.
    let r = report::day_report(
        &site.store,
        date(2026, 11, 30),
        date(2026, 9, 1),
        &config,
        fixture_now(),
        None,
    )
    .unwrap();
    assert_eq!(r.from, date(2026, 9, 1));
    assert_eq!(r.rows.len(), 8);
    let late = r.rows.iter().find(|r| r.visit_number == f.late.0).unwrap();
    assert_eq!(
        late.flags,
        vec!["overstay", "checklist NOT OK", "badge lost"]
    );
    let citra = r.rows.iter().find(|r| r.visit_number == f.citra.0).unwrap();
    assert_eq!(citra.flags, vec!["overstay"], "still inside at 11:30");
    assert_eq!(citra.time_out, None);
    assert!(citra.still_inside);
    // One review line per day with visits.
    let days: Vec<_> = r.reviews.iter().map(|l| l.day).collect();
    let mut with_visits: Vec<_> = r.rows.iter().map(|r| r.date).collect();
    with_visits.dedup();
    assert_eq!(days, with_visits);
}

#[test]
fn visit_doc_has_every_field_and_name() {
    let mut site = Site::new();
    let f = fixture(&mut site);
    let config = Config::default();
    let doc = report::visit_doc(&site.store, f.late, &config, fixture_now()).unwrap();
    assert_eq!(doc.visit_number, f.late.0);
    assert_eq!(doc.visitor.full_name, "Fajar Nugroho");
    assert_eq!(doc.visitor.id_number, "3201011505850001", "whole, unmasked");
    assert_eq!(doc.visitor.planned_minutes, 60);
    assert_eq!(doc.started_by, "Andi Wijaya");
    assert_eq!(doc.submitted_by.as_deref(), Some("Andi Wijaya"));
    assert_eq!(doc.decision, Some(Decision::Approved));
    assert_eq!(doc.decided_by.as_deref(), Some("Rina Kartika"));
    assert_eq!(doc.escort.as_deref(), Some("Andi Wijaya"));
    assert_eq!(doc.badge.as_deref(), Some("V-03"));
    assert_eq!(doc.badge_outcome, Some(BadgeOutcome::Lost));
    assert_eq!(doc.duration_minutes, Some(90));
    assert!(doc.id_returned);
    assert_eq!(doc.checklist.len(), 2);
    assert!(!doc.checklist[1].ok);
    assert_eq!(doc.archived_by, None);
    // Signers: the supervisor who decided, the operator who started it,
    // each with the NIP of the account.
    let users = site.store.users().unwrap();
    let nip_of = |name: &str| users.iter().find(|u| u.name == name).unwrap().nip.clone();
    let sup = doc.supervisor.clone().unwrap();
    assert_eq!(
        (sup.name.as_str(), sup.nip.clone()),
        ("Rina Kartika", nip_of("Rina Kartika"))
    );
    let op = doc.operator.clone().unwrap();
    assert_eq!(
        (op.name.as_str(), op.nip.clone()),
        ("Andi Wijaya", nip_of("Andi Wijaya"))
    );
    let steps: Vec<(u8, Option<i64>, u32)> = doc
        .steps
        .iter()
        .map(|s| (s.step.number(), s.minutes, s.standard))
        .collect();
    assert_eq!(
        steps,
        vec![
            (2, Some(3), 5),
            (3, Some(2), 5),
            (4, Some(4), 5),
            (5, Some(90), 60),
            (6, Some(0), 5),
            (7, None, 5)
        ]
    );
    assert_eq!(
        doc.started_at
            .unwrap()
            .format("%d-%m-%Y %H:%M %Z")
            .to_string(),
        "28-11-2026 00:30 WIB"
    );

    let dede = report::visit_doc(&site.store, f.dede, &config, fixture_now()).unwrap();
    assert_eq!(dede.decision, Some(Decision::Rejected));
    assert_eq!(dede.reject_reason.as_deref(), Some("Tidak terjadwal"));
    assert_eq!(dede.badge_outcome, None);

    let waiting = report::visit_doc(&site.store, f.waiting, &config, fixture_now()).unwrap();
    assert_eq!(waiting.decision, None);
    assert!(!waiting.id_returned);

    assert!(
        report::visit_doc(
            &site.store,
            dc_access::domain::visit::VisitId(999),
            &config,
            fixture_now()
        )
        .is_err()
    );
}

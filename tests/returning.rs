//! Returning visitors on a real store: the earlier visits of a NIK (count,
//! last date, flags), the names seen before, and never an anonymised visit.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Plan, Site, Until, by, date, wib};
use dc_access::domain::visit::VisitId;

const NIK: &str = "3201011505850001";

#[test]
fn earlier_visits_of_a_nik_with_their_flags() {
    let mut site = Site::new();
    // Two visits of Budi: one within the hour, one of 90 minutes with a
    // checklist item not OK and another badge handed back (lost).
    site.drive(&Plan::new(
        wib(2026, 11, 2, 8, 0),
        "Budi Santoso",
        Until::Archived,
    ));
    let mut long = Plan::new(wib(2026, 11, 12, 9, 0), "Budi Santoso", Until::CheckedOut);
    long.inside_min = 90;
    long.not_ok = true;
    long.badge_back = "V-02";
    long.organisation = "PT Telkom Indonesia";
    site.drive(&long);
    // Someone else, and a visit of Budi only started (a draft: not counted).
    let mut other = Plan::new(wib(2026, 11, 13, 9, 0), "Budiman Hakim", Until::Archived);
    other.id_number = "3201014506900002";
    other.badge = "V-03";
    other.badge_back = "V-03";
    site.drive(&other);
    let now = wib(2026, 11, 27, 10, 0);
    let typing = site.store.create_visit(site.op.actor(), now).unwrap();

    let r = site
        .store
        .returning(NIK, typing.id, now, 60)
        .unwrap()
        .unwrap();
    assert_eq!(r.visits, 2);
    assert_eq!(r.last_at, wib(2026, 11, 12, 9, 0));
    assert_eq!(
        r.last.organisation, "PT Telkom Indonesia",
        "the last visit's"
    );
    assert_eq!(r.last.full_name, "Budi Santoso");
    assert_eq!(r.last.phone, "081234567890");
    assert_eq!(r.last.person_visited, "Joko Susilo");
    assert_eq!((r.overstays, r.checklist_not_ok, r.badges_lost), (1, 1, 1));
    assert!(
        site.store
            .returning("3201019999999999", typing.id, now, 60)
            .unwrap()
            .is_none()
    );

    // Names as typed, case ignored: one row per NIK, by name.
    let names = site.store.known_names("bud", typing.id).unwrap();
    let listed: Vec<(&str, &str)> = names
        .iter()
        .map(|k| (k.full_name.as_str(), k.id_number.as_str()))
        .collect();
    assert_eq!(
        listed,
        [("Budi Santoso", NIK), ("Budiman Hakim", "3201014506900002")]
    );
    assert_eq!(names[0].last_at, wib(2026, 11, 12, 9, 0), "the newest");
    assert!(
        site.store
            .known_names("budis", typing.id)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn anonymised_visits_are_never_offered() {
    let mut site = Site::new();
    site.drive(&Plan::new(
        wib(2024, 1, 10, 8, 0),
        "Budi Santoso",
        Until::Archived,
    ));
    let at = wib(2026, 11, 27, 10, 0);
    let n = site
        .store
        .anonymize_before(
            date(2025, 1, 1),
            chrono_tz::Asia::Jakarta,
            by(&site.sup, at),
        )
        .unwrap();
    assert_eq!(n, 1);
    assert!(
        site.store
            .returning(NIK, VisitId(0), at, 60)
            .unwrap()
            .is_none()
    );
    assert!(
        site.store
            .known_names("Bud", VisitId(0))
            .unwrap()
            .is_empty()
    );
    assert!(
        site.store
            .known_names("(an", VisitId(0))
            .unwrap()
            .is_empty()
    );
}

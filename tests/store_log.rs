//! The supervisor's queries on a real database file: the day's log with
//! filters, sorting and paging across WIB day edges, search, counts over a
//! range, day reviews, the end-of-shift list and anonymisation.

#![allow(clippy::unwrap_used)]

mod common;

use chrono_tz::Asia::Jakarta;
use common::{Site, by, date, fixture, fixture_now, wib};
use dc_access::config::Standards;
use dc_access::domain::days::day_bounds;
use dc_access::domain::visit::{Status, VisitId};
use dc_access::store::{LogFilter, LogSort, Page, StoreError, Verification, VisitSummary};

fn ids(rows: &[VisitSummary]) -> Vec<VisitId> {
    rows.iter().map(|s| s.visit.id).collect()
}

const ALL: Page = Page {
    offset: 0,
    limit: 100,
};

fn day_log(site: &Site, day: (i32, u32, u32), filter: LogFilter) -> (Vec<VisitId>, u32) {
    let (from, to) = day_bounds(date(day.0, day.1, day.2), Jakarta);
    let (rows, total) = site
        .store
        .day_log(from, to, filter, LogSort::TimeAsc, ALL, fixture_now(), 60)
        .unwrap();
    (ids(&rows), total)
}

#[test]
fn day_log_keeps_wib_day_edges() {
    let mut site = Site::new();
    let f = fixture(&mut site);
    // 00:30 WIB on the 27th is the 26th in UTC; 23:30 WIB is still the 27th.
    assert_eq!(
        day_log(&site, (2026, 11, 27), LogFilter::All),
        (vec![f.early, f.budi, f.dede], 3)
    );
    // 00:30 WIB on the 28th is the 27th in UTC, yet belongs to the 28th.
    assert_eq!(
        day_log(&site, (2026, 11, 28), LogFilter::All),
        (vec![f.late, f.citra, f.waiting], 3)
    );
    assert_eq!(day_log(&site, (2026, 11, 26), LogFilter::All), (vec![], 0));
    assert_eq!(
        day_log(&site, (2026, 10, 15), LogFilter::All),
        (vec![f.october], 1)
    );
}

#[test]
fn day_log_filters_sorts_and_pages() {
    let mut site = Site::new();
    let f = fixture(&mut site);
    let d28 = (2026, 11, 28);
    let d27 = (2026, 11, 27);
    assert_eq!(
        day_log(&site, d28, LogFilter::Overstay),
        (vec![f.late, f.citra], 2)
    );
    assert_eq!(day_log(&site, d27, LogFilter::Overstay), (vec![], 0));
    assert_eq!(day_log(&site, d27, LogFilter::Rejected), (vec![f.dede], 1));
    assert_eq!(
        day_log(&site, d28, LogFilter::ChecklistNotOk),
        (vec![f.late], 1)
    );
    assert_eq!(day_log(&site, d27, LogFilter::ChecklistNotOk), (vec![], 0));
    assert_eq!(day_log(&site, d28, LogFilter::BadgeLost), (vec![f.late], 1));
    assert_eq!(
        day_log(&site, d28, LogFilter::Status(Status::Inside)),
        (vec![f.citra], 1)
    );
    assert_eq!(
        day_log(&site, d28, LogFilter::Status(Status::AwaitingApproval)),
        (vec![f.waiting], 1)
    );
    assert_eq!(
        day_log(&site, d27, LogFilter::Status(Status::Cancelled)),
        (vec![f.early], 1)
    );
    assert_eq!(
        day_log(&site, d27, LogFilter::Status(Status::Archived)),
        (vec![f.budi], 1)
    );
    // Overstay depends on `now` for a visitor still inside.
    let (from, to) = day_bounds(date(2026, 11, 28), Jakarta);
    let (rows, n) = site
        .store
        .day_log(
            from,
            to,
            LogFilter::Overstay,
            LogSort::TimeAsc,
            ALL,
            wib(2026, 11, 28, 10, 30),
            60,
        )
        .unwrap();
    assert_eq!((ids(&rows), n), (vec![f.late], 1));

    // Newest first, two to a page, with the total on every page.
    let page = |offset, sort| {
        let (rows, total) = site
            .store
            .day_log(
                from,
                to,
                LogFilter::All,
                sort,
                Page { offset, limit: 2 },
                fixture_now(),
                60,
            )
            .unwrap();
        (ids(&rows), total)
    };
    assert_eq!(page(0, LogSort::TimeDesc), (vec![f.waiting, f.citra], 3));
    assert_eq!(page(2, LogSort::TimeDesc), (vec![f.late], 3));
    assert_eq!(page(0, LogSort::TimeAsc), (vec![f.late, f.citra], 3));
    assert_eq!(page(2, LogSort::TimeAsc), (vec![f.waiting], 3));
    assert_eq!(page(4, LogSort::TimeAsc), (vec![], 3));

    // Rows carry the names a list shows.
    let (rows, _) = site
        .store
        .day_log(
            from,
            to,
            LogFilter::Status(Status::Inside),
            LogSort::TimeAsc,
            ALL,
            fixture_now(),
            60,
        )
        .unwrap();
    assert_eq!(rows[0].escort_name.as_deref(), Some("Andi Wijaya"));
    assert_eq!(rows[0].approver_name.as_deref(), Some("Rina Kartika"));
    assert_eq!(rows[0].visit.form.full_name, "Citra Lestari");
}

#[test]
fn search_by_name_id_and_organisation_newest_first() {
    let mut site = Site::new();
    let f = fixture(&mut site);
    let search = |q: &str, page: Page| ids(&site.store.search_visits(q, page).unwrap());
    // Names starting with the query first, then names containing it.
    assert_eq!(search("budi", ALL), vec![f.budi, f.october, f.september]);
    assert_eq!(search("BUDI", ALL), vec![f.budi, f.october, f.september]);
    // Pages run on from the prefix matches into the substring matches.
    let p = |offset| Page { offset, limit: 2 };
    assert_eq!(search("budi", p(0)), vec![f.budi, f.october]);
    assert_eq!(search("budi", p(1)), vec![f.october, f.september]);
    assert_eq!(search("budi", p(2)), vec![f.september]);
    assert_eq!(search("budi", p(3)), vec![]);
    // ID number: whole, prefix, inside.
    assert_eq!(search("3201011505850002", ALL), vec![f.october]);
    assert_eq!(search("b7654", ALL), vec![f.dede]);
    assert_eq!(search("654321", ALL), vec![f.dede]);
    assert_eq!(search("3201", p(0)), vec![f.waiting, f.citra]);
    // Organisation, prefix and inside.
    assert_eq!(
        search("telkom", ALL),
        vec![f.waiting, f.late, f.budi, f.october]
    );
    assert_eq!(
        search("pt tel", ALL),
        vec![f.waiting, f.late, f.budi, f.october]
    );
    assert_eq!(search("\"Bidang\"", ALL), vec![f.dede]);
    // Non-ASCII names.
    assert_eq!(search("Dédé", ALL), vec![f.dede]);
    assert_eq!(search("sétia", ALL), vec![f.dede]);
    // LIKE wildcards are text, not patterns.
    assert_eq!(search("_", ALL), vec![]);
    assert_eq!(search("100%", ALL), vec![]);
    assert_eq!(search("nobody", ALL), vec![]);
    // An empty query lists the newest visits.
    assert_eq!(search("  ", p(0)), vec![f.waiting, f.citra]);
}

#[test]
fn range_stats_of_a_month() {
    let mut site = Site::new();
    let _f = fixture(&mut site);
    let from = day_bounds(date(2026, 11, 1), Jakarta).0;
    let to = day_bounds(date(2026, 12, 1), Jakarta).0;
    let s = site
        .store
        .range_stats(from, to, fixture_now(), &Standards::default())
        .unwrap();
    assert_eq!(s.visitors, 5, "submitted visits; the cancelled one is not");
    assert_eq!(
        s.by_purpose,
        vec![
            ("Pemeliharaan perangkat".to_owned(), 4),
            ("Audit / pemeriksaan".to_owned(), 1)
        ]
    );
    assert_eq!(
        s.by_organisation,
        vec![
            ("PT Telkom".to_owned(), 3),
            ("Dinas Kesehatan, \"Bidang\" TI".to_owned(), 1),
            ("Universitas Sriwijaya".to_owned(), 1),
        ]
    );
    assert_eq!(s.rejected, 1);
    assert_eq!(s.overstays, 2);
    // 45 and 90 minutes: 67.5 rounds down to 67, as every duration does.
    assert_eq!(s.avg_minutes_inside, Some(67));
    // early 1/1, budi 6/6, dede 2/3, late 4/5, citra 3/3, waiting 2/2.
    assert_eq!((s.steps_within, s.steps_timed), (18, 20));

    // A stricter decision standard (3 min) puts budi's 4-minute decision
    // over too; a looser inside standard (100) makes late's 90 within.
    let strict = Standards {
        decide: 3,
        inside: 100,
        ..Standards::default()
    };
    let s2 = site
        .store
        .range_stats(from, to, fixture_now(), &strict)
        .unwrap();
    assert_eq!((s2.steps_within, s2.steps_timed), (18 - 3 + 1, 20));
    assert_eq!(s2.overstays, 0);

    // One day: the 27th.
    let (d27, d28) = day_bounds(date(2026, 11, 27), Jakarta);
    let d = site
        .store
        .range_stats(d27, d28, fixture_now(), &Standards::default())
        .unwrap();
    assert_eq!((d.visitors, d.rejected, d.overstays), (2, 1, 0));
    assert_eq!(d.avg_minutes_inside, Some(45));
    assert_eq!((d.steps_within, d.steps_timed), (1 + 6 + 2, 1 + 6 + 3));

    // An empty range.
    let (d26, d27) = day_bounds(date(2026, 11, 26), Jakarta);
    let e = site
        .store
        .range_stats(d26, d27, fixture_now(), &Standards::default())
        .unwrap();
    assert_eq!(e, dc_access::store::RangeStats::default());
}

#[test]
fn day_review_round_trip_and_event() {
    let mut site = Site::new();
    let _f = fixture(&mut site);
    let d27 = date(2026, 11, 27);
    assert_eq!(site.store.day_review(d27).unwrap(), None);
    let at = wib(2026, 11, 28, 8, 0);
    let err = site
        .store
        .mark_day_reviewed(d27, "x", by(&site.op, at))
        .unwrap_err();
    assert!(matches!(err, StoreError::Transition(_)), "{err:?}");
    let events = site.store.event_count().unwrap();
    site.store
        .mark_day_reviewed(d27, "Tidak ada anomali", by(&site.sup, at))
        .unwrap();
    let r = site.store.day_review(d27).unwrap().unwrap();
    assert_eq!(r.day, d27);
    assert_eq!(r.by, site.sup.id);
    assert_eq!(r.by_name, "Rina Kartika");
    assert_eq!(r.at, at);
    assert_eq!(r.note, "Tidak ada anomali");
    assert_eq!(site.store.event_count().unwrap(), events + 1);
    let ev = &site.store.recent_events(1).unwrap()[0];
    assert_eq!(ev.action.as_str(), "day_reviewed");
    assert_eq!(ev.actor, Some(site.sup.id));
    let details: serde_json::Value = serde_json::from_str(&ev.details).unwrap();
    assert_eq!(details["day"], "2026-11-27");
    assert_eq!(details["note"], "Tidak ada anomali");
    // Marked again by the other supervisor: replaced, and a second event.
    let later = at + common::mins(30);
    site.store
        .mark_day_reviewed(d27, "Badge V-03 hilang\u{7}", by(&site.sup2, later))
        .unwrap();
    let r = site.store.day_review(d27).unwrap().unwrap();
    assert_eq!(
        (r.by_name.as_str(), r.note.as_str(), r.at),
        ("Siti Rahmawati", "Badge V-03 hilang", later)
    );
    assert_eq!(site.store.event_count().unwrap(), events + 2);
    assert_eq!(site.store.day_review(date(2026, 11, 28)).unwrap(), None);
    assert_eq!(
        site.store.verify_chain().unwrap(),
        Verification::Intact { events: events + 2 }
    );
}

#[test]
fn unreviewed_days_are_local_days_newest_first() {
    let mut site = Site::new();
    let _f = fixture(&mut site);
    let today = date(2026, 11, 29);
    let all = site.store.unreviewed_days(today, Jakarta, 10).unwrap();
    // Not the 26th: the 00:30 WIB visit of the 27th is the 26th only in UTC.
    assert_eq!(
        all,
        vec![
            date(2026, 11, 28),
            date(2026, 11, 27),
            date(2026, 10, 15),
            date(2026, 9, 1)
        ]
    );
    let at = wib(2026, 11, 28, 8, 0);
    site.store
        .mark_day_reviewed(date(2026, 11, 27), "", by(&site.sup, at))
        .unwrap();
    site.store
        .mark_day_reviewed(date(2026, 10, 15), "", by(&site.sup, at))
        .unwrap();
    assert_eq!(
        site.store.unreviewed_days(today, Jakarta, 10).unwrap(),
        vec![date(2026, 11, 28), date(2026, 9, 1)]
    );
    assert_eq!(
        site.store.unreviewed_days(today, Jakarta, 1).unwrap(),
        vec![date(2026, 11, 28)]
    );
    // Today itself is never listed.
    assert_eq!(
        site.store
            .unreviewed_days(date(2026, 11, 28), Jakarta, 10)
            .unwrap(),
        vec![date(2026, 9, 1)]
    );
    assert_eq!(
        site.store.unreviewed_days(today, Jakarta, 0).unwrap(),
        vec![]
    );
}

#[test]
fn end_of_shift_lists_what_is_unaccounted_for() {
    let mut site = Site::new();
    let f = fixture(&mut site);
    let e = site.store.end_of_shift().unwrap();
    assert_eq!(ids(&e.inside), vec![f.citra]);
    assert_eq!(e.inside[0].visit.badge.as_deref(), Some("V-02"));
    assert_eq!(e.inside[0].escort_name.as_deref(), Some("Andi Wijaya"));
    assert_eq!(ids(&e.ids_held), vec![f.citra, f.waiting]);
    assert_eq!(
        e.badges_out,
        vec![(
            dc_access::domain::badge::BadgeNo::try_from("V-02").unwrap(),
            f.citra
        )]
    );
    assert_eq!(e.badges_lost, vec!["V-03"]);
}

#[test]
fn anonymize_keeps_counts_and_purposes() {
    let mut site = Site::new();
    let f = fixture(&mut site);
    let at = wib(2026, 11, 29, 9, 0);
    let n = site
        .store
        .anonymize_before(date(2026, 11, 1), Jakarta, by(&site.sup, at))
        .unwrap();
    assert_eq!(n, 2);
    for id in [f.october, f.september] {
        let v = site.store.visit(id).unwrap();
        assert_eq!(v.form.full_name, "(anonim)");
        assert_eq!(v.form.person_visited, "(anonim)");
        assert_eq!(v.form.id_number, "");
        assert_eq!(v.form.phone, "");
        assert_eq!(v.form.equipment, "");
        assert_eq!(v.activity, "");
        assert_eq!(v.status, Status::Archived);
        assert!(!v.form.purpose.is_empty());
    }
    let sep = site.store.visit(f.september).unwrap();
    assert_eq!(sep.form.organisation, "CV Maju");
    assert_eq!(sep.form.purpose, "Audit / pemeriksaan");
    // Newer visits untouched.
    let budi = site.store.visit(f.budi).unwrap();
    assert_eq!(budi.form.full_name, "Budi Santoso");
    assert_eq!(budi.form.id_number, "3201011505850001");
    // Search no longer finds the names; counts stay.
    let found = ids(&site.store.search_visits("Hartono", ALL).unwrap());
    assert_eq!(found, vec![]);
    let a = day_bounds(date(2026, 10, 1), Jakarta).0;
    let oct_end = day_bounds(date(2026, 11, 1), Jakarta).0;
    let s = site
        .store
        .range_stats(a, oct_end, fixture_now(), &Standards::default())
        .unwrap();
    assert_eq!(s.visitors, 1);
    assert_eq!(s.by_purpose, vec![("Pemeliharaan perangkat".to_owned(), 1)]);
    // One event with the number; a second run finds nothing more.
    let ev = &site.store.recent_events(1).unwrap()[0];
    assert_eq!(ev.action.as_str(), "visits_anonymized");
    let details: serde_json::Value = serde_json::from_str(&ev.details).unwrap();
    assert_eq!(details["visits"], 2);
    assert_eq!(
        site.store
            .anonymize_before(date(2026, 11, 1), Jakarta, by(&site.sup, at))
            .unwrap(),
        0
    );
    // Visits inside or checked out are never touched, however old the
    // cutoff; one still awaiting approval is cancelled, then anonymised.
    let n = site
        .store
        .anonymize_before(date(2027, 1, 1), Jakarta, by(&site.sup, at))
        .unwrap();
    assert_eq!(
        n, 4,
        "early, budi and dede are closed, waiting is cancelled; late is not archived yet"
    );
    let waiting = site.store.visit(f.waiting).unwrap();
    assert_eq!(waiting.status, Status::Cancelled);
    assert_eq!(waiting.form.full_name, "(anonim)");
    assert_eq!(
        site.store.visit(f.late).unwrap().form.full_name,
        "Fajar Nugroho"
    );
    assert_eq!(
        site.store.visit(f.citra).unwrap().form.full_name,
        "Citra Lestari"
    );
    assert!(matches!(
        site.store.verify_chain().unwrap(),
        Verification::Intact { .. }
    ));
}

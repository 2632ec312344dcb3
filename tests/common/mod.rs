//! A database with visits spread over days, months and the edges of the
//! WIB day, made through the `Store` API only. Shared by `store_log.rs`
//! and `cli_report.rs`.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate, TimeZone};
use chrono_tz::Asia::Jakarta;
use dc_access::domain::fields::{Nip, PersonName, Pin};
use dc_access::domain::visit::{
    ChecklistAnswer, Command, FormDraft, FormRules, Role, Status, Time, VisitForm, VisitId,
};
use dc_access::store::{NewUser, Stamp, Store, User};

/// A wall-clock time in Jakarta (WIB, UTC+7), as UTC.
pub fn wib(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Time {
    Jakarta
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .unwrap()
        .to_utc()
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn mins(m: i64) -> Duration {
    Duration::minutes(m)
}

pub const PURPOSES: [&str; 2] = ["Pemeliharaan perangkat", "Audit / pemeriksaan"];

fn new_user(name: &str, nip: &str, role: Role, pin: &str) -> NewUser {
    NewUser {
        name: PersonName::try_from(name).unwrap(),
        nip: Nip::try_from(nip).unwrap(),
        role,
        pin: Pin::try_from(pin).unwrap(),
    }
}

pub fn by(user: &User, at: Time) -> Stamp {
    Stamp {
        actor: Some(user.actor()),
        at,
    }
}

/// How far a planned visit goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// Form completed, then cancelled at review.
    Cancelled,
    Awaiting,
    /// Rejected and the ID handed back.
    Rejected,
    Inside,
    CheckedOut,
    Archived,
}

/// One visit to drive through the store.
#[derive(Debug, Clone)]
pub struct Plan {
    pub start: Time,
    pub name: &'static str,
    pub id_type: &'static str,
    pub id_number: &'static str,
    pub organisation: &'static str,
    pub purpose: &'static str,
    pub until: Until,
    /// Minutes the supervisor took to decide.
    pub decide_min: i64,
    /// Minutes inside.
    pub inside_min: i64,
    pub badge: &'static str,
    /// The badge handed back (a different one: recorded lost).
    pub badge_back: &'static str,
    /// A checklist item not OK.
    pub not_ok: bool,
}

impl Plan {
    pub fn new(start: Time, name: &'static str, until: Until) -> Plan {
        Plan {
            start,
            name,
            id_type: "KTP",
            id_number: "3201011505850001",
            organisation: "PT Telkom",
            purpose: PURPOSES[0],
            until,
            decide_min: 4,
            inside_min: 45,
            badge: "V-01",
            badge_back: "V-01",
            not_ok: false,
        }
    }
}

/// The store and its accounts.
pub struct Site {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    pub key: PathBuf,
    pub store: Store,
    pub sup: User,
    pub sup2: User,
    pub op: User,
}

impl Site {
    pub fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("data").join("dc-access.db");
        let key = dir.path().join("data").join("dc-access.key");
        let mut store = Store::open(&db, &key).unwrap();
        let at = wib(2026, 1, 2, 8, 0);
        let sup = store
            .create_user(
                &new_user(
                    "Rina Kartika",
                    "198501152010011001",
                    Role::Supervisor,
                    "482916",
                ),
                Stamp { actor: None, at },
            )
            .unwrap();
        let sup2 = store
            .create_user(
                &new_user(
                    "Siti Rahmawati",
                    "199003202015032002",
                    Role::Supervisor,
                    "739251",
                ),
                by(&sup, at),
            )
            .unwrap();
        let op = store
            .create_user(
                &new_user(
                    "Andi Wijaya",
                    "198712012012121003",
                    Role::Operator,
                    "582047",
                ),
                by(&sup, at),
            )
            .unwrap();
        Site {
            dir,
            db,
            key,
            store,
            sup,
            sup2,
            op,
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Drive one visit as planned: form 3 min, submit 2 min, decision
    /// `decide_min`, badge 1 min later, inside `inside_min`, archive 2 min.
    pub fn drive(&mut self, p: &Plan) -> VisitId {
        let op = self.op.actor();
        let sup = self.sup.actor();
        let s = &mut self.store;
        let v = s.create_visit(op, p.start).unwrap();
        let id = v.id;
        let mut at = p.start + mins(3);
        s.apply(
            id,
            &Command::CompleteForm(
                form(p),
                dc_access::domain::visit::NoticeAgreed {
                    retention_days: 730,
                },
            ),
            op,
            at,
        )
        .unwrap();
        if p.until == Until::Cancelled {
            at += mins(1);
            let cancel = Command::Cancel {
                reason: "Batal".into(),
            };
            s.apply(id, &cancel, op, at).unwrap();
            return id;
        }
        at += mins(2);
        s.apply(id, &Command::Submit, op, at).unwrap();
        if p.until == Until::Awaiting {
            return id;
        }
        at += mins(p.decide_min);
        if p.until == Until::Rejected {
            let reject = Command::Reject {
                reason: "Tidak terjadwal".into(),
            };
            s.apply(id, &reject, sup, at).unwrap();
            s.apply(id, &Command::ReturnId, op, at + mins(1)).unwrap();
            return id;
        }
        s.apply(id, &Command::Approve, sup, at).unwrap();
        at += mins(1);
        let issue = Command::IssueBadge {
            badge: dc_access::domain::badge::BadgeNo::try_from(p.badge).unwrap(),
            escort: self.op.id,
        };
        s.apply(id, &issue, op, at).unwrap();
        if p.until == Until::Inside {
            return id;
        }
        at += mins(p.inside_min);
        let mut checklist = vec![ChecklistAnswer {
            item: "Rak tertutup".into(),
            ok: true,
            note: String::new(),
            ..ChecklistAnswer::default()
        }];
        if p.not_ok {
            checklist.push(ChecklistAnswer {
                item: "Kabel tidak berubah".into(),
                ok: false,
                note: "Kabel patch dipindah".into(),
                ..ChecklistAnswer::default()
            });
        }
        let out = Command::CheckOut {
            badge_returned: dc_access::domain::badge::BadgeNo::try_from(p.badge_back).ok(),
            id_returned: true,
            checklist,
            activity: "Ganti baterai UPS".into(),
        };
        s.apply(id, &out, op, at).unwrap();
        if p.until == Until::CheckedOut {
            return id;
        }
        s.apply(id, &Command::Archive, op, at + mins(2)).unwrap();
        let v = s.visit(id).unwrap();
        assert_eq!(v.status, Status::Archived);
        id
    }
}

/// The validated form a plan describes.
pub fn form(p: &Plan) -> VisitForm {
    let d = FormDraft {
        full_name: p.name.into(),
        id_type: p.id_type.into(),
        id_number: p.id_number.into(),
        organisation: p.organisation.into(),
        phone: "081234567890".into(),
        purpose: p.purpose.into(),
        purpose_detail: "Ganti baterai UPS".into(),
        equipment: "Laptop".into(),
        planned_minutes: "60".into(),
        person_visited: "Joko Susilo".into(),
        id_held: true,
        ..FormDraft::default()
    };
    let ids = vec!["KTP".to_owned(), "Paspor".to_owned()];
    let purposes: Vec<String> = PURPOSES.iter().map(|s| (*s).to_owned()).collect();
    d.validate(&FormRules::new(&ids, &purposes)).unwrap()
}

/// The visits of the standard fixture, by name.
pub struct Fixture {
    /// 27 Nov 2026 00:30 WIB (26 Nov 17:30 UTC): cancelled at review.
    pub early: VisitId,
    /// 27 Nov 08:00 WIB: archived, every step within its standard.
    pub budi: VisitId,
    /// 27 Nov 23:30 WIB (16:30 UTC): rejected after 10 minutes, ID returned.
    pub dede: VisitId,
    /// 28 Nov 00:30 WIB (27 Nov 17:30 UTC): 90 min inside, checklist not
    /// OK, badge V-03 lost; checked out.
    pub late: VisitId,
    /// 28 Nov 10:00 WIB: inside with badge V-02 (overstays at 11:30).
    pub citra: VisitId,
    /// 28 Nov 11:00 WIB: awaiting approval.
    pub waiting: VisitId,
    /// 15 Oct 2026 09:00 WIB: archived.
    pub october: VisitId,
    /// 1 Sep 2026 09:00 WIB: archived; "Budi" inside the name.
    pub september: VisitId,
}

/// "Now" for the fixture: 28 Nov 2026 11:30 WIB.
pub fn fixture_now() -> Time {
    wib(2026, 11, 28, 11, 30)
}

pub fn fixture(site: &mut Site) -> Fixture {
    let september = site.drive(&Plan {
        organisation: "CV Maju",
        purpose: PURPOSES[1],
        ..Plan::new(wib(2026, 9, 1, 9, 0), "Ahmad Budiman", Until::Archived)
    });
    let october = site.drive(&Plan {
        id_number: "3201011505850002",
        ..Plan::new(wib(2026, 10, 15, 9, 0), "Budi Hartono", Until::Archived)
    });
    let early = site.drive(&Plan {
        organisation: "Bank Sumsel Babel",
        ..Plan::new(wib(2026, 11, 27, 0, 30), "Eka Putra", Until::Cancelled)
    });
    let budi = site.drive(&Plan::new(
        wib(2026, 11, 27, 8, 0),
        "Budi Santoso",
        Until::Archived,
    ));
    let dede = site.drive(&Plan {
        id_type: "Paspor",
        id_number: "B7654321",
        organisation: "Dinas Kesehatan, \"Bidang\" TI",
        purpose: PURPOSES[1],
        decide_min: 10,
        ..Plan::new(wib(2026, 11, 27, 23, 30), "Dédé Sétiawan", Until::Rejected)
    });
    let late = site.drive(&Plan {
        inside_min: 90,
        badge: "V-03",
        badge_back: "V-09",
        not_ok: true,
        ..Plan::new(wib(2026, 11, 28, 0, 30), "Fajar Nugroho", Until::CheckedOut)
    });
    let citra = site.drive(&Plan {
        organisation: "Universitas Sriwijaya",
        badge: "V-02",
        ..Plan::new(wib(2026, 11, 28, 10, 0), "Citra Lestari", Until::Inside)
    });
    let waiting = site.drive(&Plan {
        organisation: "PT Telkom",
        ..Plan::new(wib(2026, 11, 28, 11, 0), "Gita Maharani", Until::Awaiting)
    });
    Fixture {
        early,
        budi,
        dede,
        late,
        citra,
        waiting,
        october,
        september,
    }
}

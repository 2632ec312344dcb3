//! `Store` against a real database file in a temporary folder: opening and
//! migrating, accounts and PIN throttling, visits through the SOP, the audit
//! chain and its tamper detection, two connections, backup.

// Helpers outside `#[test]` functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use chrono::{Duration, TimeZone, Utc};
use dc_access::domain::fields::{Nip, PersonName, Pin};
use dc_access::domain::visit::{
    Actor, ChecklistAnswer, Command, FormDraft, FormRules, Role, Status, Time, TransitionError,
    UserId, Visit, VisitForm, VisitId,
};
use dc_access::store::{
    ATTEMPT_REFUSED, ChainHead, NewUser, PinCheck, Stamp, Store, StoreError, Throttle, User,
    Verification,
};
use rusqlite::Connection;
use tempfile::TempDir;

// ------------------------------------------------------------------ helpers

const SUP_PIN: &str = "482916";
const SUP2_PIN: &str = "739251";
const OP_PIN: &str = "582047";

/// 27 November 2026, 09:00 in Jakarta, plus `min` minutes.
fn t(min: i64) -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap() + Duration::minutes(min)
}

fn secs(base: Time, s: i64) -> Time {
    base + Duration::seconds(s)
}

fn paths(dir: &TempDir) -> (PathBuf, PathBuf) {
    let data = dir.path().join("data").join("nested");
    (data.join("dc-access.sqlite"), data.join("dc-access.key"))
}

fn new_user(name: &str, nip: &str, role: Role, pin: &str) -> NewUser {
    NewUser {
        name: PersonName::try_from(name).unwrap(),
        nip: Nip::try_from(nip).unwrap(),
        role,
        pin: Pin::try_from(pin).unwrap(),
    }
}

fn by(user: &User, at: Time) -> Stamp {
    Stamp {
        actor: Some(user.actor()),
        at,
    }
}

/// A store with a supervisor, a second supervisor and an operator.
struct Env {
    dir: TempDir,
    db: PathBuf,
    key: PathBuf,
    store: Store,
    sup: User,
    sup2: User,
    op: User,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let (db, key) = paths(&dir);
        let mut store = Store::open(&db, &key).unwrap();
        let sup = store
            .create_user(
                &new_user(
                    "Budi Santoso",
                    "198501152010011001",
                    Role::Supervisor,
                    SUP_PIN,
                ),
                Stamp {
                    actor: None,
                    at: t(-600),
                },
            )
            .unwrap();
        let sup2 = store
            .create_user(
                &new_user(
                    "Siti Rahmawati",
                    "199003202015032002",
                    Role::Supervisor,
                    SUP2_PIN,
                ),
                by(&sup, t(-599)),
            )
            .unwrap();
        let op = store
            .create_user(
                &new_user("Andi Wijaya", "198712012012121003", Role::Operator, OP_PIN),
                by(&sup, t(-598)),
            )
            .unwrap();
        Env {
            dir,
            db,
            key,
            store,
            sup,
            sup2,
            op,
        }
    }

    /// Close the store and open it again, as after a restart.
    fn reopened(self) -> Env {
        let Env {
            dir,
            db,
            key,
            store,
            sup,
            sup2,
            op,
        } = self;
        drop(store);
        let store = Store::open(&db, &key).unwrap();
        Env {
            dir,
            db,
            key,
            store,
            sup,
            sup2,
            op,
        }
    }

    fn raw(&self) -> Connection {
        Connection::open(&self.db).unwrap()
    }
}

fn lists() -> (Vec<String>, Vec<String>) {
    (
        vec!["KTP".into(), "SIM".into(), "Paspor".into()],
        vec!["Pemeliharaan".into(), "Audit".into()],
    )
}

fn draft(name: &str, purpose: &str) -> FormDraft {
    FormDraft {
        full_name: name.into(),
        id_type: "KTP".into(),
        id_number: "3201011505850001".into(),
        organisation: "PT Telkom Indonesia".into(),
        phone: "081234567890".into(),
        purpose: purpose.into(),
        purpose_detail: "Ganti baterai UPS".into(),
        equipment: "Laptop, multimeter".into(),
        planned_minutes: "60".into(),
        person_visited: "Andi Wijaya".into(),
        id_held: true,
        ..FormDraft::default()
    }
}

fn validated(d: &FormDraft) -> VisitForm {
    let (ids, purposes) = lists();
    d.validate(&FormRules::new(&ids, &purposes)).unwrap()
}

fn checklist_ok() -> Vec<ChecklistAnswer> {
    vec![
        ChecklistAnswer {
            item: "Rak tertutup".into(),
            ok: true,
            note: String::new(),
            ..ChecklistAnswer::default()
        },
        ChecklistAnswer {
            item: "Tidak ada perangkat tertinggal".into(),
            ok: true,
            note: String::new(),
            ..ChecklistAnswer::default()
        },
    ]
}

fn checkout(badge: &str) -> Command {
    Command::CheckOut {
        badge_returned: dc_access::domain::badge::BadgeNo::try_from(badge).ok(),
        id_returned: true,
        checklist: checklist_ok(),
        activity: "Baterai UPS diganti".into(),
    }
}

fn issue(badge: &str, escort: &User) -> Command {
    Command::IssueBadge {
        badge: dc_access::domain::badge::BadgeNo::try_from(badge).unwrap(),
        escort: escort.id,
    }
}

/// A new visit started at `start` (minutes), driven to `Approved`.
fn approved_visit(env: &mut Env, start: i64, name: &str, purpose: &str) -> Visit {
    let (op, sup) = (env.op.actor(), env.sup.actor());
    let s = &mut env.store;
    let v = s.create_visit(op, t(start)).unwrap();
    let d = draft(name, purpose);
    s.save_draft(v.id, &d).unwrap();
    s.apply(
        v.id,
        &Command::CompleteForm(
            validated(&d),
            dc_access::domain::visit::NoticeAgreed {
                retention_days: 730,
            },
        ),
        op,
        t(start + 2),
    )
    .unwrap();
    s.apply(v.id, &Command::Submit, op, t(start + 3)).unwrap();
    let v = s.apply(v.id, &Command::Approve, sup, t(start + 4)).unwrap();
    assert_eq!(v.status, Status::Approved);
    v
}

fn user_version(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

fn actions(store: &Store, id: VisitId) -> Vec<String> {
    store
        .visit_events(id)
        .unwrap()
        .into_iter()
        .map(|e| e.action.to_string())
        .collect()
}

// ----------------------------------------------------------------- opening

#[test]
fn open_creates_folder_database_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = paths(&dir);
    assert!(!db.parent().unwrap().exists());
    let store = Store::open(&db, &key).unwrap();
    assert!(db.is_file());
    assert!(key.is_file());
    assert_eq!(store.path(), db.as_path());
    let text = std::fs::read_to_string(&key).unwrap();
    assert_eq!(text.trim().len(), 64, "32 bytes of hex");
    assert!(hex::decode(text.trim()).is_ok());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "key file mode {mode:o}");
    }
    assert_eq!(store.event_count().unwrap(), 0);
    assert_eq!(store.user_count().unwrap(), 0);
    assert_eq!(
        store.verify_chain().unwrap(),
        Verification::Intact { events: 0 }
    );
    assert_eq!(
        store.chain_head().unwrap(),
        ChainHead {
            events: 0,
            last_hmac: String::new()
        }
    );
}

#[test]
fn migration_sets_user_version_and_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (db, key) = paths(&dir);
    drop(Store::open(&db, &key).unwrap());
    let version = user_version(&db);
    assert!(version >= 1, "migrated from empty: {version}");

    // A database written by a newer program.
    let newer = dir.path().join("newer.sqlite");
    let newer_key = dir.path().join("newer.key");
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", version + 1)
        .unwrap();
    match Store::open(&newer, &newer_key) {
        Err(StoreError::TooNew { path, found, known }) => {
            assert_eq!(path, newer);
            assert_eq!(found, version + 1);
            assert_eq!(known, version, "the fresh database has the known version");
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    assert_eq!(user_version(&newer), version + 1, "left untouched");
    assert!(!newer_key.exists(), "no key made for a refused database");
    let message = Store::open(&newer, &newer_key).unwrap_err().to_string();
    assert!(message.contains("newer"), "{message}");
}

#[test]
fn reopening_keeps_data_and_migrates_nothing_twice() {
    let mut env = Env::new();
    let v = approved_visit(&mut env, 0, "Zoë Ñuñez", "Audit");
    let events = env.store.event_count().unwrap();
    let key_before = std::fs::read_to_string(&env.key).unwrap();
    env = env.reopened();
    assert_eq!(std::fs::read_to_string(&env.key).unwrap(), key_before);
    assert_eq!(env.store.user_count().unwrap(), 3);
    assert_eq!(env.store.event_count().unwrap(), events);
    assert_eq!(env.store.visit(v.id).unwrap(), v);
    assert_eq!(
        env.store.verify_chain().unwrap(),
        Verification::Intact { events }
    );
    // The PIN pepper came back with the key: the old PIN still verifies.
    let ok = env
        .store
        .check_pin(env.sup.id, SUP_PIN, "sign_in", Throttle::default(), t(30))
        .unwrap();
    assert!(matches!(ok, PinCheck::Ok(u) if u.id == env.sup.id));
}

/// Whether files can be created in `dir` (root can write anywhere).
fn writable(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let ok = std::fs::File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

#[cfg(unix)]
#[test]
fn read_only_folder_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o500)).unwrap();
    let in_ro = Store::open(&ro.join("dc.sqlite"), &ro.join("dc.key"));
    let below_ro = Store::open(&ro.join("sub").join("dc.sqlite"), &ro.join("dc.key"));
    let enforced = !writable(&ro);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o700)).unwrap();
    if enforced {
        match in_ro {
            Err(StoreError::Open { path, .. }) => assert_eq!(path, ro.join("dc.sqlite")),
            other => panic!("expected Open, got {other:?}"),
        }
        match below_ro {
            Err(StoreError::CreateDir { path, .. }) => assert_eq!(path, ro.join("sub")),
            other => panic!("expected CreateDir, got {other:?}"),
        }
    } else {
        eprintln!("running as root: the read-only folder is writable; skipping its asserts");
    }

    // These fail for root too.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    match Store::open(&file.join("dc.sqlite"), &dir.path().join("x.key")) {
        Err(e @ StoreError::CreateDir { .. }) => {
            assert!(e.to_string().contains("cannot create the folder"), "{e}");
        }
        other => panic!("expected CreateDir, got {other:?}"),
    }
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    match Store::open(&folder, &dir.path().join("y.key")) {
        Err(e @ StoreError::Open { .. }) => {
            assert!(e.to_string().contains("cannot open the database"), "{e}");
        }
        other => panic!("expected Open, got {other:?}"),
    }
}

#[test]
fn missing_or_bad_key_for_a_database_with_accounts_is_refused() {
    let mut env = Env::new();
    let events = env.store.event_count().unwrap();
    env = env.reopened();
    let db = env.db.clone();
    let key = env.key.clone();
    drop(env.store);
    std::fs::rename(&key, key.with_extension("moved")).unwrap();
    match Store::open(&db, &key) {
        Err(StoreError::Key { path, message }) => {
            assert_eq!(path, key);
            assert!(message.contains("missing"), "{message}");
        }
        other => panic!("expected Key, got {other:?}"),
    }
    assert!(!key.exists(), "no new key was made");

    std::fs::write(&key, "zz-not-hex\n").unwrap();
    assert!(matches!(
        Store::open(&db, &key),
        Err(StoreError::Key { .. })
    ));
    std::fs::write(&key, "abcd\n").unwrap();
    assert!(matches!(
        Store::open(&db, &key),
        Err(StoreError::Key { .. })
    ));

    // Another database's key is refused before anything is written with it.
    std::fs::remove_file(&key).unwrap();
    let other = tempfile::tempdir().unwrap();
    let (_, other_key) = paths(&other);
    {
        let mut o = Store::open(&other.path().join("o.sqlite"), &other_key).unwrap();
        o.record_event(
            None,
            0,
            dc_access::domain::audit::AuditAction::SignedOut,
            Stamp {
                actor: None,
                at: t(0),
            },
            &serde_json::json!({}),
        )
        .unwrap();
    }
    assert!(matches!(
        Store::open(&db, &other_key),
        Err(StoreError::Key { .. })
    ));

    // The right key back: everything verifies, nothing was added.
    std::fs::rename(key.with_extension("moved"), &key).unwrap();
    let store = Store::open(&db, &key).unwrap();
    assert_eq!(store.event_count().unwrap(), events);
    assert_eq!(
        store.verify_chain().unwrap(),
        Verification::Intact { events }
    );
    drop(env.dir);
}

// ----------------------------------------------------------------- accounts

#[test]
fn accounts_round_trip_order_and_lookup() {
    let mut env = Env::new();
    let s = &mut env.store;
    assert_eq!(env.sup.name, "Budi Santoso");
    assert_eq!(env.sup.nip, "198501152010011001");
    assert_eq!(env.sup.role, Role::Supervisor);
    assert!(env.sup.active);
    assert!(!env.sup.locked);
    assert_eq!(env.sup.failed_pins, 0);
    assert_eq!(env.sup.created_at, t(-600));
    assert_eq!(s.user(env.op.id).unwrap(), env.op);
    // No PIN (or its hash) anywhere in what an account shows.
    let shown = format!("{:?}", s.users().unwrap());
    assert!(!shown.contains("argon2"), "{shown}");
    assert!(!shown.contains(OP_PIN), "{shown}");

    // Another operator whose name sorts before the others, in lower case.
    let extra = s
        .create_user(
            &new_user(
                "citra Lestari",
                "199201012018012001",
                Role::Operator,
                "615283",
            ),
            by(&env.sup, t(-500)),
        )
        .unwrap();
    let names: Vec<String> = s.users().unwrap().into_iter().map(|u| u.name).collect();
    assert_eq!(
        names,
        [
            "Budi Santoso",
            "Siti Rahmawati",
            "Andi Wijaya",
            "citra Lestari"
        ],
        "supervisors first, then by name ignoring case"
    );

    let before = s.event_count().unwrap();
    let dup = s.create_user(
        &new_user("Orang Lain", "198501152010011001", Role::Operator, "615283"),
        by(&env.sup, t(-400)),
    );
    assert!(
        matches!(&dup, Err(StoreError::DuplicateNip(n)) if n == "198501152010011001"),
        "{dup:?}"
    );
    assert_eq!(s.event_count().unwrap(), before, "nothing recorded");
    assert_eq!(s.user_count().unwrap(), 4);

    assert_eq!(s.find_user("198712012012121003").unwrap().id, env.op.id);
    assert_eq!(s.find_user("  198712012012121003 ").unwrap().id, env.op.id);
    assert_eq!(s.find_user("ANDI WIJAYA").unwrap().id, env.op.id);
    assert_eq!(s.find_user("Citra Lestari").unwrap().id, extra.id);
    assert!(matches!(s.find_user("Nobody"), Err(StoreError::NoUser(_))));
    assert!(matches!(s.user(UserId(999)), Err(StoreError::NoUser(_))));
}

#[test]
fn account_changes_each_append_an_event() {
    let mut env = Env::new();
    let (sup, op) = (env.sup.clone(), env.op.clone());
    let s = &mut env.store;
    let thr = Throttle::default();
    let mut expect = s.event_count().unwrap();
    assert_eq!(expect, 3, "one user_created per account");

    let u = s.disable_user(op.id, by(&sup, t(1))).unwrap();
    assert!(!u.active);
    expect += 1;
    assert_eq!(s.event_count().unwrap(), expect);
    assert_eq!(
        s.check_pin(op.id, OP_PIN, "sign_in", thr, t(2)).unwrap(),
        PinCheck::Disabled
    );
    expect += 1;

    let u = s.enable_user(op.id, by(&sup, t(3))).unwrap();
    assert!(u.active);
    expect += 1;
    assert_eq!(s.event_count().unwrap(), expect);

    let u = s.unlock_user(op.id, by(&sup, t(4))).unwrap();
    assert!(!u.locked);
    expect += 1;
    assert_eq!(s.event_count().unwrap(), expect);

    let new_pin = Pin::try_from("904718").unwrap();
    s.reset_pin(op.id, &new_pin, by(&sup, t(5))).unwrap();
    expect += 1;
    assert_eq!(s.event_count().unwrap(), expect);
    assert!(matches!(
        s.check_pin(op.id, OP_PIN, "sign_in", thr, t(6)).unwrap(),
        PinCheck::Wrong { failures: 1, .. }
    ));
    assert!(matches!(
        s.check_pin(op.id, "904718", "sign_in", thr, t(7)).unwrap(),
        PinCheck::Ok(_)
    ));
    expect += 2;
    assert_eq!(s.event_count().unwrap(), expect);

    let recent: Vec<(String, Option<i64>)> = s
        .recent_events(7)
        .unwrap()
        .into_iter()
        .rev()
        .map(|e| (e.action.to_string(), e.actor.map(|a| a.0)))
        .collect();
    assert_eq!(
        recent,
        [
            ("user_disabled".to_owned(), Some(sup.id.0)),
            ("pin_refused_disabled".to_owned(), None),
            ("user_enabled".to_owned(), Some(sup.id.0)),
            ("user_unlocked".to_owned(), Some(sup.id.0)),
            ("pin_reset".to_owned(), Some(sup.id.0)),
            ("pin_failed".to_owned(), None),
            ("pin_ok".to_owned(), None),
        ]
    );
    for missing in [
        s.disable_user(UserId(999), by(&sup, t(8))),
        s.unlock_user(UserId(999), by(&sup, t(8))),
    ] {
        assert!(matches!(missing, Err(StoreError::NoUser(_))));
    }
    assert_eq!(s.event_count().unwrap(), expect);
    assert_eq!(
        s.verify_chain().unwrap(),
        Verification::Intact { events: expect }
    );
}

// --------------------------------------------------------------------- PINs

#[test]
fn pin_throttle_lock_survives_restart() {
    let mut env = Env::new();
    let op = env.op.clone();
    let thr = Throttle::default();
    let mut attempts = 0u64;
    let base = env.store.event_count().unwrap();
    let mut check = |store: &mut Store, pin: &str, at: Time| {
        attempts += 1;
        store.check_pin(op.id, pin, "sign_in", thr, at).unwrap()
    };

    let t0 = t(0);
    match check(&mut env.store, OP_PIN, t0) {
        PinCheck::Ok(u) => {
            assert_eq!(u.id, op.id);
            assert_eq!(u.name, "Andi Wijaya");
            assert_eq!(u.role, Role::Operator);
            assert_eq!(u.nip, op.nip);
        }
        other => panic!("expected Ok, got {other:?}"),
    }
    assert_eq!(
        check(&mut env.store, "000001", secs(t0, 1)),
        PinCheck::Wrong {
            failures: 1,
            wait_secs: 0
        }
    );
    assert_eq!(
        check(&mut env.store, "000002", secs(t0, 2)),
        PinCheck::Wrong {
            failures: 2,
            wait_secs: 0
        }
    );
    assert_eq!(
        check(&mut env.store, "000003", secs(t0, 3)),
        PinCheck::Wrong {
            failures: 3,
            wait_secs: 5
        }
    );
    // Too soon: refused without being checked or counted, even the right PIN.
    assert_eq!(
        check(&mut env.store, OP_PIN, secs(t0, 4)),
        PinCheck::TooSoon { wait_secs: 4 }
    );
    assert_eq!(env.store.user(op.id).unwrap().failed_pins, 3);
    // Waited long enough: the right PIN works and clears the count.
    assert!(matches!(
        check(&mut env.store, OP_PIN, secs(t0, 8)),
        PinCheck::Ok(_)
    ));
    assert_eq!(env.store.user(op.id).unwrap().failed_pins, 0);

    // Ten wrong in a row, each after the wait: locked at the tenth.
    let mut now = t(10);
    for n in 1..=10u32 {
        let got = check(&mut env.store, "000009", now);
        if n < 10 {
            assert_eq!(
                got,
                PinCheck::Wrong {
                    failures: n,
                    wait_secs: thr.delay_secs(n)
                },
                "attempt {n}"
            );
            // One second before the wait ends is still too soon.
            let wait = thr.delay_secs(n);
            if wait > 1 {
                assert_eq!(
                    check(&mut env.store, OP_PIN, secs(now, wait - 1)),
                    PinCheck::TooSoon { wait_secs: 1 }
                );
            }
            now = secs(now, wait);
        } else {
            assert_eq!(got, PinCheck::Locked);
        }
    }
    assert!(env.store.user(op.id).unwrap().locked);
    assert_eq!(
        check(&mut env.store, OP_PIN, t(120)),
        PinCheck::Locked,
        "the right PIN does not open a locked account"
    );

    // A restart does not reset it.
    env = env.reopened();
    let u = env.store.user(op.id).unwrap();
    assert!(u.locked);
    assert_eq!(u.failed_pins, 10);
    assert_eq!(check(&mut env.store, OP_PIN, t(600)), PinCheck::Locked);

    env.store.unlock_user(op.id, by(&env.sup, t(601))).unwrap();
    assert!(matches!(
        check(&mut env.store, OP_PIN, t(602)),
        PinCheck::Ok(_)
    ));
    let u = env.store.user(op.id).unwrap();
    assert!(!u.locked);
    assert_eq!(u.failed_pins, 0);

    // Every attempt was recorded, and the unlock.
    assert_eq!(env.store.event_count().unwrap(), base + attempts + 1);
    let pin_events = env
        .store
        .recent_events(1000)
        .unwrap()
        .into_iter()
        .filter(|e| e.action.as_str().starts_with("pin_"))
        .count() as u64;
    assert_eq!(pin_events, attempts);
    assert!(
        env.store
            .recent_events(1000)
            .unwrap()
            .iter()
            .filter(|e| e.action.as_str().starts_with("pin_"))
            .all(|e| e.details.contains(&format!("\"user\":{}", op.id.0))
                && e.details.contains("sign_in")
                && !e.details.contains(OP_PIN))
    );
    assert_eq!(
        env.store.verify_chain().unwrap(),
        Verification::Intact {
            events: base + attempts + 1
        }
    );
}

#[test]
fn throttle_of_an_unknown_account() {
    let mut env = Env::new();
    let before = env.store.event_count().unwrap();
    let got = env
        .store
        .check_pin(UserId(77), OP_PIN, "sign_in", Throttle::default(), t(0));
    assert!(matches!(got, Err(StoreError::NoUser(_))), "{got:?}");
    assert_eq!(env.store.event_count().unwrap(), before);
}

// ------------------------------------------------------------------- visits

#[test]
fn new_visit_is_a_draft_and_the_draft_round_trips() {
    let mut env = Env::new();
    let op = env.op.actor();
    let s = &mut env.store;
    let v = s.create_visit(op, t(0)).unwrap();
    assert_eq!(v.status, Status::Draft);
    assert_eq!(v.started_by, env.op.id);
    assert_eq!(v.started_at, t(0));
    assert_eq!(v.form, FormDraft::default());
    let evs = s.visit_events(v.id).unwrap();
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].action.as_str(), "visit_started");
    assert_eq!(evs[0].step, 1);
    assert_eq!(evs[0].actor, Some(env.op.id));
    assert_eq!(evs[0].actor_name.as_deref(), Some("Andi Wijaya"));
    assert_eq!(evs[0].at, t(0));
    assert_eq!(evs[0].visit, Some(v.id));

    // Saved as typed: half-finished, odd spacing, any script.
    let events = s.event_count().unwrap();
    let mut d = FormDraft {
        full_name: "  Nguyễn Thị Minh Khai ".into(),
        organisation: "Zoë Ñuñez & Søn — 株式会社".into(),
        phone: "0812-3456".into(),
        ..FormDraft::default()
    };
    s.save_draft(v.id, &d).unwrap();
    assert_eq!(s.visit(v.id).unwrap().form, d);
    d.id_type = "Paspor".into();
    d.id_number = "X1234567".into();
    d.person_visited = "O'Brien".into();
    d.id_held = true;
    s.save_draft(v.id, &d).unwrap();
    assert_eq!(s.visit(v.id).unwrap().form, d);
    assert_eq!(
        s.event_count().unwrap(),
        events,
        "saving a draft is no event"
    );

    // Once the form is complete the draft is locked.
    let good = draft("Nguyễn Thị Minh Khai", "Audit");
    let v = s
        .apply(
            v.id,
            &Command::CompleteForm(
                validated(&good),
                dc_access::domain::visit::NoticeAgreed {
                    retention_days: 730,
                },
            ),
            op,
            t(3),
        )
        .unwrap();
    assert_eq!(v.status, Status::Review);
    let before = s.visit(v.id).unwrap();
    assert!(matches!(
        s.save_draft(v.id, &FormDraft::default()),
        Err(StoreError::DraftLocked)
    ));
    assert_eq!(s.visit(v.id).unwrap(), before);
    // EditForm goes back to Draft and editing works again.
    s.apply(v.id, &Command::EditForm, op, t(4)).unwrap();
    s.save_draft(v.id, &d).unwrap();
    assert_eq!(s.visit(v.id).unwrap().form, d);
    assert!(matches!(
        s.visit(VisitId(999)),
        Err(StoreError::NoVisit(999))
    ));
}

#[test]
fn whole_visit_through_all_steps() {
    let mut env = Env::new();
    let (op, sup2) = (env.op.actor(), env.sup2.actor());
    let s = &mut env.store;
    let v = s.create_visit(op, t(0)).unwrap();
    let d = draft("Zoë Ñuñez", "Pemeliharaan");
    s.save_draft(v.id, &d).unwrap();

    let steps: Vec<(Command, Actor, i64, Status)> = vec![
        (
            Command::CompleteForm(
                validated(&d),
                dc_access::domain::visit::NoticeAgreed {
                    retention_days: 730,
                },
            ),
            op,
            3,
            Status::Review,
        ),
        (Command::Submit, op, 5, Status::AwaitingApproval),
        (Command::Approve, sup2, 9, Status::Approved),
        (issue("V-01", &env.op), op, 12, Status::Inside),
        (Command::BeginCheckout, op, 70, Status::Inside),
        (checkout("V-01"), op, 75, Status::CheckedOut),
        (Command::Archive, op, 80, Status::Archived),
    ];
    for (cmd, actor, min, status) in &steps {
        let got = s.apply(v.id, cmd, *actor, t(*min)).unwrap();
        assert_eq!(got.status, *status, "{}", cmd.action());
        assert_eq!(
            s.visit(v.id).unwrap(),
            got,
            "read back after {}",
            cmd.action()
        );
    }
    let v = s.visit(v.id).unwrap();
    assert_eq!(v.form.full_name, "Zoë Ñuñez");
    assert_eq!(v.form_completed_at, Some(t(3)));
    assert_eq!(v.submitted_by, Some(env.op.id));
    assert_eq!(v.submitted_at, Some(t(5)));
    assert_eq!(v.decided_by, Some(env.sup2.id));
    assert_eq!(v.decided_at, Some(t(9)));
    assert_eq!(v.badge.as_deref(), Some("V-01"));
    assert_eq!(v.escort, Some(env.op.id));
    assert_eq!(v.entered_at, Some(t(12)));
    assert_eq!(v.checkout_started_at, Some(t(70)));
    assert_eq!(v.exited_at, Some(t(75)));
    assert_eq!(v.badge_returned, Some(true));
    assert_eq!(v.checklist, checklist_ok());
    assert_eq!(v.activity, "Baterai UPS diganti");
    assert_eq!(v.id_returned_at, Some(t(75)));
    assert_eq!(v.archived_by, Some(env.op.id));
    assert_eq!(v.archived_at, Some(t(80)));
    assert_eq!(v.closed_at, Some(t(80)));
    assert!(v.is_closed());

    let evs = s.visit_events(v.id).unwrap();
    let got: Vec<(&str, u8, Option<&str>, Time)> = evs
        .iter()
        .map(|e| (e.action.as_str(), e.step, e.actor_name.as_deref(), e.at))
        .collect();
    let (andi, siti) = (Some("Andi Wijaya"), Some("Siti Rahmawati"));
    assert_eq!(
        got,
        vec![
            ("visit_started", 1, andi, t(0)),
            ("form_completed", 2, andi, t(3)),
            ("submitted", 3, andi, t(5)),
            ("approved", 4, siti, t(9)),
            ("badge_issued", 5, andi, t(12)),
            ("checkout_started", 6, andi, t(70)),
            ("checked_out", 6, andi, t(75)),
            ("archived", 7, andi, t(80)),
        ]
    );
    // The submitted form, read back from beside the chain.
    assert!(evs[2].details.contains("\"form\""), "{}", evs[2].details);
    assert!(evs[4].details.contains("V-01"));
    assert!(s.open_visits().unwrap().is_empty());
    assert!(s.lost_badges().unwrap().is_empty());

    // Read-only now: anything else is refused, the visit unchanged; the
    // refused attempt itself is recorded (it lost to an earlier step).
    let events = s.event_count().unwrap();
    let archived = s.visit(v.id).unwrap();
    match s.apply(v.id, &Command::Archive, op, t(81)) {
        Err(StoreError::Refused(r)) => {
            assert_eq!(
                (r.attempted.as_str(), r.found),
                ("archived", Status::Archived)
            );
            assert_eq!(r.last.unwrap().action.as_str(), "archived");
        }
        other => panic!("expected Refused, got {other:?}"),
    }
    assert_eq!(s.visit(v.id).unwrap(), archived);
    assert_eq!(s.event_count().unwrap(), events + 1);
    assert_eq!(s.recent_events(1).unwrap()[0].action, ATTEMPT_REFUSED);
}

#[test]
fn rejected_visit_then_id_returned() {
    let mut env = Env::new();
    let (op, sup) = (env.op.actor(), env.sup.actor());
    let s = &mut env.store;
    let v = s.create_visit(op, t(0)).unwrap();
    let d = draft("Rina Kartika", "Audit");
    s.apply(
        v.id,
        &Command::CompleteForm(
            validated(&d),
            dc_access::domain::visit::NoticeAgreed {
                retention_days: 730,
            },
        ),
        op,
        t(1),
    )
    .unwrap();
    s.apply(v.id, &Command::Submit, op, t(2)).unwrap();
    let r = s
        .apply(
            v.id,
            &Command::Reject {
                reason: "Tidak terjadwal".into(),
            },
            sup,
            t(4),
        )
        .unwrap();
    assert_eq!(r.status, Status::Rejected);
    assert_eq!(s.visit(v.id).unwrap(), r);
    assert_eq!(r.reject_reason.as_deref(), Some("Tidak terjadwal"));
    assert!(!r.is_closed(), "the ID is still held");
    assert_eq!(s.open_visits().unwrap().len(), 1);

    let closed = s.apply(v.id, &Command::ReturnId, op, t(6)).unwrap();
    assert_eq!(s.visit(v.id).unwrap(), closed);
    assert_eq!(closed.id_returned_at, Some(t(6)));
    assert!(closed.is_closed());
    assert!(s.open_visits().unwrap().is_empty());
    assert_eq!(
        actions(s, v.id),
        [
            "visit_started",
            "form_completed",
            "submitted",
            "rejected",
            "id_returned"
        ]
    );
    let rejected = &s.visit_events(v.id).unwrap()[3];
    assert_eq!(rejected.actor, Some(env.sup.id));
    assert!(rejected.details.contains("Tidak terjadwal"));

    let events = s.event_count().unwrap();
    assert!(matches!(
        s.apply(v.id, &Command::ReturnId, op, t(7)),
        Err(StoreError::Refused(r)) if r.attempted.as_str() == "id_returned"
    ));
    assert_eq!(s.visit(v.id).unwrap(), closed);
    assert_eq!(s.event_count().unwrap(), events + 1, "the refused attempt");
}

#[test]
fn cancelled_visit() {
    let mut env = Env::new();
    let op = env.op.actor();
    let s = &mut env.store;
    let v = s.create_visit(op, t(0)).unwrap();
    let d = draft("Rina Kartika", "Audit");
    s.apply(
        v.id,
        &Command::CompleteForm(
            validated(&d),
            dc_access::domain::visit::NoticeAgreed {
                retention_days: 730,
            },
        ),
        op,
        t(1),
    )
    .unwrap();
    let c = s
        .apply(
            v.id,
            &Command::Cancel {
                reason: "Pengunjung batal".into(),
            },
            op,
            t(2),
        )
        .unwrap();
    assert_eq!(c.status, Status::Cancelled);
    assert_eq!(s.visit(v.id).unwrap(), c);
    assert_eq!(c.cancel_reason.as_deref(), Some("Pengunjung batal"));
    assert_eq!(c.id_returned_at, Some(t(2)));
    assert_eq!(c.closed_at, Some(t(2)));
    assert!(s.open_visits().unwrap().is_empty());
    assert_eq!(
        actions(s, v.id),
        ["visit_started", "form_completed", "cancelled"]
    );
    let ev = &s.visit_events(v.id).unwrap()[2];
    assert_eq!(ev.step, 3, "cancelled at review");
    assert!(ev.details.contains("\"id_returned\":true"));
}

#[test]
fn refused_transition_changes_nothing() {
    let mut env = Env::new();
    let (op, sup) = (env.op.actor(), env.sup.actor());
    let s = &mut env.store;
    let v = s.create_visit(op, t(0)).unwrap();
    let d = draft("Rina Kartika", "Audit");
    s.apply(
        v.id,
        &Command::CompleteForm(
            validated(&d),
            dc_access::domain::visit::NoticeAgreed {
                retention_days: 730,
            },
        ),
        op,
        t(1),
    )
    .unwrap();
    // The supervisor submits, so the same supervisor may not approve.
    s.apply(v.id, &Command::Submit, sup, t(2)).unwrap();
    let before = s.visit(v.id).unwrap();
    let events = s.event_count().unwrap();
    let head = s.chain_head().unwrap();

    let refused: Vec<(Command, Actor, TransitionError)> = vec![
        (Command::Approve, sup, TransitionError::SameAsSubmitter),
        (Command::Approve, op, TransitionError::NotSupervisor),
        (
            Command::Reject {
                reason: "   ".into(),
            },
            env.sup2.actor(),
            TransitionError::ReasonRequired,
        ),
    ];
    for (cmd, actor, want) in refused {
        match s.apply(v.id, &cmd, actor, t(5)) {
            Err(StoreError::Transition(e)) => assert_eq!(e, want),
            other => panic!("{}: expected {want:?}, got {other:?}", cmd.action()),
        }
        assert_eq!(s.visit(v.id).unwrap(), before);
        assert_eq!(s.event_count().unwrap(), events);
        assert_eq!(s.chain_head().unwrap(), head);
    }
    // A step the state does not allow (another console's step came
    // first): the visit is unchanged, the attempt is recorded.
    for cmd in [Command::Archive, issue("V-01", &env.op)] {
        let events = s.event_count().unwrap();
        match s.apply(v.id, &cmd, op, t(5)) {
            Err(StoreError::Refused(r)) => {
                assert_eq!(
                    (r.attempted, r.found),
                    (cmd.action(), Status::AwaitingApproval)
                );
            }
            other => panic!("{}: expected Refused, got {other:?}", cmd.action()),
        }
        assert_eq!(s.visit(v.id).unwrap(), before);
        assert_eq!(s.event_count().unwrap(), events + 1);
        let ev = s.recent_events(1).unwrap().remove(0);
        assert_eq!(
            (ev.action.as_str(), ev.actor),
            (ATTEMPT_REFUSED.as_str(), Some(op.id))
        );
    }
    let events = s.event_count().unwrap();
    assert!(matches!(
        s.apply(VisitId(999), &Command::Submit, op, t(5)),
        Err(StoreError::NoVisit(999))
    ));
    assert_eq!(s.event_count().unwrap(), events);

    // A write that the database itself refuses (an escort who is no
    // account) rolls back too.
    let ok = s
        .apply(v.id, &Command::Approve, env.sup2.actor(), t(6))
        .unwrap();
    let events = s.event_count().unwrap();
    let bad = Command::IssueBadge {
        badge: dc_access::domain::badge::BadgeNo::try_from("V-01").unwrap(),
        escort: UserId(999),
    };
    assert!(matches!(
        s.apply(v.id, &bad, op, t(7)),
        Err(StoreError::Sql(_))
    ));
    assert_eq!(s.visit(v.id).unwrap(), ok);
    assert_eq!(s.event_count().unwrap(), events);
}

#[test]
fn badge_out_with_another_visit_is_taken() {
    let mut env = Env::new();
    let a = approved_visit(&mut env, 0, "Rina Kartika", "Audit");
    let b = approved_visit(&mut env, 5, "Dewi Lestari", "Audit");
    let op = env.op.clone();
    let s = &mut env.store;
    s.apply(a.id, &issue("V-01", &op), op.actor(), t(10))
        .unwrap();
    let events = s.event_count().unwrap();
    match s.apply(b.id, &issue("V-01", &op), op.actor(), t(11)) {
        Err(StoreError::BadgeTaken(badge)) => assert_eq!(badge, "V-01"),
        other => panic!("expected BadgeTaken, got {other:?}"),
    }
    // Same badge with stray spaces is the same badge.
    assert!(matches!(
        s.apply(b.id, &issue(" V-01 ", &op), op.actor(), t(11)),
        Err(StoreError::BadgeTaken(_))
    ));
    assert_eq!(s.visit(b.id).unwrap(), b);
    assert_eq!(s.event_count().unwrap(), events + 2, "two refused attempts");
    assert_eq!(s.badges_unavailable().unwrap(), ["V-01"]);

    let inside = s
        .apply(b.id, &issue("V-02", &op), op.actor(), t(12))
        .unwrap();
    assert_eq!(inside.status, Status::Inside);
    // Once A is out, V-01 can go out again.
    s.apply(a.id, &checkout("V-01"), op.actor(), t(30)).unwrap();
    let c = approved_visit(&mut env, 31, "Eko Prasetyo", "Audit");
    let s = &mut env.store;
    s.apply(c.id, &issue("V-01", &op), op.actor(), t(40))
        .unwrap();
}

#[test]
fn badge_not_handed_back_is_lost_until_restored() {
    let mut env = Env::new();
    let a = approved_visit(&mut env, 0, "Rina Kartika", "Audit");
    let b = approved_visit(&mut env, 5, "Dewi Lestari", "Audit");
    let (op, sup) = (env.op.clone(), env.sup.clone());
    let s = &mut env.store;
    s.apply(a.id, &issue("V-03", &op), op.actor(), t(10))
        .unwrap();
    let out = s.apply(a.id, &checkout("V-09"), op.actor(), t(40)).unwrap();
    assert_eq!(out.badge_returned, Some(false));
    assert!(out.badge_lost());
    assert_eq!(s.visit(a.id).unwrap(), out);
    assert_eq!(s.lost_badges().unwrap(), ["V-03"]);
    assert_eq!(s.badges_unavailable().unwrap(), ["V-03"]);
    let ev = s.visit_events(a.id).unwrap().pop().unwrap();
    assert_eq!(ev.action.as_str(), "checked_out");
    assert!(ev.details.contains("\"badge_returned\":false"));

    for typed in ["V-03", " V-03\t"] {
        assert!(matches!(
            s.apply(b.id, &issue(typed, &op), op.actor(), t(41)),
            Err(StoreError::BadgeTaken(_))
        ));
    }
    let n = s.event_count().unwrap();
    assert!(
        s.restore_badge(
            &dc_access::domain::badge::BadgeNo::try_from("V-03").unwrap(),
            by(&sup, t(42))
        )
        .unwrap()
    );
    assert_eq!(s.event_count().unwrap(), n + 1);
    assert_eq!(
        s.recent_events(1).unwrap()[0].action.as_str(),
        "badge_restored",
        "restoring is recorded"
    );
    assert!(s.lost_badges().unwrap().is_empty());
    assert!(
        !s.restore_badge(
            &dc_access::domain::badge::BadgeNo::try_from("V-03").unwrap(),
            by(&sup, t(43))
        )
        .unwrap()
    );
    assert_eq!(
        s.event_count().unwrap(),
        n + 1,
        "nothing to restore, no event"
    );
    s.apply(b.id, &issue("V-03", &op), op.actor(), t(44))
        .unwrap();
}

#[test]
fn open_visits_and_dashboard() {
    let mut env = Env::new();
    let (op, sup) = (env.op.clone(), env.sup.clone());
    let (o, su) = (op.actor(), sup.actor());

    // Yesterday: approved, never entered; still open, not counted today.
    let old = approved_visit(&mut env, -24 * 60, "Lama Sekali", "Pemeliharaan");
    // 1: in and out, 63 minutes (an overstay at 60), archived.
    let v1 = approved_visit(&mut env, 0, "Rina Kartika", "Pemeliharaan");
    // 2: inside since t(20).
    let v2 = approved_visit(&mut env, 10, "Dewi Lestari", "Audit");
    // 3: inside since t(60), not long yet.
    let v3 = approved_visit(&mut env, 50, "Eko Prasetyo", "Audit");
    let s = &mut env.store;
    s.apply(v1.id, &issue("V-01", &op), o, t(12)).unwrap();
    s.apply(v1.id, &checkout("V-01"), o, t(75)).unwrap();
    s.apply(v1.id, &Command::Archive, o, t(76)).unwrap();
    s.apply(v2.id, &issue("V-02", &op), o, t(20)).unwrap();
    s.apply(v3.id, &issue("V-04", &op), o, t(60)).unwrap();
    // 4: rejected, ID still held.
    let v4 = s.create_visit(o, t(30)).unwrap();
    let d = draft("Fajar Nugroho", "Audit");
    s.apply(
        v4.id,
        &Command::CompleteForm(
            validated(&d),
            dc_access::domain::visit::NoticeAgreed {
                retention_days: 730,
            },
        ),
        o,
        t(31),
    )
    .unwrap();
    s.apply(v4.id, &Command::Submit, o, t(32)).unwrap();
    s.apply(
        v4.id,
        &Command::Reject {
            reason: "Tanpa surat tugas".into(),
        },
        su,
        t(33),
    )
    .unwrap();
    // 5: cancelled as a draft (never submitted).
    let v5 = s.create_visit(o, t(40)).unwrap();
    s.apply(
        v5.id,
        &Command::Cancel {
            reason: "Salah input".into(),
        },
        o,
        t(41),
    )
    .unwrap();
    // 6: a draft.
    let v6 = s.create_visit(o, t(90)).unwrap();

    let open: Vec<VisitId> = s
        .open_visits()
        .unwrap()
        .into_iter()
        .map(|x| x.visit.id)
        .collect();
    assert_eq!(open, [old.id, v2.id, v4.id, v3.id, v6.id], "oldest first");

    let day = (t(-120), t(24 * 60 - 120));
    let now = t(100);
    let dash = s.dashboard(day, now, 60).unwrap();
    assert_eq!(
        dash.open.iter().map(|x| x.visit.id).collect::<Vec<_>>(),
        open
    );
    assert_eq!(dash.today.visitors, 4, "v1..v4 were submitted");
    assert_eq!(
        dash.today.by_purpose,
        [("Audit".to_owned(), 3), ("Pemeliharaan".to_owned(), 1)]
    );
    assert_eq!(dash.today.rejected, 1);
    assert_eq!(dash.today.cancelled, 1);
    assert_eq!(
        dash.today.overstays, 2,
        "v1 was in 63 min, v2 is in 80 min; v3 only 40"
    );
    assert_eq!(dash.today.overstays_left, 1, "v1 has left; v2 is still in");
    assert_eq!(dash.today.entered, 3, "v1, v2 and v3 went in");
    assert!(dash.lost_badges.is_empty());
    let inside: Vec<VisitId> = dash
        .with_status(Status::Inside)
        .map(|x| x.visit.id)
        .collect();
    assert_eq!(inside, [v2.id, v3.id]);
    let line = dash.open.iter().find(|x| x.visit.id == v2.id).unwrap();
    assert_eq!(line.escort_name.as_deref(), Some("Andi Wijaya"));
    assert_eq!(line.approver_name.as_deref(), Some("Budi Santoso"));
    assert_eq!(s.visit_summary(v2.id).unwrap(), *line);

    // Later the same day, v3 overstays too.
    assert_eq!(s.counts(day.0, day.1, t(120), 60).unwrap().overstays, 3);
    // Yesterday's numbers.
    let yesterday = s.counts(t(-120 - 24 * 60), t(-120), now, 60).unwrap();
    assert_eq!(yesterday.visitors, 1);
    assert_eq!(yesterday.by_purpose, [("Pemeliharaan".to_owned(), 1)]);
    assert_eq!(yesterday.overstays, 0);
}

// -------------------------------------------------------------- audit chain

/// A store with some history of every kind: accounts, PINs, visits.
fn with_history() -> Env {
    let mut env = Env::new();
    let v = approved_visit(&mut env, 0, "Rina Kartika", "Audit");
    let op = env.op.clone();
    env.store
        .apply(v.id, &issue("V-01", &op), op.actor(), t(10))
        .unwrap();
    env.store
        .check_pin(op.id, "000009", "exit", Throttle::default(), t(11))
        .unwrap();
    env.store
        .add_correction(v.id, "Nama perusahaan salah eja", by(&env.sup, t(12)))
        .unwrap();
    env.store.create_visit(op.actor(), t(13)).unwrap();
    env
}

#[test]
fn chain_is_intact_and_head_is_the_last_hmac() {
    let env = with_history();
    let n = env.store.event_count().unwrap();
    // 3 accounts, 4 for the approved visit, badge, PIN, correction, new visit.
    assert_eq!(n, 3 + 4 + 1 + 1 + 1 + 1);
    assert_eq!(
        env.store.verify_chain().unwrap(),
        Verification::Intact { events: n }
    );
    let head = env.store.chain_head().unwrap();
    assert_eq!(head.events, n);
    let last: String = env
        .raw()
        .query_row(
            "SELECT hmac FROM events ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(head.last_hmac, last);
    assert_eq!(head.last_hmac.len(), 64);
    // Every hmac is distinct.
    let distinct: i64 = env
        .raw()
        .query_row("SELECT count(DISTINCT hmac) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(distinct.cast_unsigned(), n);
}

#[test]
fn events_refuse_update_and_delete_through_sql() {
    let env = with_history();
    let raw = env.raw();
    for sql in [
        "UPDATE events SET details = '{}' WHERE id = 3",
        "DELETE FROM events WHERE id = 3",
        "DELETE FROM events",
    ] {
        let err = raw.execute(sql, []).unwrap_err();
        assert!(
            err.to_string().contains("audit events are append-only"),
            "{sql}: {err}"
        );
    }
    let n = env.store.event_count().unwrap();
    assert_eq!(
        env.store.verify_chain().unwrap(),
        Verification::Intact { events: n }
    );
}

fn drop_triggers(raw: &Connection) {
    raw.execute_batch("DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;")
        .unwrap();
}

#[test]
fn tampered_details_break_the_chain_at_that_event() {
    let env = with_history();
    let raw = env.raw();
    drop_triggers(&raw);
    raw.execute(
        "UPDATE events SET details = '{\"edited\":true}' WHERE id = 5",
        [],
    )
    .unwrap();
    // Any field counts, the time too.
    assert_eq!(
        env.store.verify_chain().unwrap(),
        Verification::Broken {
            event_id: 5,
            after: 4
        }
    );
    let details: String = raw
        .query_row("SELECT details FROM events WHERE id = 7", [], |r| r.get(0))
        .unwrap();
    raw.execute(
        "UPDATE events SET details = ?1 || ' ' WHERE id = 7",
        [details],
    )
    .unwrap();
    assert!(matches!(
        env.store.verify_chain().unwrap(),
        Verification::Broken { event_id: 5, .. }
    ));

    let env = with_history();
    let raw = env.raw();
    drop_triggers(&raw);
    raw.execute("UPDATE events SET at = at - 60 WHERE id = 9", [])
        .unwrap();
    assert_eq!(
        env.store.verify_chain().unwrap(),
        Verification::Broken {
            event_id: 9,
            after: 8
        }
    );
}

#[test]
fn deleted_middle_event_breaks_the_chain_at_the_gap() {
    let env = with_history();
    let raw = env.raw();
    drop_triggers(&raw);
    raw.execute("DELETE FROM events WHERE id = 6", []).unwrap();
    assert_eq!(
        env.store.verify_chain().unwrap(),
        Verification::Broken {
            event_id: 6,
            after: 5
        }
    );
    // Renumbering to hide the gap does not help: the HMACs cover the ids.
    raw.execute("UPDATE events SET id = id - 1 WHERE id > 6", [])
        .unwrap();
    assert_eq!(
        env.store.verify_chain().unwrap(),
        Verification::Broken {
            event_id: 6,
            after: 5
        }
    );
}

#[test]
fn forged_event_at_the_end_is_named() {
    let mut env = with_history();
    let n = env.store.event_count().unwrap();
    let raw = env.raw();
    drop_triggers(&raw);
    let forged = i64::try_from(n).unwrap() + 1;
    raw.execute(
        "INSERT INTO events (id, visit_id, step, action, actor, at, details, hmac)
         VALUES (?1, 1, 4, 'approved', 1, ?2, '{}', ?3)",
        rusqlite::params![forged, t(14).timestamp(), "ab".repeat(32)],
    )
    .unwrap();
    assert_eq!(
        env.store.verify_chain().unwrap(),
        Verification::Broken {
            event_id: forged,
            after: n
        }
    );
    // The program's next event chains to the forged one; still named.
    env.store.create_visit(env.op.actor(), t(15)).unwrap();
    assert!(matches!(
        env.store.verify_chain().unwrap(),
        Verification::Broken { event_id, .. } if event_id == forged
    ));
    // Copying a real hmac over does not help either.
    let env = with_history();
    let raw = env.raw();
    drop_triggers(&raw);
    raw.execute(
        "INSERT INTO events (id, visit_id, step, action, actor, at, details, hmac)
         SELECT id + 1, visit_id, step, action, actor, at, details, hmac
         FROM events ORDER BY id DESC LIMIT 1",
        [],
    )
    .unwrap();
    assert_eq!(
        env.store.verify_chain().unwrap(),
        Verification::Broken {
            event_id: forged,
            after: n
        }
    );
}

// ----------------------------------------------------------- two connections

#[test]
fn two_stores_on_one_file_write_alternately() {
    const EACH: usize = 50;
    let mut env = Env::new();
    let mut other = Store::open(&env.db, &env.key).unwrap();
    let op = env.op.actor();

    // In turn on one thread: each sees the other's writes.
    let token = env.store.change_token().unwrap();
    let a = env.store.create_visit(op, t(0)).unwrap();
    assert_eq!(other.visit(a.id).unwrap(), a);
    let b = other.create_visit(op, t(1)).unwrap();
    assert_eq!(env.store.visit(b.id).unwrap(), b);
    assert_ne!(env.store.change_token().unwrap(), token);
    other
        .save_draft(a.id, &draft("Rina Kartika", "Audit"))
        .unwrap();
    assert_eq!(
        env.store.visit(a.id).unwrap().form.full_name,
        "Rina Kartika"
    );

    // At the same time on two threads.
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
    let run = |mut store: Store, offset: i64, barrier: std::sync::Arc<std::sync::Barrier>| {
        std::thread::spawn(move || {
            barrier.wait();
            let mut ids = Vec::new();
            for i in 0..EACH {
                let at = t(offset + i64::try_from(i).unwrap());
                let v = store.create_visit(op, at).unwrap();
                store
                    .save_draft(v.id, &draft("Dewi Lestari", "Audit"))
                    .unwrap();
                ids.push(v.id);
            }
            (store, ids)
        })
    };
    let Env { dir, store, .. } = env;
    let h1 = run(store, 100, barrier.clone());
    let h2 = run(other, 200, barrier);
    let (s1, ids1) = h1.join().unwrap();
    let (s2, ids2) = h2.join().unwrap();
    assert_eq!(ids1.len(), EACH);
    assert_eq!(ids2.len(), EACH);
    let mut all: Vec<VisitId> = ids1.into_iter().chain(ids2).collect();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 2 * EACH, "no id given twice");
    assert_eq!(s1.open_visits().unwrap().len(), 2 + 2 * EACH);
    let n = s2.event_count().unwrap();
    assert_eq!(n, 3 + 2 + 2 * EACH as u64);
    assert_eq!(
        s1.verify_chain().unwrap(),
        Verification::Intact { events: n }
    );
    drop((s1, s2, dir));
}

// ------------------------------------------------------------------- backup

#[test]
fn backup_opens_as_a_store_with_the_same_visits() {
    let env = with_history();
    let dest = env.dir.path().join("backup").join("copy.sqlite");
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    env.store.backup_to(&dest).unwrap();
    let copy = Store::open(&dest, &env.key).unwrap();
    let ids = |s: &Store| -> Vec<Visit> {
        s.open_visits()
            .unwrap()
            .into_iter()
            .map(|x| x.visit)
            .collect()
    };
    assert_eq!(ids(&copy), ids(&env.store));
    assert_eq!(ids(&copy).len(), 2);
    assert_eq!(copy.users().unwrap(), env.store.users().unwrap());
    assert_eq!(copy.chain_head().unwrap(), env.store.chain_head().unwrap());
    let n = env.store.event_count().unwrap();
    assert_eq!(
        copy.verify_chain().unwrap(),
        Verification::Intact { events: n }
    );
    for v in ids(&env.store) {
        assert_eq!(
            copy.visit_events(v.id).unwrap(),
            env.store.visit_events(v.id).unwrap()
        );
    }
    assert_eq!(user_version(&dest), user_version(&env.db));
}

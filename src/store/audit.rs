//! The audit log: one row per event, each carrying an HMAC-SHA256 (keyed by
//! the outside secret) over its own fields and the previous event's HMAC.
//! Editing, deleting or inserting a row breaks the chain at that row.

use std::path::Path;

use hmac::{Hmac, Mac};
use rusqlite::{OptionalExtension, params};
use sha2::Sha256;

use super::decode::known;
use super::{Result, Stamp, Store, StoreError, WriteTx, from_ts, ts};
use crate::domain::audit::AuditAction;
use crate::domain::visit::{Time, UserId, VisitId};

pub(super) type HmacSha256 = Hmac<Sha256>;

/// One stored event, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub id: i64,
    pub visit: Option<VisitId>,
    pub step: u8,
    pub action: AuditAction,
    pub actor: Option<UserId>,
    pub actor_name: Option<String>,
    pub at: Time,
    pub details: String,
}

/// The newest event: printed on each day's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub events: u64,
    pub last_hmac: String,
}

/// The outcome of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Intact { events: u64 },
    Broken { event_id: i64, after: u64 },
}

struct Fields<'a> {
    id: i64,
    visit: Option<i64>,
    step: i64,
    action: &'a [u8],
    actor: Option<i64>,
    at: i64,
    details: &'a [u8],
}

fn mac(key: &[u8], prev: &str, f: &Fields<'_>) -> String {
    mac_keyed(&keyed(key), prev, f)
}

/// The HMAC state after the key: cloned for each event, so that a walk
/// over many events hashes the key's two blocks once.
pub(super) fn keyed(key: &[u8]) -> HmacSha256 {
    HmacSha256::new_from_slice(key).expect("HMAC accepts any key length")
}

fn mac_keyed(keyed: &HmacSha256, prev: &str, f: &Fields<'_>) -> String {
    String::from_utf8_lossy(&mac_hex(keyed, prev.as_bytes(), f)).into_owned()
}

/// [`mac_keyed`] as hex digits on the stack.
fn mac_hex(keyed: &HmacSha256, prev: &[u8], f: &Fields<'_>) -> [u8; 64] {
    let mut m = keyed.clone();
    // Length-prefixed fields: no two different events encode the same way.
    // Numbers are written into one stack buffer (no allocation per field).
    let mut num = itoa_buf();
    let part = |m: &mut HmacSha256, bytes: &[u8]| {
        m.update(&(bytes.len() as u64).to_be_bytes());
        m.update(bytes);
    };
    part(&mut m, prev);
    part(&mut m, num.fmt(f.id));
    match f.visit {
        Some(v) => part(&mut m, num.fmt(v)),
        None => part(&mut m, b""),
    }
    part(&mut m, num.fmt(f.step));
    part(&mut m, f.action);
    match f.actor {
        Some(v) => part(&mut m, num.fmt(v)),
        None => part(&mut m, b""),
    }
    part(&mut m, num.fmt(f.at));
    part(&mut m, f.details);
    let mut out = [0u8; 64];
    // 32 bytes always fit 64 hex digits.
    let _ = hex::encode_to_slice(m.finalize().into_bytes(), &mut out);
    out
}

/// A decimal integer written without allocating.
struct NumBuf(itoa::Buffer);

fn itoa_buf() -> NumBuf {
    NumBuf(itoa::Buffer::new())
}

impl NumBuf {
    fn fmt(&mut self, n: i64) -> &[u8] {
        self.0.format(n).as_bytes()
    }
}

/// An event as stored, with its HMAC, for checking.
struct Stored {
    id: i64,
    visit: Option<i64>,
    step: i64,
    action: String,
    actor: Option<i64>,
    at: i64,
    details: String,
    hmac: String,
}

const STORED_COLS: &str = "id, visit_id, step, action, actor, at, details, hmac";

impl Stored {
    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
        Ok(Stored {
            id: r.get(0)?,
            visit: r.get(1)?,
            step: r.get(2)?,
            action: r.get(3)?,
            actor: r.get(4)?,
            at: r.get(5)?,
            details: r.get(6)?,
            hmac: r.get(7)?,
        })
    }

    /// The HMAC this event should carry after `prev`.
    fn mac(&self, key: &[u8], prev: &str) -> String {
        mac(
            key,
            prev,
            &Fields {
                id: self.id,
                visit: self.visit,
                step: self.step,
                action: self.action.as_bytes(),
                actor: self.actor,
                at: self.at,
                details: self.details.as_bytes(),
            },
        )
    }
}

/// The chained details format written since schema 4: `"v": 2`, personal
/// values moved to `event_private` under `"sealed"`. Events without `"v"`
/// are older ("legacy") and verified by the older rules.
pub(super) const FORMAT: i64 = 2;

/// The HMAC state after the key, kept per thread for the last key used:
/// `verify` hashes millions of private values and fingerprints with one
/// key, and setting the key up costs two of the few SHA-256 blocks each
/// hash needs.
fn keyed_state(key: &[u8]) -> HmacSha256 {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(Vec<u8>, HmacSha256)>> =
            const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((k, state)) = last.as_ref()
            && k.as_slice() == key
        {
            return state.clone();
        }
        let state = keyed(key);
        *last = Some((key.to_vec(), state.clone()));
        state
    })
}

fn keyed_mac(key: &[u8], parts: &[&str]) -> String {
    let mut m = keyed_state(key);
    for p in parts {
        m.update(&(p.len() as u64).to_be_bytes());
        m.update(p.as_bytes());
    }
    hex::encode(m.finalize().into_bytes())
}

/// A keyed fingerprint (HMAC with the outside secret) of some values, for
/// an event to pin a row's column without copying it: a PIN hash, an
/// account's name and NIP. Copying a value to another row changes the
/// fingerprint, since `label` and the row id are part of it.
pub(super) fn fingerprint(key: &[u8], label: &str, id: i64, values: &[&str]) -> String {
    let id = id.to_string();
    let mut parts = vec![label, id.as_str()];
    parts.extend_from_slice(values);
    keyed_mac(key, &parts)
}

/// [`private_mac`] as hex digits on the stack (for checking many).
pub(super) fn private_mac_hex(key: &[u8], event_id: i64, field: &str, value: &str) -> [u8; 64] {
    let mut m = keyed_state(key);
    let mut num = itoa_buf();
    for p in [
        b"private".as_slice(),
        num.fmt(event_id),
        field.as_bytes(),
        value.as_bytes(),
    ] {
        m.update(&(p.len() as u64).to_be_bytes());
        m.update(p);
    }
    let mut out = [0u8; 64];
    // 32 bytes always fit 64 hex digits.
    let _ = hex::encode_to_slice(m.finalize().into_bytes(), &mut out);
    out
}

/// The keyed hash an event chains for one of its private values.
pub(super) fn private_mac(key: &[u8], event_id: i64, field: &str, value: &str) -> String {
    fingerprint(key, "private", event_id, &[field, value])
}

/// Split an event's details into what is chained and the private values
/// kept beside it: each private key's value (as JSON text) goes to
/// `event_private`; the details keep its keyed hash under `"sealed"`.
pub(super) fn seal(
    key: &[u8],
    event_id: i64,
    details: &serde_json::Value,
    private: &[&str],
) -> (serde_json::Value, Vec<(String, String)>) {
    let mut d = match details {
        serde_json::Value::Object(m) => m.clone(),
        other => {
            let mut m = serde_json::Map::new();
            if !other.is_null() {
                m.insert("value".into(), other.clone());
            }
            m
        }
    };
    let mut sealed = serde_json::Map::new();
    let mut rows = Vec::new();
    for field in private {
        if let Some(value) = d.remove(*field) {
            let text = value.to_string();
            sealed.insert(
                (*field).to_owned(),
                private_mac(key, event_id, field, &text).into(),
            );
            rows.push(((*field).to_owned(), text));
        }
    }
    if !sealed.is_empty() {
        d.insert("sealed".into(), sealed.into());
    }
    d.insert("v".into(), FORMAT.into());
    (serde_json::Value::Object(d), rows)
}

/// Append one event inside the caller's transaction.
pub(super) fn append(
    tx: &WriteTx<'_>,
    key: &[u8],
    visit: Option<VisitId>,
    step: u8,
    action: AuditAction,
    stamp: Stamp,
    details: &serde_json::Value,
) -> Result<()> {
    append_private(tx, key, visit, step, action, stamp, details, &[])
}

/// Append one event whose `private` keys of `details` hold personal data
/// (see [`seal`]).
#[expect(clippy::too_many_arguments, reason = "one event's fields")]
pub(super) fn append_private(
    tx: &WriteTx<'_>,
    key: &[u8],
    visit: Option<VisitId>,
    step: u8,
    action: AuditAction,
    stamp: Stamp,
    details: &serde_json::Value,
    private: &[&str],
) -> Result<()> {
    // Inside a bulk the newest event is known; otherwise read it under
    // this transaction's write lock.
    let cached = tx.tail.and_then(|t| t.borrow().clone());
    let last: Option<(i64, String)> = match cached {
        Some(last) => Some(last),
        None => tx
            .prepare_cached("SELECT id, hmac FROM events ORDER BY id DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?,
    };
    let (last_id, prev) = last.unwrap_or((0, String::new()));
    let id = last_id + 1;
    let (sealed, private_rows) = seal(key, id, details, private);
    let details = sealed.to_string();
    let f = Fields {
        id,
        visit: visit.map(|v| v.0),
        step: i64::from(step),
        action: action.as_str().as_bytes(),
        actor: stamp.actor.map(|a| a.id.0),
        at: ts(stamp.at),
        details: details.as_bytes(),
    };
    let h = mac(key, &prev, &f);
    tx.prepare_cached(
        "INSERT INTO events (id, visit_id, step, action, actor, at, details, hmac)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        f.id,
        f.visit,
        f.step,
        action.as_str(),
        f.actor,
        f.at,
        details,
        h
    ])?;
    for (field, value) in private_rows {
        tx.prepare_cached(
            "INSERT INTO event_private (event_id, field, value) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, field, value])?;
    }
    if let Some(tail) = tx.tail {
        tail.replace(Some((id, h)));
    }
    Ok(())
}

fn row_to_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        visit: r.get::<_, Option<i64>>(1)?.map(VisitId),
        step: r.get(2)?,
        action: known(r, 3, "action", AuditAction::parse)?,
        actor: r.get::<_, Option<i64>>(4)?.map(UserId),
        actor_name: r.get(5)?,
        at: from_ts(r.get(6)?),
        details: unseal(r.get(7)?, r.get(8)?),
    })
}

/// An event's details as written by the program: its private values (when
/// still kept) back in their place, instead of their keyed hashes.
fn unseal(details: String, private: Option<String>) -> String {
    let Some(private) = private else {
        return details;
    };
    let (Ok(serde_json::Value::Object(mut d)), Ok(serde_json::Value::Object(p))) = (
        serde_json::from_str::<serde_json::Value>(&details),
        serde_json::from_str::<serde_json::Value>(&private),
    ) else {
        return details;
    };
    d.remove("sealed");
    for (field, text) in p {
        if let Some(value) = text
            .as_str()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
        {
            d.insert(field, value);
        }
    }
    serde_json::Value::Object(d).to_string()
}

/// The SQL for an event's private values as one JSON object (field → JSON
/// text), read only for events that have some.
pub(super) const PRIVATE_OF_E: &str = "CASE WHEN instr(e.details, '\"sealed\"') > 0 THEN
       (SELECT json_group_object(p.field, p.value) FROM event_private p WHERE p.event_id = e.id)
     END";

impl Store {
    fn event_cols(&self) -> String {
        let private = if self.has_private {
            PRIVATE_OF_E
        } else {
            "NULL"
        };
        format!(
            "e.id, e.visit_id, e.step, e.action, e.actor, u.name, e.at, e.details, {private}
             FROM events e LEFT JOIN users u ON u.id = e.actor"
        )
    }

    /// Append an event that belongs to no transition of a visit (accounts,
    /// sign-in, reviews, corrections), in its own transaction.
    pub fn record_event(
        &mut self,
        visit: Option<VisitId>,
        step: u8,
        action: AuditAction,
        stamp: Stamp,
        details: &serde_json::Value,
    ) -> Result<()> {
        self.record_event_private(visit, step, action, stamp, details, &[])
    }

    /// [`Store::record_event`] whose `private` keys of `details` hold
    /// personal text (kept beside the chain, removable by `anonymize`).
    pub(super) fn record_event_private(
        &mut self,
        visit: Option<VisitId>,
        step: u8,
        action: AuditAction,
        stamp: Stamp,
        details: &serde_json::Value,
        private: &[&str],
    ) -> Result<()> {
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        append_private(&tx, &key, visit, step, action, stamp, details, private)?;
        tx.commit()?;
        self.publish_head()
    }

    /// The number of events: the newest id (ids are contiguous from 1;
    /// `verify` checks that). One index seek, never a count of the table.
    pub fn event_count(&self) -> Result<u64> {
        Ok(self.chain_head()?.events)
    }

    /// The number of events and the newest HMAC: one seek on the newest
    /// row, whatever the length of the history.
    pub fn chain_head(&self) -> Result<ChainHead> {
        let last: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT id, hmac FROM events ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(last.map_or(
            ChainHead {
                events: 0,
                last_hmac: String::new(),
            },
            |(id, hmac)| ChainHead {
                events: u64::try_from(id).unwrap_or(0),
                last_hmac: hmac,
            },
        ))
    }

    /// The events of one visit, oldest first.
    pub fn visit_events(&self, visit: VisitId) -> Result<Vec<EventRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} WHERE e.visit_id = ?1 ORDER BY e.id",
            self.event_cols()
        ))?;
        let rows = stmt.query_map([visit.0], row_to_event)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest `limit` events of all kinds.
    pub fn recent_events(&self, limit: u32) -> Result<Vec<EventRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {} ORDER BY e.id DESC LIMIT ?1",
            self.event_cols()
        ))?;
        let rows = stmt.query_map([limit], row_to_event)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the first event's HMAC verifies with the loaded key
    /// (`None` when there are no events yet).
    pub(super) fn first_event_signed_by_key(&self) -> Result<Option<bool>> {
        let first = self
            .conn
            .query_row(
                &format!("SELECT {STORED_COLS} FROM events ORDER BY id LIMIT 1"),
                [],
                Stored::from_row,
            )
            .optional()?;
        Ok(first.map(|e| e.mac(self.secret.bytes(), "") == e.hmac))
    }

    /// Walk the whole chain, oldest first, and report the first event whose
    /// HMAC or position does not match.
    pub fn verify_chain(&self) -> Result<Verification> {
        let key = self.secret.bytes();
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {STORED_COLS} FROM events ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        let mut prev = String::new();
        let mut expected_id = 1;
        let mut n = 0u64;
        while let Some(r) = rows.next()? {
            let e = Stored::from_row(r)?;
            if e.id != expected_id || e.mac(key, &prev) != e.hmac {
                return Ok(Verification::Broken {
                    event_id: e.id.min(expected_id),
                    after: n,
                });
            }
            prev = e.hmac;
            expected_id += 1;
            n += 1;
        }
        Ok(Verification::Intact { events: n })
    }
}

impl std::fmt::Display for ChainHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.events, self.last_hmac)
    }
}

impl std::str::FromStr for ChainHead {
    type Err = String;

    /// `N:HMAC`, as printed on reports and written to the head file.
    fn from_str(s: &str) -> std::result::Result<ChainHead, String> {
        let s = s.trim();
        let bad = || format!("`{s}` is not a chain head: expected N:HMAC, e.g. 42:9f3c…");
        let (n, hmac) = s.split_once(':').ok_or_else(bad)?;
        let events = n.trim().parse::<u64>().map_err(|_| bad())?;
        let hmac = hmac.trim().to_ascii_lowercase();
        let hex_ok = hmac.len() == 64 && hmac.bytes().all(|b| b.is_ascii_hexdigit());
        if !(hex_ok || (events == 0 && hmac.is_empty())) {
            return Err(bad());
        }
        Ok(ChainHead {
            events,
            last_hmac: hmac,
        })
    }
}

/// What the head file says, if there is one.
pub(super) fn read_head_file(path: &Path) -> std::io::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Replace `path` atomically: a temporary file beside it, written and
/// synced, renamed over it, and the folder synced so the rename lasts.
pub(super) fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    // Two stores of one process (tests, two consoles) never share a name.
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}-{seq}", std::process::id()));
    let tmp = dir.join(name);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let result = (|| {
        let mut f = opts.open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        std::fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

impl Store {
    /// The head file: the newest event's number and HMAC, rewritten after
    /// every commit, a witness of the end of the log outside the database.
    pub fn head_path(&self) -> &Path {
        &self.head_path
    }

    /// Write the chain head to the head file when it moved. Called after
    /// every commit that appends an event (and at open, after a crash
    /// between a commit and this write).
    pub(super) fn publish_head(&mut self) -> Result<()> {
        // Inside a bulk (the demo) the head is written once, after it.
        if self.read_only || self.bulk {
            return Ok(());
        }
        // At open, a head file that already names the newest event is
        // left as it is, and no write lock is taken to see that.
        if self.published.is_none() {
            let head = self.chain_head()?;
            let text = format!("{head}\n");
            let current = read_head_file(&self.head_path).map_err(|source| StoreError::Head {
                path: self.head_path.clone(),
                source,
            })?;
            if current.as_deref() == Some(text.as_str()) {
                self.published = Some(head);
                return Ok(());
            }
        }
        // Under the write lock, so that two writers (kiosk and command
        // line) cannot write their heads in the wrong order.
        let lock = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let head = lock.query_row(
            "SELECT id, hmac FROM events ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        );
        let head = match head.optional()? {
            Some((id, hmac)) => ChainHead {
                events: u64::try_from(id).unwrap_or(0),
                last_hmac: hmac,
            },
            None => ChainHead {
                events: 0,
                last_hmac: String::new(),
            },
        };
        if self.published.as_ref() == Some(&head) {
            return Ok(());
        }
        let text = format!("{head}\n");
        let err = |source| StoreError::Head {
            path: self.head_path.clone(),
            source,
        };
        // At open, leave a head file that already says this untouched.
        let unchanged = self.published.is_none()
            && read_head_file(&self.head_path).map_err(err)?.as_deref() == Some(text.as_str());
        if !unchanged {
            write_atomic(&self.head_path, &text).map_err(err)?;
        }
        lock.commit()?;
        self.published = Some(head);
        Ok(())
    }
}

/// The HMAC an event with these fields carries after `prev`, as hex digits
/// (text as stored, its bytes: nothing to validate).
#[expect(clippy::too_many_arguments, reason = "one event's fields")]
pub(super) fn mac_of(
    key: &HmacSha256,
    prev: &[u8],
    id: i64,
    visit: Option<i64>,
    step: i64,
    action: &[u8],
    actor: Option<i64>,
    at: i64,
    details: &[u8],
) -> [u8; 64] {
    mac_hex(
        key,
        prev,
        &Fields {
            id,
            visit,
            step,
            action,
            actor,
            at,
            details,
        },
    )
}

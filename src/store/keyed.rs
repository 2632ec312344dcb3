//! The keyed hashes of the record, all with the outside secret: each
//! event's HMAC over its fields and the previous event's HMAC (the chain),
//! the fingerprints that pin a row's column without copying it, and the
//! hashes that events chain for their private values ([`seal`]).

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::audit::FORMAT;

pub(super) type HmacSha256 = Hmac<Sha256>;

/// An event's fields as its HMAC covers them (text as stored, its bytes).
pub(super) struct Fields<'a> {
    pub(super) id: i64,
    pub(super) visit: Option<i64>,
    pub(super) step: i64,
    pub(super) action: &'a [u8],
    pub(super) actor: Option<i64>,
    pub(super) at: i64,
    pub(super) details: &'a [u8],
}

/// The HMAC an event with fields `f` carries after `prev`.
pub(super) fn mac(key: &[u8], prev: &str, f: &Fields<'_>) -> String {
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

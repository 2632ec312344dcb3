//! Accounts and PINs. PINs are stored only as Argon2id hashes peppered with
//! the outside secret; wrong PINs are counted here, so a restart does not
//! reset the throttle.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::audit::append;
use super::decode::known;
use super::keyed::fingerprint;
use super::{Result, Stamp, Store, StoreError, from_ts, ts};
use crate::domain::audit::AuditAction;
use crate::domain::fields::{Nip, PersonName, Pin};
use crate::domain::visit::{Actor, Role, Time, UserId};

/// An account as stored (never with its PIN hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub name: String,
    pub nip: String,
    pub role: Role,
    pub active: bool,
    pub locked: bool,
    pub failed_pins: u32,
    pub created_at: Time,
}

impl User {
    pub fn actor(&self) -> Actor {
        Actor {
            id: self.id,
            role: self.role,
        }
    }
}

/// A new account, with parsed fields.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub name: PersonName,
    pub nip: Nip,
    pub role: Role,
    pub pin: Pin,
}

/// The answer to a PIN attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinCheck {
    Ok(User),
    /// Wrong PIN; `wait_secs` before the next attempt is accepted.
    Wrong {
        failures: u32,
        wait_secs: i64,
    },
    /// Too soon after the last wrong PIN; not counted.
    TooSoon {
        wait_secs: i64,
    },
    Locked,
    Disabled,
}

/// Throttle settings (from config `[security]`).
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    pub delay_after: u32,
    pub lock_after: u32,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            delay_after: 3,
            lock_after: 10,
        }
    }
}

impl Throttle {
    /// Seconds to wait after `failures` wrong PINs in a row: none up to
    /// `delay_after`, then 5 s doubling each time, at most 5 minutes.
    pub fn delay_secs(self, failures: u32) -> i64 {
        if failures < self.delay_after {
            return 0;
        }
        let extra = (failures - self.delay_after).min(6);
        (5_i64 << extra).min(300)
    }
}

const USER_COLS: &str = "id, name, nip, role, active, locked, failed_pins, created_at";

fn row_to_user(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: UserId(r.get(0)?),
        name: r.get(1)?,
        nip: r.get(2)?,
        role: known(r, 3, "role", Role::parse)?,
        active: r.get(4)?,
        locked: r.get(5)?,
        failed_pins: r.get(6)?,
        created_at: from_ts(r.get(7)?),
    })
}

fn argon(secret: &[u8]) -> Result<Argon2<'_>> {
    Argon2::new_with_secret(
        secret,
        Algorithm::Argon2id,
        Version::V0x13,
        Params::default(),
    )
    .map_err(|e| StoreError::Hash(e.to_string()))
}

/// What a right PIN writes: its event and a reset failure count.
fn pin_ok(tx: &super::WriteTx<'_>, key: &[u8], id: UserId, purpose: &str, now: Time) -> Result<()> {
    append(
        tx,
        key,
        None,
        0,
        AuditAction::PinOk,
        Stamp {
            actor: None,
            at: now,
        },
        &json!({ "user": id.0, "purpose": purpose, "detail": null }),
    )?;
    tx.prepare_cached("UPDATE users SET failed_pins = 0, last_failed_at = NULL WHERE id = ?1")?
        .execute([id.0])?;
    Ok(())
}

impl Store {
    /// For the demo history only: what [`Store::check_pin`] writes for a
    /// right PIN, without the Argon2 verification (18 ms each; a million
    /// supervisor decisions would take five hours). The demo's PINs were
    /// hashed once, when its accounts were made.
    pub(crate) fn record_pin_ok(&mut self, id: UserId, purpose: &str, now: Time) -> Result<()> {
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        pin_ok(&tx, &key, id, purpose, now)?;
        tx.commit()
    }

    fn hash_pin(&self, pin: &Pin) -> Result<String> {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        Ok(argon(self.secret.bytes())?
            .hash_password(pin.expose().as_bytes(), &salt)
            .map_err(|e| StoreError::Hash(e.to_string()))?
            .to_string())
    }

    pub fn user_count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// All accounts, supervisors first, then by name.
    pub fn users(&self) -> Result<Vec<User>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {USER_COLS} FROM users ORDER BY role DESC, name COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map([], row_to_user)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn user(&self, id: UserId) -> Result<User> {
        self.conn
            .query_row(
                &format!("SELECT {USER_COLS} FROM users WHERE id = ?1"),
                [id.0],
                row_to_user,
            )
            .optional()?
            .ok_or_else(|| StoreError::NoUser(id.0.to_string()))
    }

    /// Find an account by NIP or by exact name (case-insensitive).
    pub fn find_user(&self, who: &str) -> Result<User> {
        let who = who.trim();
        self.conn
            .query_row(
                &format!(
                    "SELECT {USER_COLS} FROM users WHERE nip = ?1 OR name = ?1 COLLATE NOCASE
                     ORDER BY id LIMIT 1"
                ),
                [who],
                row_to_user,
            )
            .optional()?
            .ok_or_else(|| StoreError::NoUser(who.to_owned()))
    }

    /// Create an account. `stamp.actor` is `None` only for the first
    /// supervisor at setup or for the command line.
    pub fn create_user(&mut self, new: &NewUser, stamp: Stamp) -> Result<User> {
        new.pin
            .check_for_account(new.nip.as_str())
            .map_err(StoreError::WeakPin)?;
        let hash = self.hash_pin(&new.pin)?;
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM users WHERE nip = ?1)",
            [new.nip.as_str()],
            |r| r.get(0),
        )?;
        if exists {
            return Err(StoreError::DuplicateNip(new.nip.as_str().to_owned()));
        }
        tx.execute(
            "INSERT INTO users (name, nip, role, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                new.name.as_str(),
                new.nip.as_str(),
                new.role.as_str(),
                hash,
                ts(stamp.at)
            ],
        )?;
        let id = tx.last_insert_rowid();
        append(
            &tx,
            &key,
            None,
            0,
            AuditAction::UserCreated,
            stamp,
            &json!({
                "user": id,
                "role": new.role.as_str(),
                "who": fingerprint(&key, "user", id, &[new.name.as_str(), new.nip.as_str()]),
                "pin": fingerprint(&key, "pin", id, &[&hash]),
            }),
        )?;
        tx.commit()?;
        self.publish_head()?;
        self.user(UserId(id))
    }

    fn set_user_flags(
        &mut self,
        id: UserId,
        sql: &str,
        action: AuditAction,
        stamp: Stamp,
    ) -> Result<User> {
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        let n = tx.execute(sql, [id.0])?;
        if n == 0 {
            return Err(StoreError::NoUser(id.0.to_string()));
        }
        append(&tx, &key, None, 0, action, stamp, &json!({ "user": id.0 }))?;
        tx.commit()?;
        self.publish_head()?;
        self.user(id)
    }

    /// Disable an account (never deleted: the audit trail names it).
    pub fn disable_user(&mut self, id: UserId, stamp: Stamp) -> Result<User> {
        self.set_user_flags(
            id,
            "UPDATE users SET active = 0 WHERE id = ?1",
            AuditAction::UserDisabled,
            stamp,
        )
    }

    pub fn enable_user(&mut self, id: UserId, stamp: Stamp) -> Result<User> {
        self.set_user_flags(
            id,
            "UPDATE users SET active = 1 WHERE id = ?1",
            AuditAction::UserEnabled,
            stamp,
        )
    }

    /// Release a locked account and clear its failure count.
    pub fn unlock_user(&mut self, id: UserId, stamp: Stamp) -> Result<User> {
        self.set_user_flags(
            id,
            "UPDATE users SET locked = 0, failed_pins = 0, last_failed_at = NULL WHERE id = ?1",
            AuditAction::UserUnlocked,
            stamp,
        )
    }

    /// Set a new PIN (also unlocks).
    pub fn reset_pin(&mut self, id: UserId, pin: &Pin, stamp: Stamp) -> Result<User> {
        pin.check_for_account(&self.user(id)?.nip)
            .map_err(StoreError::WeakPin)?;
        let hash = self.hash_pin(pin)?;
        let key = self.secret.bytes().to_vec();
        let tx = self.write_tx()?;
        let n = tx.execute(
            "UPDATE users SET pin_hash = ?2, locked = 0, failed_pins = 0, last_failed_at = NULL
             WHERE id = ?1",
            params![id.0, hash],
        )?;
        if n == 0 {
            return Err(StoreError::NoUser(id.0.to_string()));
        }
        append(
            &tx,
            &key,
            None,
            0,
            AuditAction::PinReset,
            stamp,
            &json!({ "user": id.0, "pin": fingerprint(&key, "pin", id.0, &[&hash]) }),
        )?;
        tx.commit()?;
        self.publish_head()?;
        self.user(id)
    }

    /// Check a PIN for an account, counting failures in the database and
    /// recording every attempt as an audit event. `purpose` says what the
    /// PIN was for (`sign_in`, approve, reject, exit, ...).
    pub fn check_pin(
        &mut self,
        id: UserId,
        pin: &str,
        purpose: &str,
        throttle: Throttle,
        now: Time,
    ) -> Result<PinCheck> {
        let key = self.secret.bytes().to_vec();
        let argon = argon(&key)?;
        let tx = self.write_tx()?;
        let row: Option<(String, bool, bool, u32, Option<i64>)> = tx
            .query_row(
                "SELECT pin_hash, active, locked, failed_pins, last_failed_at FROM users WHERE id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let Some((hash, active, locked, failures, last_failed)) = row else {
            return Err(StoreError::NoUser(id.0.to_string()));
        };
        let stamp = Stamp {
            actor: None,
            at: now,
        };
        let event = |action: AuditAction, extra: serde_json::Value| {
            append(
                &tx,
                &key,
                None,
                0,
                action,
                stamp,
                &json!({ "user": id.0, "purpose": purpose, "detail": extra }),
            )
        };
        let outcome = if !active {
            event(AuditAction::PinRefusedDisabled, json!(null))?;
            PinCheck::Disabled
        } else if locked {
            event(AuditAction::PinRefusedLocked, json!(null))?;
            PinCheck::Locked
        } else if let Some(wait) = last_failed
            .map(|last| last + throttle.delay_secs(failures) - ts(now))
            .filter(|w| *w > 0)
        {
            event(AuditAction::PinRefusedWait, json!({ "wait_secs": wait }))?;
            PinCheck::TooSoon { wait_secs: wait }
        } else {
            let good = PasswordHash::new(&hash)
                .is_ok_and(|h| argon.verify_password(pin.as_bytes(), &h).is_ok());
            if good {
                pin_ok(&tx, &key, id, purpose, now)?;
                PinCheck::Ok(User {
                    id,
                    name: String::new(),
                    nip: String::new(),
                    role: Role::Operator,
                    active,
                    locked,
                    failed_pins: 0,
                    created_at: now,
                })
            } else {
                let failures = failures + 1;
                let lock = failures >= throttle.lock_after;
                tx.execute(
                    "UPDATE users SET failed_pins = ?2, last_failed_at = ?3, locked = ?4 WHERE id = ?1",
                    params![id.0, failures, ts(now), lock],
                )?;
                if lock {
                    event(
                        AuditAction::PinFailedLocked,
                        json!({ "failures": failures }),
                    )?;
                    PinCheck::Locked
                } else {
                    event(AuditAction::PinFailed, json!({ "failures": failures }))?;
                    PinCheck::Wrong {
                        failures,
                        wait_secs: throttle.delay_secs(failures),
                    }
                }
            }
        };
        tx.commit()?;
        self.publish_head()?;
        Ok(match outcome {
            PinCheck::Ok(_) => PinCheck::Ok(self.user(id)?),
            other => other,
        })
    }
}

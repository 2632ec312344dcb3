//! The sign-in PIN checked off the screen's thread (issue 10): Argon2 with
//! the parameters kept for security takes tens of milliseconds, more than a
//! frame. On Enter the screen redraws at once with "Checking the PIN…"; a
//! thread with its own connection runs the check (the same IMMEDIATE
//! transaction, throttle and lock as before, so two consoles still cannot
//! race a count); keys typed meanwhile wait, in order, and are handled
//! after the answer, on whatever screen it leads to.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::app::{Answer, App, Effect, Msg};
use crate::domain::visit::Time;
use crate::store::{Store, StoreError, Throttle};

/// A PIN check under way, and the keys that came meanwhile.
pub struct PendingCheck {
    answer: Receiver<Answer>,
    held: VecDeque<Msg>,
}

impl PendingCheck {
    /// Keep a key (or a paste) until the answer is in.
    pub fn hold(&mut self, msg: Msg) {
        self.held.push_back(msg);
    }

    /// The answer, once the check ended, with the keys held meanwhile.
    pub fn poll(&mut self) -> Option<(Answer, VecDeque<Msg>)> {
        let answer = match self.answer.try_recv() {
            Ok(a) => a,
            Err(TryRecvError::Empty) => return None,
            // The thread ended without an answer (it cannot panic short of
            // a bug): say so as a failure, and reload what is shown.
            Err(TryRecvError::Disconnected) => Answer::Failed {
                error: StoreError::Hash("the PIN check stopped without an answer".into()),
                reload: true,
            },
        };
        Some((answer, std::mem::take(&mut self.held)))
    }
}

/// Take the sign-in check out of `effects` (the rest stay, in order).
pub fn take_sign_in(effects: &mut Vec<Effect>) -> Option<Effect> {
    let i = effects
        .iter()
        .position(|e| matches!(e, Effect::SignIn { .. }))?;
    Some(effects.remove(i))
}

/// What the check answers: the store's verdict on the PIN (the same call
/// the synchronous path makes).
pub fn answer(store: &mut Store, effect: Effect, throttle: Throttle, now: Time) -> Answer {
    let outcome = match effect {
        Effect::SignIn { user, pin } => store
            .check_pin(user, pin.expose(), "sign_in", throttle, now)
            .map(Answer::SignIn),
        _ => Ok(Answer::Done),
    };
    outcome.unwrap_or_else(|error| Answer::Failed {
        error,
        reload: true,
    })
}

/// Start the check on its own thread, with its own connection to the
/// same files.
pub fn start(app: &App, store: &Store, effect: Effect, now: Time) -> PendingCheck {
    let throttle = super::throttle(app);
    let (db, key): (PathBuf, PathBuf) = (store.path().into(), store.key_path().into());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let answer = match Store::open(&db, &key) {
            Ok(mut s) => answer(&mut s, effect, throttle, now),
            Err(error) => Answer::Failed {
                error,
                reload: true,
            },
        };
        // The loop may be gone (the kiosk stopping): nothing to tell then.
        let _ = tx.send(answer);
    });
    PendingCheck {
        answer: rx,
        held: VecDeque::new(),
    }
}

//! The command an event records, rebuilt from its details and private
//! values for the replay: placeholders where anonymisation removed a value,
//! the row for what events before schema 4 do not carry.

use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;

use super::checker::{Checker, Private, VisitEvent, VisitRow, is_current, text};
use super::watch;
use crate::domain::badge::BadgeNo;
use crate::domain::visit::{
    ANONYMISED, ChecklistAnswer, Command, FormDraft, FormRules, NoticeAgreed, UserId, VisitForm,
};

/// A valid form, given to the replay of `form_completed`: the form typed
/// before submission is in no event (drafts are saved without one), so the
/// replay takes it from the row until the submitted form is known.
fn placeholder_form() -> Option<VisitForm> {
    static FORM: OnceLock<Option<VisitForm>> = OnceLock::new();
    FORM.get_or_init(placeholder).clone()
}

fn placeholder() -> Option<VisitForm> {
    let d = FormDraft {
        full_name: "Replay Placeholder".into(),
        id_type: "X".into(),
        id_number: "A1234567".into(),
        organisation: "-".into(),
        phone: "081234567890".into(),
        purpose: "X".into(),
        purpose_detail: "-".into(),
        equipment: String::new(),
        planned_minutes: "60".into(),
        person_visited: "Replay Placeholder".into(),
        letter_number: String::new(),
        letter_date: String::new(),
        letter_issuer: String::new(),
        id_held: true,
    };
    let x = ["X".to_owned()];
    d.validate(&FormRules::new(&x, &x)).ok()
}

impl Checker<'_> {
    /// The command an event records, rebuilt from its details and private
    /// values (placeholders where anonymisation removed them; the row for
    /// what legacy events do not carry).
    pub(super) fn command(
        &mut self,
        e: &VisitEvent,
        d: &Value,
        private: &Private,
        row: Option<&VisitRow>,
    ) -> Option<Command> {
        let current = is_current(d);
        let reason = || {
            let r = if current {
                private.get("reason").and_then(Value::as_str)
            } else {
                d.get("reason").and_then(Value::as_str)
            };
            r.unwrap_or(ANONYMISED).to_owned()
        };
        Some(match e.action.as_str() {
            "form_completed" => {
                let Some(form) = placeholder_form() else {
                    self.replay_error(e.id, &e.action, "internal: no placeholder form");
                    return None;
                };
                // Events before the privacy notice carry none (the
                // replay takes the answer back off: see `visit`).
                let retention_days = d
                    .get("notice")
                    .and_then(|n| n.get("retention_days"))
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
                    .unwrap_or(0);
                Command::CompleteForm(form, NoticeAgreed { retention_days })
            }
            "form_reopened" => Command::EditForm,
            "submitted" => Command::Submit,
            "approved" => match watch::seen(d) {
                Some(ids) => Command::ApproveWatched {
                    seen: watch::seen_ids(&ids),
                },
                None => Command::Approve,
            },
            "rejected" => Command::Reject { reason: reason() },
            "id_returned" => Command::ReturnId,
            "cancelled" if d.get("notice_refused") == Some(&Value::Bool(true)) => {
                Command::RefuseNotice
            }
            "cancelled" => Command::Cancel { reason: reason() },
            "badge_issued" => Command::IssueBadge {
                badge: BadgeNo::try_from(text(d, "badge")).ok()?,
                escort: UserId(d.get("escort").and_then(Value::as_i64).unwrap_or(0)),
            },
            "checkout_started" => Command::BeginCheckout,
            "checked_out" => {
                let (checklist, activity) = if current {
                    let notes = private.get("notes").and_then(Value::as_array);
                    let items = d.get("checklist").and_then(Value::as_array);
                    let checklist = items
                        .into_iter()
                        .flatten()
                        .enumerate()
                        .map(|(i, it)| {
                            let ok = it.get("ok").and_then(Value::as_bool).unwrap_or(false);
                            // Anonymised: a note was there where the item
                            // was not OK, unless the event says no reason
                            // was given (equipment left without one).
                            let had_reason =
                                !ok && it.get("reason").and_then(Value::as_bool) != Some(false);
                            let note = notes
                                .and_then(|n| n.get(i))
                                .and_then(Value::as_str)
                                .map_or_else(
                                    || if had_reason { ANONYMISED } else { "" }.to_owned(),
                                    str::to_owned,
                                );
                            ChecklistAnswer {
                                item: text(it, "item"),
                                ok,
                                note,
                                kind: it
                                    .get("kind")
                                    .and_then(|k| serde_json::from_value(k.clone()).ok())
                                    .unwrap_or_default(),
                            }
                        })
                        .collect();
                    let activity = private
                        .get("activity")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    (checklist, activity)
                } else {
                    // Older events carry neither: take them as stored.
                    let mut checklist = row.map(|r| r.visit.checklist.clone()).unwrap_or_default();
                    for a in &mut checklist {
                        if !a.ok && a.note.is_empty() {
                            a.note = ANONYMISED.into();
                        }
                    }
                    if checklist.is_empty() {
                        checklist.push(ChecklistAnswer {
                            ok: true,
                            ..ChecklistAnswer::default()
                        });
                    }
                    (
                        checklist,
                        row.map(|r| r.visit.activity.clone()).unwrap_or_default(),
                    )
                };
                Command::CheckOut {
                    badge_returned: BadgeNo::try_from(text(d, "badge_handed_back")).ok(),
                    id_returned: true,
                    checklist,
                    activity,
                }
            }
            "archived" => Command::Archive,
            _ => return None,
        })
    }

    /// The submitted form: from its private copy, or (anonymised) from the
    /// kept fields.
    pub(super) fn submitted_form(d: &Value, private: &Private) -> FormDraft {
        if let Some(form) = private
            .get("form")
            .and_then(|f| FormDraft::deserialize(f).ok())
        {
            return form;
        }
        let kept = d.get("kept").cloned().unwrap_or(Value::Null);
        FormDraft {
            full_name: ANONYMISED.into(),
            id_type: text(&kept, "id_type"),
            organisation: text(&kept, "organisation"),
            purpose: text(&kept, "purpose"),
            planned_minutes: text(&kept, "planned_minutes"),
            person_visited: ANONYMISED.into(),
            letter_number: text(&kept, "letter_number"),
            letter_date: text(&kept, "letter_date"),
            letter_issuer: text(&kept, "letter_issuer"),
            id_held: kept
                .get("id_held")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            ..FormDraft::default()
        }
    }
}

//! The privacy notice (pemberitahuan pelindungan data pribadi, UU 27/2022)
//! told to the visitor at the end of step 2: what is collected, why, how
//! long it is kept, who sees it, whom to ask. The visitor agrees, and the
//! form goes on to step 3; or refuses, and the visit is cancelled for that
//! reason with the ID given back (see [`super::visit::Command`]).

use super::visit::Time;

/// What the operator records with [`super::visit::Command::CompleteForm`]:
/// the visitor was told the notice, which said their data is kept
/// `retention_days` days, and agreed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticeAgreed {
    pub retention_days: u32,
}

/// The visitor's answer to the notice, as the visit keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeAnswer {
    /// Told and agreed (the newest time, when the form was completed again).
    Agreed { at: Time, retention_days: u32 },
    /// Refused: the visit was cancelled and the ID went back.
    Refused { at: Time },
}

impl NoticeAnswer {
    /// The name kept in the visit's row.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeAnswer::Agreed { .. } => "agreed",
            NoticeAnswer::Refused { .. } => "refused",
        }
    }

    /// From the row's columns (answer, time, retention days); `None` when
    /// no answer is recorded or the columns do not make one.
    pub fn from_row(answer: Option<&str>, at: Option<Time>, days: Option<u32>) -> Option<Self> {
        match (answer?, at?) {
            ("agreed", at) => Some(NoticeAnswer::Agreed {
                at,
                retention_days: days?,
            }),
            ("refused", at) => Some(NoticeAnswer::Refused { at }),
            _ => None,
        }
    }

    pub fn at(self) -> Time {
        match self {
            NoticeAnswer::Agreed { at, .. } | NoticeAnswer::Refused { at } => at,
        }
    }

    /// The retention period the visitor was told (agreed answers only).
    pub fn retention_days(self) -> Option<u32> {
        match self {
            NoticeAnswer::Agreed { retention_days, .. } => Some(retention_days),
            NoticeAnswer::Refused { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::domain::audit::AuditAction;
    use crate::domain::visit::{
        Actor, Command, FormDraft, Role, Status, TransitionError, UserId, Visit, VisitForm, VisitId,
    };

    const OP: Actor = Actor {
        id: UserId(2),
        role: Role::Operator,
    };
    const SUP: Actor = Actor {
        id: UserId(1),
        role: Role::Supervisor,
    };
    const TOLD: NoticeAgreed = NoticeAgreed {
        retention_days: 730,
    };

    fn t(min: i64) -> Time {
        Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap() + chrono::Duration::minutes(min)
    }

    fn form() -> VisitForm {
        FormDraft {
            full_name: "Budi Santoso".into(),
            id_type: "KTP".into(),
            id_number: "3201011505850001".into(),
            organisation: "PT Telkom".into(),
            phone: "081234567890".into(),
            purpose: "Audit".into(),
            purpose_detail: "Cek".into(),
            equipment: String::new(),
            planned_minutes: "60".into(),
            person_visited: "Andi Wijaya".into(),
            id_held: true,
        }
        .validate(&["KTP".into()], &["Audit".into()])
        .unwrap()
    }

    /// A draft whose form is typed in full with the ID held.
    fn draft() -> Visit {
        let mut v = Visit::start(VisitId(1), OP.id, t(0));
        v.form = form().to_draft();
        v
    }

    fn go(v: &Visit, cmd: &Command, actor: Actor, min: i64) -> Visit {
        v.apply(cmd, actor, t(min)).unwrap().0
    }

    #[test]
    fn agreeing_completes_the_form_and_is_on_the_visit_and_its_event() {
        let (v, ev) = draft()
            .apply(&Command::CompleteForm(form(), TOLD), OP, t(4))
            .unwrap();
        assert_eq!(v.status, Status::Review);
        assert_eq!(
            v.notice,
            Some(NoticeAnswer::Agreed {
                at: t(4),
                retention_days: 730
            })
        );
        assert_eq!(ev.action, AuditAction::FormCompleted);
        assert_eq!(
            ev.details["notice"],
            serde_json::json!({ "agreed": true, "retention_days": 730 })
        );
        // Back to edit and on again: the newest agreement is kept.
        let again = go(
            &go(&v, &Command::EditForm, OP, 5),
            &Command::CompleteForm(form(), TOLD),
            OP,
            6,
        );
        assert_eq!(again.notice.map(NoticeAnswer::at), Some(t(6)));
    }

    #[test]
    fn refusing_cancels_the_visit_and_gives_the_id_back() {
        let (v, ev) = draft().apply(&Command::RefuseNotice, OP, t(4)).unwrap();
        assert_eq!(v.status, Status::Cancelled);
        assert_eq!(v.notice, Some(NoticeAnswer::Refused { at: t(4) }));
        assert_eq!(v.id_returned_at, Some(t(4)));
        assert!(!v.id_held());
        assert!(v.is_closed());
        assert_eq!(ev.action, AuditAction::Cancelled);
        assert_eq!(
            ev.details,
            serde_json::json!({ "notice_refused": true, "id_returned": true })
        );
        assert!(ev.private.is_empty(), "a refusal carries no personal text");
    }

    #[test]
    fn the_notice_is_answered_only_at_the_end_of_step_2() {
        let review = go(&draft(), &Command::CompleteForm(form(), TOLD), OP, 1);
        let awaiting = go(&review, &Command::Submit, OP, 2);
        let approved = go(&awaiting, &Command::Approve, SUP, 3);
        let cancelled = go(&draft(), &Command::RefuseNotice, OP, 1);
        for v in [&review, &awaiting, &approved, &cancelled] {
            for cmd in [Command::RefuseNotice, Command::CompleteForm(form(), TOLD)] {
                assert_eq!(
                    v.apply(&cmd, OP, t(9)).unwrap_err(),
                    TransitionError::NotAllowed {
                        action: cmd.action(),
                        from: v.status,
                    },
                    "{:?} must refuse {cmd:?}",
                    v.status
                );
            }
        }
    }

    #[test]
    fn row_columns_round_trip() {
        for a in [
            NoticeAnswer::Agreed {
                at: t(1),
                retention_days: 30,
            },
            NoticeAnswer::Refused { at: t(2) },
        ] {
            let back = NoticeAnswer::from_row(Some(a.as_str()), Some(a.at()), a.retention_days());
            assert_eq!(back, Some(a));
        }
        assert_eq!(NoticeAnswer::from_row(None, Some(t(1)), Some(1)), None);
        assert_eq!(
            NoticeAnswer::from_row(Some("agreed"), Some(t(1)), None),
            None
        );
    }
}

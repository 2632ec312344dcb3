//! Test fixtures shared by the domain's and the app's unit tests: a
//! clock, two accounts, one visitor's form valid under the lists it is
//! checked against; and the form the visit's and the form's tests share,
//! with its lists.

use chrono::{TimeZone, Utc};

use super::visit::{Actor, FormDraft, Role, Time, UserId, VisitForm};

/// The operator on duty.
pub const OP: Actor = Actor {
    id: UserId(2),
    role: Role::Operator,
};

/// A supervisor (not the operator).
pub const SUP: Actor = Actor {
    id: UserId(1),
    role: Role::Supervisor,
};

/// `min` minutes after 27 November 2026 09:00 WIB.
pub fn t(min: i64) -> Time {
    Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0)
        .single()
        .unwrap_or_default()
        + chrono::Duration::minutes(min)
}

/// Budi's form as typed, every field valid under [`lists`].
pub fn budi_draft() -> FormDraft {
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
        person_visited: "Joko Susilo".into(),
        letter_number: String::new(),
        letter_date: String::new(),
        letter_issuer: String::new(),
        id_held: true,
    }
}

/// The ID types and purposes [`budi_draft`] is valid under.
pub fn lists() -> (Vec<String>, Vec<String>) {
    (vec!["KTP".into()], vec!["Audit".into()])
}

/// [`budi_draft`], validated.
pub fn budi_form() -> VisitForm {
    let (ids, purposes) = lists();
    budi_draft()
        .validate(&crate::domain::visit::FormRules::new(&ids, &purposes))
        .unwrap_or_else(|p| panic!("{p:?}"))
}

/// The ID types and purposes [`good_draft`] is checked against in the
/// visit's and the form's tests: two of each.
pub fn form_lists() -> (Vec<String>, Vec<String>) {
    (
        vec!["KTP".into(), "SIM".into()],
        vec!["Pemeliharaan".into(), "Audit".into()],
    )
}

/// A form as typed, every field valid under [`form_lists`] (its purpose
/// is the first), with equipment listed.
pub fn good_draft() -> FormDraft {
    FormDraft {
        purpose: "Pemeliharaan".into(),
        purpose_detail: "Ganti UPS".into(),
        equipment: "Laptop".into(),
        person_visited: "Andi Wijaya".into(),
        ..budi_draft()
    }
}

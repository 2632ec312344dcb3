//! The SOP's seven steps, by name: a step number outside 1..=7 cannot be
//! made, so a screen title, a standard or a timing cannot ask for step 8.

use std::fmt;

/// One of the SOP's seven steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// 1: the operator starts a visit.
    Start,
    /// 2: the server-room access form.
    Form,
    /// 3: the form handed in for approval.
    Submit,
    /// 4: the supervisor verifies and decides.
    Decide,
    /// 5: escorted in the server room.
    Inside,
    /// 6: the device checklist and check-out.
    Checkout,
    /// 7: the form archived.
    Archive,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Start,
        Step::Form,
        Step::Submit,
        Step::Decide,
        Step::Inside,
        Step::Checkout,
        Step::Archive,
    ];

    /// The steps timed against a standard (2..=7).
    pub const TIMED: [Step; 6] = [
        Step::Form,
        Step::Submit,
        Step::Decide,
        Step::Inside,
        Step::Checkout,
        Step::Archive,
    ];

    /// The SOP's number of the step, 1..=7 (also what the audit log stores).
    pub fn number(self) -> u8 {
        match self {
            Step::Start => 1,
            Step::Form => 2,
            Step::Submit => 3,
            Step::Decide => 4,
            Step::Inside => 5,
            Step::Checkout => 6,
            Step::Archive => 7,
        }
    }

    /// The step numbered `n`; `None` outside 1..=7.
    pub fn from_number(n: u8) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.number() == n)
    }
}

/// The step's number, as the SOP and the papers write it.
impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_nothing_else_is_a_step() {
        for (i, s) in Step::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(s.number()), i + 1);
            assert_eq!(Step::from_number(s.number()), Some(s));
            assert_eq!(s.to_string(), s.number().to_string());
        }
        assert_eq!(Step::from_number(0), None);
        assert_eq!(Step::from_number(8), None);
        assert_eq!(Step::TIMED.map(Step::number), [2, 3, 4, 5, 6, 7]);
    }
}

//! PINs: what may be typed to sign in ([`Pin::entered`]: digits of a PIN's
//! length) and what may be set ([`Pin::try_from`]: not too easy to guess,
//! that is not one digit repeated, a run, a common choice, a sequence or a
//! repeated group; [`Pin::for_account`]: nor taken from the account's own
//! NIP). `Debug` never shows the digits, and there is no `Display`.
//! Refusals are [`FieldError`]s, shared with the other form fields.

use std::fmt;

use super::fields::{FieldError, required};

/// Allowed [`Pin`] lengths.
pub const PIN_LEN: (usize, usize) = (6, 12);

/// PINs refused although well formed: common choices.
const COMMON_PINS: [&str; 13] = [
    "121212", "112233", "123123", "111222", "101010", "000000", "696969", "159753", "147258",
    "789456", "123321", "520520", "131313",
];

/// A PIN: 6–12 ASCII digits, not trivial (all one digit, a straight
/// ascending or descending run such as `123456` or `9876543`, or a common
/// choice). `Debug` never shows the digits, and there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(String);

impl Pin {
    /// The digits, for hashing or verifying only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A PIN as typed to be checked, never to be set: digits of a PIN's
    /// length. Trivial ones pass (no account has one, so the check refuses
    /// them and counts the attempt like any wrong PIN).
    pub fn entered(raw: &str) -> Result<Pin, FieldError> {
        let s = required(raw)?;
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::PinNotDigits);
        }
        let (min, max) = PIN_LEN;
        if !(min..=max).contains(&s.len()) {
            return Err(FieldError::PinLength { min, max });
        }
        Ok(Pin(s))
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(<redacted>)")
    }
}

/// Whether a string of digits is too easy to guess.
fn is_trivial_pin(digits: &str) -> bool {
    let b = digits.as_bytes();
    let steps = |step: i16| {
        b.windows(2)
            .all(|w| i16::from(w[1]) - i16::from(w[0]) == step)
    };
    steps(0) || steps(1) || steps(-1) || COMMON_PINS.contains(&digits)
}

/// Whether the digits step by a constant amount (mod 10, so `890123`
/// wraps), as a digit run.
fn constant_step(b: &[u8]) -> bool {
    if b.len() < 2 {
        return true;
    }
    let step = (i16::from(b[1]) - i16::from(b[0])).rem_euclid(10);
    b.windows(2)
        .all(|w| (i16::from(w[1]) - i16::from(w[0])).rem_euclid(10) == step)
}

/// Whether `digits` is the start of the numbers `a, a+k, a+2k, ...`
/// written one after another (`246810` is 2, 4, 6, 8, 10; `108642` is 10,
/// 8, 6, 4, 2), the first number of one or two digits.
fn written_progression(digits: &str) -> bool {
    let starts = (1..=2).filter_map(|n| digits.get(..n).and_then(|d| d.parse::<i32>().ok()));
    for a in starts {
        for k in (-9..=9).filter(|k| *k != 0) {
            let mut written = String::new();
            let mut x = a;
            while written.len() < digits.len() && x >= 0 {
                written.push_str(&x.to_string());
                x += k;
            }
            if written.len() >= digits.len() && written.starts_with(digits) {
                return true;
            }
        }
    }
    false
}

/// A PIN that is a sequence: a constant step (wrapping mod 10), the same
/// with one digit added at either end (`135790`, `975310`), or numbers in
/// an arithmetic progression written out (`246810`).
fn is_sequence(digits: &str) -> bool {
    let b = digits.as_bytes();
    let n = b.len();
    constant_step(b)
        || (n >= 6 && (constant_step(&b[1..]) || constant_step(&b[..n - 1])))
        || written_progression(digits)
}

/// A PIN that is one group of 2 to half its length repeated (`121212`,
/// `123123`, `12341234`), the last repeat possibly cut short.
fn is_repeated_group(digits: &str) -> bool {
    let b = digits.as_bytes();
    (2..=b.len() / 2).any(|p| (p..b.len()).all(|i| b[i] == b[i - p]))
}

impl Pin {
    /// A PIN for the account with this NIP: as [`Pin::try_from`], and not
    /// containing six digits in a row of the NIP (its birth date, its
    /// appointment date). `nip` is the NIP's digits (spaces ignored).
    ///
    /// # Errors
    /// Why the PIN is refused.
    pub fn for_account(raw: &str, nip: &str) -> Result<Pin, FieldError> {
        let pin = Pin::try_from(raw)?;
        let nip: String = nip.chars().filter(char::is_ascii_digit).collect();
        let taken = pin
            .0
            .as_bytes()
            .windows(6)
            .any(|w| nip.as_bytes().windows(6).any(|n| n == w));
        if taken {
            return Err(FieldError::PinFromNip);
        }
        Ok(pin)
    }

    /// Check an already parsed PIN against an account's NIP.
    ///
    /// # Errors
    /// [`FieldError::PinFromNip`] when it contains six digits of the NIP.
    pub fn check_for_account(&self, nip: &str) -> Result<(), FieldError> {
        Pin::for_account(&self.0, nip).map(|_| ())
    }
}

impl TryFrom<&str> for Pin {
    type Error = FieldError;

    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        // Digits of a PIN's length, as any PIN typed; then not easy to guess.
        let Pin(s) = Pin::entered(raw)?;
        if is_trivial_pin(&s) {
            return Err(FieldError::PinTrivial);
        }
        if is_sequence(&s) {
            return Err(FieldError::PinSequence);
        }
        if is_repeated_group(&s) {
            return Err(FieldError::PinRepeats);
        }
        Ok(Pin(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_valid() {
        // (123456789012 wraps 9 -> 0 -> 1: a sequence, refused; see below.)
        for pin in ["739182", "48151623", "918273645012", "120000", "570394"] {
            assert_eq!(Pin::try_from(pin).unwrap().expose(), pin);
        }
        assert_eq!(Pin::try_from(" 739182\n").unwrap().expose(), "739182");
    }

    #[test]
    fn pin_debug_hides_digits() {
        let pin = Pin::try_from("739182").unwrap();
        let shown = format!("{pin:?} {:?}", Some(&pin));
        assert!(!shown.contains("739182"));
        assert!(!shown.contains('7'));
        assert!(shown.contains("redacted"));
    }

    #[test]
    fn pin_shape() {
        let e = |s: &str| Pin::try_from(s).expect_err(s);
        assert_eq!(e(""), FieldError::Required);
        assert_eq!(e("73918"), FieldError::PinLength { min: 6, max: 12 });
        assert_eq!(
            e("7391827391827"),
            FieldError::PinLength { min: 6, max: 12 }
        );
        assert_eq!(e("73918a"), FieldError::PinNotDigits);
        assert_eq!(e("739 182"), FieldError::PinNotDigits);
        assert_eq!(e("٧٣٩١٨٢"), FieldError::PinNotDigits);
    }

    #[test]
    fn pin_trivial() {
        let trivial = [
            // one digit repeated, every length
            "000000",
            "1111111",
            "99999999",
            "555555555555",
            // ascending runs
            "123456",
            "234567",
            "456789",
            "012345",
            "0123456",
            "3456789",
            "0123456789",
            // descending runs
            "654321",
            "987654",
            "543210",
            "9876543210",
            "876543",
            // common ones
            "121212",
            "112233",
            "123123",
            "111222",
            "101010",
            "696969",
            "159753",
            "147258",
            "789456",
            "123321",
            "520520",
            "131313",
        ];
        for pin in trivial {
            assert_eq!(Pin::try_from(pin), Err(FieldError::PinTrivial), "{pin}");
        }
    }

    #[test]
    fn pin_sequences_refused() {
        for pin in [
            "246810", "135790", "975310", "890123", "024680", "086420", "963074", "108642",
            "369121", "13579135", "567890",
        ] {
            assert_eq!(Pin::try_from(pin), Err(FieldError::PinSequence), "{pin}");
        }
    }

    #[test]
    fn pin_repeated_groups_refused() {
        for pin in ["737373", "482482", "48294829", "90519051", "3873873"] {
            assert_eq!(Pin::try_from(pin), Err(FieldError::PinRepeats), "{pin}");
        }
    }

    #[test]
    fn pin_from_the_own_nip_refused() {
        let nip = "198501152010011001";
        // Birth date, appointment date, and a run across the two.
        for pin in ["850115", "19850115", "201001", "152010", "7198501150"] {
            assert_eq!(
                Pin::for_account(pin, nip),
                Err(FieldError::PinFromNip),
                "{pin}"
            );
        }
        assert_eq!(Pin::for_account("482916", nip).unwrap().expose(), "482916");
        // Another account's NIP does not matter; spaces in the NIP do not help.
        assert!(Pin::for_account("850115", "199002202015032002").is_ok());
        assert_eq!(
            Pin::for_account("850115", "19850115 201001 1 001"),
            Err(FieldError::PinFromNip)
        );
    }

    #[test]
    fn ordinary_pins_still_pass() {
        for pin in [
            "482916", "739251", "602817", "730482", "551937", "739164", "482915",
        ] {
            assert!(Pin::try_from(pin).is_ok(), "{pin}");
        }
    }
}

//! What a field says when its input is not valid, in the UI language.
//!
//! The domain's errors carry data; the words live here, one arm per variant
//! and language, so a new variant does not compile until it is worded.

use crate::config::Language;
use crate::domain::fields::FieldError;
use crate::domain::nik::NikError;

/// The message shown under a field for `err`, in `lang`.
pub fn field_error_text(err: &FieldError, lang: Language) -> String {
    use FieldError as F;
    use Language::{En, Id};
    match (err, lang) {
        (F::PinMismatch, Id) => "Kedua PIN tidak sama".into(),
        (F::PinMismatch, En) => "The two PINs differ".into(),
        (F::NotInList, Id) => "Pilih salah satu dari daftar (←/→)".into(),
        (F::NotInList, En) => "Pick one of the list (←/→)".into(),
        (F::IdNotHeld, Id) => "Pastikan dokumen identitas sudah dipegang petugas (Spasi)".into(),
        (F::IdNotHeld, En) => "Confirm the ID document is physically held (Space)".into(),
        (F::NotADate, Id) => "Tanggal tidak dikenal; tulis HH-BB-TTTT, mis. 28-11-2026".into(),
        (F::NotADate, En) => "Not a date; type DD-MM-YYYY, e.g. 28-11-2026".into(),
        (F::LetterRequired, Id) => "Keperluan ini wajib disertai surat tugas: isi nomornya".into(),
        (F::LetterRequired, En) => "This purpose needs an assignment letter: type its number".into(),
        (F::Required, Id) => "Wajib diisi".into(),
        (F::Required, En) => "Required".into(),
        (F::TooLong { max, found }, Id) => {
            format!("Terlalu panjang: {found} karakter, paling banyak {max}")
        }
        (F::TooLong { max, found }, En) => {
            format!("Too long: {found} characters, at most {max}")
        }
        (F::NameNoLetter, Id) => "Nama harus berisi setidaknya satu huruf".into(),
        (F::NameNoLetter, En) => "A name needs at least one letter".into(),
        (F::InvalidChar { ch }, Id) => {
            format!("Karakter '{}' tidak boleh di sini", ch.escape_debug())
        }
        (F::InvalidChar { ch }, En) => {
            format!("Character '{}' is not allowed here", ch.escape_debug())
        }
        (F::Nik(e), _) => nik_error_text(e, lang),
        (F::NipLength { found }, Id) => format!("NIP harus 18 angka (sekarang {found})"),
        (F::NipLength { found }, En) => format!("A NIP has 18 digits (this has {found})"),
        (F::NipBirthDate { year, month, day }, Id) => {
            format!("Tanggal lahir pada NIP ({day:02}-{month:02}-{year:04}) tidak ada")
        }
        (F::NipBirthDate { year, month, day }, En) => {
            format!("The NIP's date of birth ({day:02}-{month:02}-{year:04}) does not exist")
        }
        (F::NipBirthYear { year, min, max }, Id) => {
            format!("Tahun lahir pada NIP ({year}) harus antara {min} dan {max}")
        }
        (F::NipBirthYear { year, min, max }, En) => {
            format!("The NIP's year of birth ({year}) must be between {min} and {max}")
        }
        (F::NipAppointmentMonth { month }, Id) => {
            format!("Bulan pengangkatan pada NIP ({month:02}) harus 01–12")
        }
        (F::NipAppointmentMonth { month }, En) => {
            format!("The NIP's month of appointment ({month:02}) must be 01–12")
        }
        (F::NipSex { digit }, Id) => {
            format!("Angka ke-15 NIP (jenis kelamin) harus 1 atau 2, bukan {digit}")
        }
        (F::NipSex { digit }, En) => {
            format!("Digit 15 of a NIP (sex) must be 1 or 2, not {digit}")
        }
        (F::NipSerial, Id) => "Nomor urut NIP (3 angka terakhir) tidak boleh 000".into(),
        (F::NipSerial, En) => "The NIP's serial (last 3 digits) cannot be 000".into(),
        (F::PhoneLength { found, min, max }, Id) => {
            format!("Nomor telepon harus {min}–{max} angka (sekarang {found})")
        }
        (F::PhoneLength { found, min, max }, En) => {
            format!("A phone number has {min}–{max} digits (this has {found})")
        }
        (F::IdNumberLength { found, min, max }, Id) => {
            format!("Nomor identitas harus {min}–{max} huruf/angka (sekarang {found})")
        }
        (F::IdNumberLength { found, min, max }, En) => {
            format!("An ID number has {min}–{max} letters/digits (this has {found})")
        }
        (F::NotANumber, Id) => "Isi dengan bilangan bulat (menit), mis. 60".into(),
        (F::NotANumber, En) => "Enter a whole number of minutes, e.g. 60".into(),
        (F::DurationRange { min, max }, Id) => format!("Durasi harus {min}–{max} menit"),
        (F::DurationRange { min, max }, En) => {
            format!("The duration must be {min}–{max} minutes")
        }
        (F::PinNotDigits, Id) => "PIN hanya boleh berisi angka".into(),
        (F::PinNotDigits, En) => "A PIN has digits only".into(),
        (F::PinLength { min, max }, Id) => format!("PIN harus {min}–{max} angka"),
        (F::PinLength { min, max }, En) => format!("A PIN has {min}–{max} digits"),
        (F::PinTrivial, Id) => {
            "PIN terlalu mudah ditebak (angka sama, berurutan, atau umum); pilih yang lain".into()
        }
        (F::PinTrivial, En) => {
            "PIN too easy to guess (repeated, a run, or common); choose another".into()
        }
        (F::PinSequence, Id) => {
            "PIN berupa deret angka (mis. 246810, 890123); pilih yang lain".into()
        }
        (F::PinSequence, En) => {
            "PIN is a sequence of digits (e.g. 246810, 890123); choose another".into()
        }
        (F::PinRepeats, Id) => {
            "PIN mengulang kelompok angka yang sama (mis. 121212, 123123); pilih yang lain".into()
        }
        (F::PinRepeats, En) => {
            "PIN repeats one group of digits (e.g. 121212, 123123); choose another".into()
        }
        (F::PinFromNip, Id) => {
            "PIN tidak boleh memuat 6 angka berurutan dari NIP akun (tanggal lahir, tanggal pengangkatan)".into()
        }
        (F::PinFromNip, En) => {
            "A PIN may not contain six digits in a row of the account's NIP (birth date, appointment date)".into()
        }
    }
}

/// The message for a KTP number that is not a well-formed NIK.
pub fn nik_error_text(err: &NikError, lang: Language) -> String {
    use Language::{En, Id};
    use NikError as N;
    match (err, lang) {
        (N::Length { found }, Id) => format!("NIK harus 16 angka (sekarang {found})"),
        (N::Length { found }, En) => format!("A NIK has 16 digits (this has {found})"),
        (N::InvalidChar { ch }, Id) => {
            format!(
                "NIK hanya berisi angka; '{}' tidak boleh",
                ch.escape_debug()
            )
        }
        (N::InvalidChar { ch }, En) => {
            format!(
                "A NIK has digits only; '{}' is not allowed",
                ch.escape_debug()
            )
        }
        (N::UnknownProvince { code }, Id) => {
            format!("Kode provinsi {code:02} tidak dikenal (2 angka pertama NIK)")
        }
        (N::UnknownProvince { code }, En) => {
            format!("Province code {code:02} is unknown (first 2 digits of the NIK)")
        }
        (N::ZeroRegency, Id) => "Kode kabupaten/kota (angka ke-3–4 NIK) tidak boleh 00".into(),
        (N::ZeroRegency, En) => "The regency code (NIK digits 3–4) cannot be 00".into(),
        (N::ZeroDistrict, Id) => "Kode kecamatan (angka ke-5–6 NIK) tidak boleh 00".into(),
        (N::ZeroDistrict, En) => "The district code (NIK digits 5–6) cannot be 00".into(),
        (N::BadDay { day }, Id) => {
            format!("Tanggal lahir pada NIK ({day:02}) harus 01–31, atau 41–71 untuk perempuan")
        }
        (N::BadDay { day }, En) => {
            format!("The NIK's day of birth ({day:02}) must be 01–31, or 41–71 for women")
        }
        (N::BadMonth { month }, Id) => {
            format!("Bulan lahir pada NIK ({month:02}) harus 01–12")
        }
        (N::BadMonth { month }, En) => {
            format!("The NIK's month of birth ({month:02}) must be 01–12")
        }
        (N::NoSuchDate { day, month, .. }, Id) => {
            format!("Tanggal lahir {day:02}-{month:02} tidak ada")
        }
        (N::NoSuchDate { day, month, year }, En) => {
            format!("Date of birth {day:02}-{month:02}-{year:02} does not exist")
        }
        (N::ZeroSerial, Id) => "Nomor urut NIK (4 angka terakhir) tidak boleh 0000".into(),
        (N::ZeroSerial, En) => "The NIK's serial (last 4 digits) cannot be 0000".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_errors() -> Vec<FieldError> {
        vec![
            FieldError::Required,
            FieldError::NotADate,
            FieldError::LetterRequired,
            FieldError::TooLong { max: 80, found: 81 },
            FieldError::NameNoLetter,
            FieldError::InvalidChar { ch: '/' },
            FieldError::Nik(NikError::Length { found: 15 }),
            FieldError::Nik(NikError::InvalidChar { ch: 'A' }),
            FieldError::Nik(NikError::UnknownProvince { code: 37 }),
            FieldError::Nik(NikError::ZeroRegency),
            FieldError::Nik(NikError::ZeroDistrict),
            FieldError::Nik(NikError::BadDay { day: 32 }),
            FieldError::Nik(NikError::BadMonth { month: 13 }),
            FieldError::Nik(NikError::NoSuchDate {
                day: 31,
                month: 2,
                year: 80,
            }),
            FieldError::Nik(NikError::ZeroSerial),
            FieldError::NipLength { found: 17 },
            FieldError::NipBirthDate {
                year: 1985,
                month: 2,
                day: 30,
            },
            FieldError::NipBirthYear {
                year: 1939,
                min: 1940,
                max: 2015,
            },
            FieldError::NipAppointmentMonth { month: 13 },
            FieldError::NipSex { digit: 3 },
            FieldError::NipSerial,
            FieldError::PhoneLength {
                found: 7,
                min: 8,
                max: 15,
            },
            FieldError::IdNumberLength {
                found: 3,
                min: 4,
                max: 30,
            },
            FieldError::NotANumber,
            FieldError::DurationRange { min: 1, max: 480 },
            FieldError::PinNotDigits,
            FieldError::PinLength { min: 6, max: 12 },
            FieldError::PinTrivial,
            FieldError::PinSequence,
            FieldError::PinRepeats,
            FieldError::PinFromNip,
        ]
    }

    #[test]
    fn every_error_has_distinct_text_in_both_languages() {
        for err in all_errors() {
            let id = field_error_text(&err, Language::Id);
            let en = field_error_text(&err, Language::En);
            assert!(!id.is_empty() && !en.is_empty(), "{err:?}");
            assert_ne!(id, en, "{err:?}");
        }
    }

    #[test]
    fn messages_say_what_is_wrong() {
        let t = |e: FieldError| field_error_text(&e, Language::Id);
        assert_eq!(
            t(NikError::Length { found: 15 }.into()),
            "NIK harus 16 angka (sekarang 15)"
        );
        assert!(
            t(NikError::UnknownProvince { code: 37 }.into())
                .starts_with("Kode provinsi 37 tidak dikenal")
        );
        assert_eq!(
            t(NikError::NoSuchDate {
                day: 31,
                month: 2,
                year: 80
            }
            .into()),
            "Tanggal lahir 31-02 tidak ada"
        );
        assert_eq!(
            field_error_text(&FieldError::TooLong { max: 80, found: 95 }, Language::En),
            "Too long: 95 characters, at most 80"
        );
        // A control character is shown escaped, never sent to the terminal.
        let esc = field_error_text(&FieldError::InvalidChar { ch: '\u{1b}' }, Language::En);
        assert!(!esc.contains('\u{1b}'), "{esc}");
        assert!(esc.contains("\\u{1b}"), "{esc}");
    }
}

//! The visitor's words at the door: the privacy notice screen (UU 27/2022)
//! and what is known of a returning visitor, on the form and on the papers.

use crate::config::Language::{self, En, Id};

super::catalogue! {
    /// All plain words about the visitor's data in one language; see [`super`].
    pub struct VisitorText;
    notice_title: "Pemberitahuan pelindungan data pribadi", "Privacy notice";
    notice_read:
        "Bacakan atau tunjukkan kepada pengunjung:",
        "Read or show to the visitor:";
    notice_ask:
        "Pengunjung sudah diberi tahu dan setuju?",
        "Has the visitor been told, and do they agree?";
    notice_keys:
        "Enter: diberi tahu dan setuju · x: menolak · Esc: kembali ke formulir",
        "Enter: told and agrees · x: refuses · Esc: back to the form";
    notice_confirm_refusal:
        "Pengunjung menolak: kunjungan dibatalkan dan identitas dikembalikan. x sekali lagi: batalkan · Esc: tidak",
        "The visitor refuses: the visit is cancelled and the ID given back. x once more: cancel · Esc: no";
    hint_agree: "Setuju", "Agrees";
    hint_refuse: "Menolak", "Refuses";
    notice_refused_title: "Kunjungan dibatalkan", "Visit cancelled";
    refused_reason:
        "Pengunjung menolak pemberitahuan pelindungan data pribadi",
        "The visitor refused the privacy notice";
    notice_label: "Pemberitahuan privasi", "Privacy notice";
    returning_title: "Pengunjung lama", "Returning visitor";
    returning_keys:
        "F2: ambil isian ini · F3: ambil semua",
        "F2: take this field · F3: take all";
    similar_names: "Nama yang pernah datang", "Names seen before";
    similar_keys:
        "PgDn/PgUp: pilih · F2: ambil data orang ini",
        "PgDn/PgUp: choose · F2: take this person's details";
    hint_take: "Ambil", "Take";
    hint_take_all: "Ambil semua", "Take all";
    hint_pick: "Pilih nama", "Choose a name";
}

impl VisitorText {
    /// The acknowledgement: told, agreed, when, and the period the notice named.
    pub fn notice_agreed(&self, at: &str, days: u32) -> String {
        match self.language {
            Id => format!(
                "Pengunjung telah diberi tahu pemberitahuan pelindungan data pribadi \
                 (UU 27/2022; data disimpan {days} hari) dan menyetujuinya, {at}."
            ),
            En => format!(
                "The visitor was told the privacy notice (UU 27/2022; data kept {days} \
                 days) and agreed, {at}."
            ),
        }
    }

    /// The acknowledgement in one line (archive, detail).
    pub fn agreed_short(&self, at: &str, days: u32) -> String {
        match self.language {
            Id => format!("setuju {at} · disimpan {days} hari"),
            En => format!("agreed {at} · kept {days} days"),
        }
    }

    /// The visitor refused the notice (archive, detail).
    pub fn notice_refused(&self, at: &str) -> String {
        match self.language {
            Id => format!("{}, {at}.", self.refused_reason),
            En => format!("{}, {at}.", self.refused_reason),
        }
    }

    /// The notice after a refusal, on Home.
    pub fn refused_told(&self, visit: i64) -> String {
        match self.language {
            Id => format!(
                "Kunjungan #{visit} dibatalkan: pengunjung menolak pemberitahuan pelindungan \
                 data pribadi. Kembalikan dokumen identitasnya."
            ),
            En => format!(
                "Visit #{visit} was cancelled: the visitor refused the privacy notice. Give \
                 the ID document back."
            ),
        }
    }

    /// Earlier visits of the visitor typed: how many and the last date.
    pub fn earlier(&self, n: u32, last: &str) -> String {
        match self.language {
            Id => format!("{n} kunjungan sebelumnya, terakhir {last}"),
            En => format!("{n} earlier visits, the last on {last}"),
        }
    }

    /// The flags of earlier visits, in words; empty when none.
    pub fn flags(&self, overstays: u32, checklist: u32, lost: u32) -> String {
        let mut out = Vec::new();
        let (o, c, l) = match self.language {
            Id => ("melebihi batas waktu", "ceklist tidak OK", "kartu hilang"),
            En => ("overstayed", "checklist not OK", "badge lost"),
        };
        for (n, w) in [(overstays, o), (checklist, c), (lost, l)] {
            if n > 0 {
                out.push(format!("{w} {n}×"));
            }
        }
        out.join(" · ")
    }

    /// No earlier visit had a flag.
    pub fn no_flags(&self) -> &'static str {
        match self.language {
            Id => "tanpa catatan",
            En => "no flags",
        }
    }
}

/// The catalogue of a language.
pub fn visitor_text(lang: Language) -> &'static VisitorText {
    match lang {
        Id => &VisitorText::ID,
        En => &VisitorText::EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_show_every_value() {
        for t in [&VisitorText::ID, &VisitorText::EN] {
            let s = t.notice_agreed("03-12-2026 10:12", 730);
            assert!(s.contains("03-12-2026 10:12") && s.contains("730"), "{s}");
            assert!(t.notice_refused("x1").contains("x1"));
            assert!(t.refused_told(42).contains("#42"));
            let s = t.earlier(3, "12-11-2026");
            assert!(s.contains('3') && s.contains("12-11-2026"), "{s}");
            let s = t.flags(1, 2, 3);
            assert!(
                s.contains("1×") && s.contains("2×") && s.contains("3×"),
                "{s}"
            );
            assert!(t.flags(0, 0, 0).is_empty());
        }
        for (name, id, en) in VisitorText::ENTRIES {
            assert!(!id.is_empty() && !en.is_empty(), "{name}");
            assert!(!id.contains('{') && !en.contains('{'), "{name}");
        }
    }
}

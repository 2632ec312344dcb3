//! Teams (rombongan): the words of the leader's form, a member's form, and
//! the team on the review, approval and report.

use crate::config::Language::{self, En, Id};

super::catalogue! {
    /// All plain words about teams in one language; see [`super`].
    pub struct TeamText;
    hint_add_member: "Tambah anggota", "Add member";
    hint_next_member: "Anggota berikut", "Next member";
    member_title: "Anggota rombongan", "Team member";
    member_shared:
        "Instansi, keperluan, surat tugas, lama kunjungan dan pegawai yang dituju mengikuti ketua.",
        "Organisation, purpose, letter, duration and person visited follow the leader.";
    team_label: "Rombongan", "Team";
    member_done_hint:
        "Enter di kolom terakhir: kembali ke formulir ketua.",
        "Enter on the last field: back to the leader's form.";
}

impl TeamText {
    /// The leader's form: its members so far, by name.
    pub fn members_line(&self, names: &[String]) -> String {
        let n = names.len();
        let list = names.join(", ");
        match self.language {
            Id => format!("{n} anggota: {list}"),
            En => format!("{n} member{}: {list}", if n == 1 { "" } else { "s" }),
        }
    }

    /// A member's form title: their visit and the leader's.
    pub fn member_of(&self, member: i64, leader: i64) -> String {
        match self.language {
            Id => format!("Anggota rombongan #{member} (ketua #{leader})"),
            En => format!("Team member #{member} (leader #{leader})"),
        }
    }

    /// The team could not go on: a member's form is incomplete.
    pub fn member_incomplete(&self, member: i64) -> String {
        match self.language {
            Id => format!("⚠ Formulir anggota #{member} belum lengkap; F5 untuk membukanya."),
            En => format!("⚠ The form of member #{member} is not complete; F5 opens it."),
        }
    }

    /// A member in Home's queue while the team moves as one: in place of
    /// the step, which team (the leader's row shows the step); short, so
    /// that a seven-digit visit number still fits the column.
    pub fn member_short(&self, leader: i64) -> String {
        match self.language {
            Id => format!("Rombongan #{leader}"),
            En => format!("Team #{leader}"),
        }
    }

    /// Cancelling a leader before the decision: the members go with it.
    pub fn cancel_team(&self, members: usize) -> String {
        match self.language {
            Id => format!("Seluruh rombongan ikut dibatalkan ({members} anggota)."),
            En => format!(
                "The whole team is cancelled with it ({members} member{}).",
                if members == 1 { "" } else { "s" }
            ),
        }
    }

    /// A member in a list (home, day log): which team.
    pub fn of_team(&self, leader: i64) -> String {
        match self.language {
            Id => format!("rombongan #{leader}"),
            En => format!("team #{leader}"),
        }
    }
}

pub fn team_text(lang: Language) -> &'static TeamText {
    match lang {
        Id => &TeamText::ID,
        En => &TeamText::EN,
    }
}

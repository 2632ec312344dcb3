//! The forms of a day's visits as the operator types them: a planned
//! visitor's completed from the plan, the others from a visitor who may
//! come back, now and then with a team; and the draws they are made of
//! (who comes, for what, with which assignment letter).

use super::desk::Planned;
use super::words::{DETAILS, EQUIPMENT, STAFF, visitor};
use crate::domain::visit::FormDraft;
use chrono::Datelike;
use rand::Rng;

impl super::day::Gen<'_> {
    /// The forms of the visits starting at `starts`, and each one's team
    /// (members' own name, ID and phone); `planned[i]` names visit `i`'s
    /// plan in `plans`.
    pub(super) fn forms(
        &mut self,
        starts: &[i64],
        planned: &[Option<usize>],
        plans: &[Planned],
    ) -> (Vec<FormDraft>, Vec<Vec<FormDraft>>) {
        let cfg = &self.config.visit;
        let mut forms: Vec<FormDraft> = Vec::with_capacity(starts.len());
        // Teams: now and then a company sends one or two more technicians
        // with the visitor (their own name, ID and phone).
        let mut team_forms: Vec<Vec<FormDraft>> = Vec::with_capacity(starts.len());
        for (i, &start) in starts.iter().enumerate() {
            if let Some(p) = planned[i].map(|j| &plans[j]) {
                // The operator completes what the plan did not say.
                let v = visitor(self.spec.seed, p.k, &cfg.id_types);
                let issuer = if p.new.letter.is_empty() {
                    String::new()
                } else {
                    p.new.organisation.clone()
                };
                team_forms.push(Vec::new());
                forms.push(FormDraft {
                    full_name: v.name,
                    id_type: v.id_type,
                    id_number: v.id_number,
                    organisation: p.new.organisation.clone(),
                    phone: v.phone,
                    purpose: p.new.purpose.clone(),
                    purpose_detail: p.new.detail.clone(),
                    equipment: self.pick(&EQUIPMENT).to_owned(),
                    planned_minutes: self.pick(&["30", "60", "60", "90", "120"]).to_owned(),
                    person_visited: self.pick(&STAFF).to_owned(),
                    letter_number: p.new.letter.clone(),
                    letter_date: p.letter_date.clone(),
                    letter_issuer: issuer,
                    id_held: true,
                });
                continue;
            }
            let k = self.someone();
            let v = visitor(self.spec.seed, k, &cfg.id_types);
            let purpose = self.purpose();
            // Companies' technicians bring an assignment letter (always
            // where the purpose needs one), dated a few days before.
            let company = v.organisation.starts_with("PT ") || v.organisation.starts_with("CV ");
            let [letter_number, letter_date, letter_issuer] =
                self.letter(start, v.organisation, &purpose);
            let size = if company && self.rng.gen_bool(0.06) {
                self.rng.gen_range(1..=2)
            } else {
                0
            };
            let team = (0..size)
                .map(|_| {
                    let m = visitor(
                        self.spec.seed,
                        self.rng.gen_range(0..self.visitors),
                        &cfg.id_types,
                    );
                    FormDraft {
                        full_name: m.name,
                        id_type: m.id_type,
                        id_number: m.id_number,
                        phone: m.phone,
                        id_held: true,
                        ..FormDraft::default()
                    }
                })
                .collect();
            team_forms.push(team);
            forms.push(FormDraft {
                full_name: v.name,
                id_type: v.id_type,
                id_number: v.id_number,
                organisation: v.organisation.to_owned(),
                phone: v.phone,
                purpose,
                purpose_detail: self.pick(&DETAILS).to_owned(),
                equipment: self.pick(&EQUIPMENT).to_owned(),
                planned_minutes: self.pick(&["30", "60", "60", "90", "120"]).to_owned(),
                person_visited: self.pick(&STAFF).to_owned(),
                letter_number,
                letter_date,
                letter_issuer,
                id_held: true,
            });
        }
        (forms, team_forms)
    }

    /// A visitor's number: frequent visitors come often (a skewed pick
    /// from the pool).
    pub(super) fn someone(&mut self) -> u64 {
        let u: f64 = self.rng.r#gen();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "an index below the pool size"
        )]
        let k = ((u * u) * self.visitors as f64) as u64;
        k
    }

    /// Half the visits are for the first purpose, the rest for any.
    pub(super) fn purpose(&mut self) -> String {
        let purposes = &self.config.visit.purposes;
        if self.rng.gen_bool(0.5) {
            purposes.first().cloned().unwrap_or_default()
        } else {
            purposes[self.rng.gen_range(0..purposes.len().max(1))].clone()
        }
    }

    /// An assignment letter (number, date, issuer) issued by
    /// `organisation` a few days before `start` — always where the
    /// purpose needs one, for companies' technicians often — or none.
    pub(super) fn letter(&mut self, start: i64, organisation: &str, purpose: &str) -> [String; 3] {
        let company = organisation.starts_with("PT ") || organisation.starts_with("CV ");
        let needs = self
            .config
            .visit
            .letter_required_for
            .iter()
            .any(|p| p == purpose);
        if needs || (company && self.rng.gen_bool(0.4)) {
            let issued =
                crate::store::from_ts(start - 86_400 * self.rng.gen_range(0..7)).date_naive();
            [
                format!(
                    "{:03}/{}/ST/{}",
                    self.rng.gen_range(1..1000),
                    issued.month(),
                    issued.year()
                ),
                crate::format::date(&issued),
                organisation.to_owned(),
            ]
        } else {
            Default::default()
        }
    }
}

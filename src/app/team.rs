//! Teams (rombongan): the leader's form lists its members, each typed on
//! a form of their own fields; the team goes on together until the
//! decision (the store records it for all), then each member is a visit
//! of their own. The members are read from the dashboard, which holds
//! every open visit.

use crate::domain::stage::Stage;
use crate::domain::visit::{FormField, Status, Visit, VisitForm, VisitId};
use crate::domain::watchlist::WatchHit;

use super::{App, Effect, FormState, KeyTarget, Screen};

impl App {
    /// The members of a leader's team at `status` (its step), oldest first,
    /// as last loaded.
    pub fn team_at(&self, leader: VisitId, status: Status) -> Vec<&Visit> {
        let mut members: Vec<&Visit> = self
            .dashboard
            .open
            .iter()
            .map(|s| &s.visit)
            .filter(|v| v.team == Some(leader) && v.status == status)
            .collect();
        members.sort_by_key(|v| v.id);
        members
    }

    /// The leader's form as last loaded (empty if it is not open).
    pub fn leader_form(&self, leader: VisitId) -> crate::domain::visit::FormDraft {
        self.dashboard
            .open
            .iter()
            .find(|s| s.visit.id == leader)
            .map(|s| s.visit.form.clone())
            .unwrap_or_default()
    }

    /// The members whose forms are still being typed with the leader's.
    pub fn team_drafts(&self, leader: VisitId) -> Vec<&Visit> {
        self.team_at(leader, Status::Draft)
    }

    /// Every member's form as it will be recorded with the leader's
    /// (`leader`: the leader's form as typed): or the first member whose
    /// own fields are not complete.
    pub(super) fn member_forms(
        &self,
        leader: VisitId,
        leader_form: &crate::domain::visit::FormDraft,
    ) -> Result<Vec<(VisitId, VisitForm)>, VisitId> {
        let rules = self.config.visit.form_rules();
        self.team_drafts(leader)
            .into_iter()
            .map(|m| {
                m.form
                    .as_member_of(leader_form)
                    .validate(&rules)
                    .map(|form| (m.id, form))
                    .map_err(|_| m.id)
            })
            .collect()
    }

    /// Enter at the end of a member's form: their own fields complete,
    /// back to the leader's form; otherwise the first problem in focus.
    pub(super) fn member_done(&mut self, mut f: FormState) -> (Screen, Vec<Effect>) {
        let rules = self.config.visit.form_rules();
        let leader = f.team.map(|l| self.leader_form(l)).unwrap_or_default();
        let problem = f
            .draft
            .as_member_of(&leader)
            .problems(&rules)
            .into_iter()
            .find(|(field, _)| FormField::MEMBER.contains(field));
        f.show_errors = true;
        if let Some((field, _)) = problem {
            f.focus_on(field);
            return (Screen::Form(f), Vec::new());
        }
        f.dirty = false;
        let mut effects = vec![Effect::SaveDraft(f.visit, f.draft.clone())];
        effects.extend(f.to_leader());
        (Screen::Form(f), effects)
    }

    /// The form after `current` in the team (the leader, then each member;
    /// after the last, the leader again), if there is another.
    pub(super) fn next_in_team(&self, leader: VisitId, current: VisitId) -> Option<KeyTarget> {
        let mut team = vec![leader];
        team.extend(self.team_drafts(leader).iter().map(|m| m.id));
        let i = team.iter().position(|id| *id == current)?;
        let next = team[(i + 1) % team.len()];
        (next != current).then_some(KeyTarget {
            visit: next,
            stage: Stage::Draft,
        })
    }

    /// The visit on screen (a step screen or the detail) when it may have
    /// led a team whose members the dashboard does not hold (they went on
    /// alone after the decision, or left): their names are asked for once.
    pub(super) fn team_query(&self) -> Option<Effect> {
        let v = match &self.screen {
            Screen::Detail(d) => &d.visit,
            _ => self.visit_on_screen()?,
        };
        let loaded = self.team_shown.as_ref().is_some_and(|t| t.0 == v.id);
        let moving = !self.team_at(v.id, v.status).is_empty();
        (v.team.is_none() && !moving && !loaded).then_some(Effect::LoadTeam(v.id))
    }

    /// The names of a leader's members: those moving with it, as loaded
    /// with the dashboard, or (a closed visit) as loaded for the screen.
    pub fn member_names(&self, v: &Visit) -> Vec<String> {
        let open: Vec<String> = self
            .team_at(v.id, v.status)
            .iter()
            .map(|m| m.form.full_name.clone())
            .collect();
        if !open.is_empty() {
            return open;
        }
        match &self.team_shown {
            Some((leader, members)) if *leader == v.id => {
                members.iter().map(|(_, name)| name.clone()).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The watchlist's matches of a visit and, for a leader, of the
    /// members deciding with it: the supervisor confirms them all at once.
    pub fn team_watch_hits(&self, v: &Visit) -> Vec<WatchHit> {
        let mut hits = self.watch_hits(&v.form);
        for m in self.team_at(v.id, v.status) {
            for hit in self.watch_hits(&m.form) {
                if !hits.iter().any(|h| h.entry == hit.entry) {
                    hits.push(hit);
                }
            }
        }
        hits
    }
}

impl FormState {
    /// From a member's form to the leader's (with the team read again).
    pub(super) fn to_leader(&self) -> Vec<Effect> {
        let Some(leader) = self.team else {
            return Vec::new();
        };
        vec![
            Effect::Reload,
            Effect::OpenVisit(KeyTarget {
                visit: leader,
                stage: Stage::Draft,
            }),
        ]
    }
}

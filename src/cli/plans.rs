//! `dc-access plan add|list|cancel`: planned visits (kunjungan terjadwal)
//! from the shell. Adding and cancelling name a supervisor (`--as NIP`,
//! PIN without echo or `--pin-stdin`); `add --pre-approve` records the
//! plan as pre-approved by that supervisor, whose PIN was just checked.

use std::process::ExitCode;

use chrono::Utc;
use clap::Subcommand;

use super::{Auth, Failure, padded_table, signed};
use crate::config::Config;
use crate::domain::days::local_date;
use crate::domain::plan::{NewPlan, Plan, PlanId, PlanText};
use crate::store::Store;

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Register a planned visit.
    Add {
        /// The (first) day, DD-MM-YYYY or YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// The last day of a range (default: the first).
        #[arg(long, value_name = "DATE", default_value = "")]
        to: String,
        /// A visitor, "NIK Name" (repeat for each).
        #[arg(long = "visitor", value_name = "NIK NAME", required = true)]
        visitors: Vec<String>,
        #[arg(long)]
        org: String,
        /// A purpose of the configured list (`visit.purposes`).
        #[arg(long)]
        purpose: String,
        #[arg(long, default_value = "")]
        detail: String,
        /// The assignment letter's number (nomor surat tugas).
        #[arg(long)]
        letter: String,
        /// Pre-approve it as the supervisor named with --as.
        #[arg(long)]
        pre_approve: bool,
        #[command(flatten)]
        auth: Auth,
    },
    /// List the plans still to come or under way (NIK masked).
    List {
        /// Also past and cancelled plans.
        #[arg(long)]
        all: bool,
    },
    /// Cancel a plan (kept in the record, marked cancelled).
    Cancel {
        /// The plan's number, as `list` shows it (`#3` or `3`).
        id: String,
        #[command(flatten)]
        auth: Auth,
    },
}

fn describe(p: &Plan) -> String {
    let names: Vec<&str> = p.visitors.iter().map(|v| v.name.as_str()).collect();
    format!(
        "#{} {} to {}: {} ({})",
        p.id.0,
        crate::format::date(&p.first_day),
        crate::format::date(&p.last_day),
        names.join(", "),
        p.organisation
    )
}

pub fn run(config: &Config, store: &mut Store, cmd: PlanCommand) -> Result<ExitCode, Failure> {
    let now = Utc::now();
    match cmd {
        PlanCommand::Add {
            from,
            to,
            visitors,
            org,
            purpose,
            detail,
            letter,
            pre_approve,
            auth,
        } => {
            let joined = visitors.join(";");
            let text = PlanText {
                first_day: &from,
                last_day: &to,
                visitors: &joined,
                organisation: &org,
                purpose: &purpose,
                detail: &detail,
                letter: &letter,
            };
            let today = local_date(now, config.timezone);
            let plan = NewPlan::parse(text, today, &config.visit.purposes).map_err(|e| {
                Failure::input(crate::text::plans::plan_text(config.language).error(&e))
            })?;
            let stamp = signed(config, store, &auth, "cli_plan_add")?;
            let p = store.add_plan(&plan, pre_approve, config.timezone, stamp)?;
            let how = if pre_approve {
                "pre-approved"
            } else {
                "not pre-approved"
            };
            say!("added {} — {how}", describe(&p));
            Ok(ExitCode::SUCCESS)
        }
        PlanCommand::List { all } => {
            let mut rows: Vec<[String; 8]> = Vec::new();
            for p in store.plans(now, all)? {
                let state = match (p.cancelled, p.approved) {
                    (Some(_), _) => "cancelled",
                    (None, _) if p.until <= now => "past",
                    (None, Some(_)) => "pre-approved",
                    (None, None) => "not pre-approved",
                };
                for v in &p.visitors {
                    rows.push([
                        format!("#{}", p.id.0),
                        crate::format::date(&p.first_day),
                        crate::format::date(&p.last_day),
                        crate::domain::nik::Nik::try_from(v.nik.as_str())
                            .map_or_else(|_| String::new(), |n| n.masked()),
                        v.name.clone(),
                        p.organisation.clone(),
                        p.letter.clone(),
                        state.to_owned(),
                    ]);
                }
            }
            let header = [
                "ID",
                "FROM",
                "TO",
                "NIK",
                "VISITOR",
                "ORGANISATION",
                "LETTER",
                "STATE",
            ];
            say_raw!("{}", padded_table(header, &rows, "(no plans)"));
            Ok(ExitCode::SUCCESS)
        }
        PlanCommand::Cancel { id, auth } => {
            let n: i64 = id
                .trim()
                .trim_start_matches('#')
                .parse()
                .map_err(|_| Failure::input(format!("not a plan number: {id}")))?;
            let plan = store.plan(PlanId(n))?;
            let stamp = signed(config, store, &auth, "cli_plan_cancel")?;
            store.cancel_plan(plan.id, stamp)?;
            say!("cancelled {}", describe(&plan));
            Ok(ExitCode::SUCCESS)
        }
    }
}

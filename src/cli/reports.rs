//! `dc-access report`: a day's, a range's or a month's visitor report as
//! text, CSV or PDF, to stdout, a file or the reports folder.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};

use super::{Failure, ReportArgs, ReportFormat};
use crate::config::Config;
use crate::domain::visit::{UserId, VisitId};
use crate::report;
use crate::store::Store;

/// `dc-access report`: the visitor report of a day or range (PDF, text,
/// CSV) or one visit's form / activity report (PDF, text).
///
/// Text and CSV go to stdout unless `--out FILE`; a PDF goes to `--out FILE`
/// or, without it, into `report.reports_dir` (the path is printed).
/// `--out -` is stdout for every format, so `... --format pdf --out - | lp -d
/// NAME` prints.
pub(super) fn run_report(
    args: &ReportArgs,
    config: &Config,
    store: &Store,
) -> Result<ExitCode, Failure> {
    let now = Utc::now();
    let t = report::report_text(config.language);
    let ext = match args.format {
        ReportFormat::Pdf => "pdf",
        ReportFormat::Txt => "txt",
        ReportFormat::Csv => "csv",
    };
    let pdf_failed = |e: report::PdfError| Failure::fault(e.to_string());
    if let (_, Some(problem)) = report::build::office(config) {
        tell!("warning: {problem}");
    }
    let (bytes, file_name) = match (args.visit, args.date) {
        _ if args.month.is_some() => month_bytes(args, config, store, now)?,
        (Some(n), _) => {
            let doc = report::visit_doc(store, VisitId(n), config, now)?;
            let bytes = match args.format {
                ReportFormat::Pdf => report::visit_pdf(&doc, t).map_err(pdf_failed)?,
                ReportFormat::Txt => report::visit_txt(&doc, t).into_bytes(),
                ReportFormat::Csv => {
                    return Err(Failure::input(
                        "--format csv is for the visitor report of a day or range \
                         (--date); a visit's report is --format pdf or txt",
                    ));
                }
            };
            (bytes, report::file_name_for_visit(VisitId(n), ext))
        }
        (None, Some(from)) => {
            let to = args.to.unwrap_or(from);
            if to < from {
                return Err(Failure::input(format!("--to {to} is before --date {from}")));
            }
            let operator = report_operator(args, store)?;
            let sep = args.sep.unwrap_or_else(|| config.document.csv_byte());
            let door = args.door.as_deref();
            let report = || report::day_report_at(store, door, (from, to), config, now, operator);
            let bytes = match args.format {
                ReportFormat::Pdf => report::day_pdf(&report()?, t).map_err(pdf_failed)?,
                ReportFormat::Txt => report::day_txt(&report()?, t).into_bytes(),
                // Rows straight from the query to the output: the CSV
                // carries no counts.
                ReportFormat::Csv => {
                    return csv_report(args, store, door, (from, to), config, (t, sep));
                }
            };
            (
                bytes,
                report::with_door(&report::file_name_for_days(from, to, ext), door),
            )
        }
        (None, None) => return Err(Failure::input("give --date, --month or --visit")),
    };
    let to_stdout = |bytes: &[u8]| {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(|e| Failure::fault(format!("cannot write the report to stdout: {e}")))
    };
    match args.out.as_deref() {
        Some(p) if p == Path::new("-") => to_stdout(&bytes)?,
        Some(p) => {
            crate::files::write_private(p, &bytes)
                .map_err(|e| Failure::input(format!("cannot write {}: {e}", p.display())))?;
            say!("report written to {}", p.display());
        }
        None if args.format == ReportFormat::Pdf => {
            let path = report::save(config, &bytes, &file_name)
                .map_err(|e| Failure::input(e.to_string()))?;
            say!("report saved to {}", path.display());
        }
        None => to_stdout(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A day or range's CSV written as it is read: to `--out FILE` (owner
/// only, synced) or stdout, never held whole in memory.
fn csv_report(
    args: &ReportArgs,
    store: &Store,
    door: Option<&str>,
    days: (NaiveDate, NaiveDate),
    config: &Config,
    words: (&report::ReportText, u8),
) -> Result<ExitCode, Failure> {
    let now = Utc::now();
    let failed = |what: &str, e: report::SheetError| match e {
        report::SheetError::Store(e) => Failure::from(e),
        report::SheetError::Write(e) => Failure::fault(format!("cannot write {what}: {e}")),
    };
    match args.out.as_deref() {
        Some(p) if p != Path::new("-") => {
            let what = p.display().to_string();
            let file = crate::files::create_private(p)
                .map_err(|e| Failure::input(format!("cannot write {what}: {e}")))?;
            let file = report::write_day_csv(store, door, days, config, now, words, file)
                .map_err(|e| failed(&what, e))?;
            file.sync_all()
                .map_err(|e| Failure::fault(format!("cannot write {what}: {e}")))?;
            say!("report written to {what}");
        }
        _ => {
            let out = std::io::stdout().lock();
            let mut out = report::write_day_csv(store, door, days, config, now, words, out)
                .map_err(|e| failed("the report to stdout", e))?;
            out.flush()
                .map_err(|e| Failure::fault(format!("cannot write the report to stdout: {e}")))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The account named by `report --operator NIP`, if any.
fn report_operator(args: &ReportArgs, store: &Store) -> Result<Option<UserId>, Failure> {
    let Some(nip) = args.operator.as_deref().map(str::trim) else {
        return Ok(None);
    };
    let user = store.users()?.into_iter().find(|u| u.nip == nip);
    user.map(|u| Some(u.id))
        .ok_or_else(|| Failure::input(format!("--operator: no account has NIP {nip}")))
}

/// `report --month YYYY-MM --format pdf|csv`: the monthly recap's bytes
/// and file name.
fn month_bytes(
    args: &ReportArgs,
    config: &Config,
    store: &Store,
    now: chrono::DateTime<Utc>,
) -> Result<(Vec<u8>, String), Failure> {
    let Some(month) = args.month else {
        return Err(Failure::input("give --month YYYY-MM"));
    };
    let t = report::report_text(config.language);
    let operator = report_operator(args, store)?;
    let door = args.door.as_deref();
    let r = report::month_report_at(store, door, month, config, now, (None, operator))?;
    let bytes = match args.format {
        ReportFormat::Pdf => report::month_pdf(&r, t).map_err(|e| Failure::fault(e.to_string()))?,
        ReportFormat::Csv => report::month_csv(
            &r,
            t,
            args.sep.unwrap_or_else(|| config.document.csv_byte()),
        ),
        ReportFormat::Txt => {
            return Err(Failure::input(
                "the monthly recap (--month) is --format pdf or csv",
            ));
        }
    };
    let ext = if args.format == ReportFormat::Pdf {
        "pdf"
    } else {
        "csv"
    };
    Ok((
        bytes,
        report::with_door(&report::file_name_for_month(month, ext), door),
    ))
}

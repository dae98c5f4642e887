//! CronJob schedules: the standard five-field cron syntax and the descriptors
//! the CronJob controller's parser (robfig/cron v3 `ParseStandard`) accepts.
//! Upstream: `pkg/apis/batch/validation/validation.go`
//! `validateScheduleFormat`.

use crate::object::WorkloadObject;
use crate::report::Severity;
use crate::rules::messages::{invalid, required};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `cronjob-schedule`: a parseable five-field schedule.
pub(crate) static CRONJOB_SCHEDULE: Rule = Rule {
    id: "cronjob-schedule",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A CronJob schedule has five fields (minute hour day-of-month month day-of-week) or a descriptor such as @daily.",
    explanation: "Schedules use standard cron syntax: `*`, lists `1,15`, ranges `1-5`, steps `*/10`, month and weekday names. Seconds fields are not supported. Time zones go in `spec.timeZone`, never as `TZ=` in the schedule.",
    fail: &[Case {
        yaml: cronjob!(
            r#"
  schedule: '0 0 3 * * *'
"#
        ),
        expect: &[(
            "spec.schedule",
            r#"Invalid value: "0 0 3 * * *": expected exactly 5 fields, found 6: ["0", "0", "3", "*", "*", "*"]"#,
        )],
    }],
    pass: &[cronjob!(
        r#"
  schedule: '*/15 8-18 * * MON-FRI'
"#
    )],
    check: Check::Workload(cronjob_schedule),
};

fn cronjob_schedule(ctx: &Ctx<'_>, sink: &mut Sink) {
    let WorkloadObject::CronJob(c) = ctx.object else {
        return;
    };
    let schedule = c.spec.schedule.as_str();
    if schedule.is_empty() {
        sink.report("spec.schedule", required(""));
    } else if schedule.contains("TZ") {
        sink.report(
            "spec.schedule",
            invalid(
                schedule,
                "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
            ),
        );
    } else if let Err(message) = parse_schedule(schedule) {
        sink.report("spec.schedule", invalid(schedule, &message));
    }
}

const DESCRIPTORS: &[&str] = &[
    "@yearly",
    "@annually",
    "@monthly",
    "@weekly",
    "@daily",
    "@midnight",
    "@hourly",
];

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

const DAYS: &[&str] = &["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/// Checks a schedule as the standard cron parser does; the error text follows its wording.
fn parse_schedule(schedule: &str) -> Result<(), String> {
    let schedule = schedule.trim();
    if let Some(rest) = schedule.strip_prefix("@every ") {
        return if is_duration(rest.trim()) {
            Ok(())
        } else {
            Err(format!("failed to parse duration {schedule}"))
        };
    }
    if schedule.starts_with('@') {
        return if DESCRIPTORS.contains(&schedule) {
            Ok(())
        } else {
            Err(format!("unrecognized descriptor: {schedule}"))
        };
    }
    let fields: Vec<&str> = schedule.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "expected exactly 5 fields, found {}: {fields:?}",
            fields.len()
        ));
    }
    let bounds: [(u32, u32, &[&str], u32); 5] = [
        (0, 59, &[], 0),
        (0, 23, &[], 0),
        (1, 31, &[], 0),
        (1, 12, MONTHS, 1),
        (0, 6, DAYS, 0),
    ];
    for (field, (min, max, names, base)) in fields.iter().zip(bounds) {
        for range in field.split(',') {
            parse_range(range, min, max, names, base)?;
        }
    }
    Ok(())
}

fn parse_value(text: &str, names: &[&str], base: u32) -> Result<u32, String> {
    if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(text)) {
        return Ok(u32::try_from(i).unwrap_or(0) + base);
    }
    text.parse()
        .map_err(|_| format!("failed to parse int from {text}"))
}

fn parse_range(expr: &str, min: u32, max: u32, names: &[&str], base: u32) -> Result<(), String> {
    let (range, step) = match expr.split_once('/') {
        Some((r, s)) => (r, Some(s)),
        None => (expr, None),
    };
    let (start, end) = if range == "*" || range == "?" {
        (min, max)
    } else if let Some((a, b)) = range.split_once('-') {
        (parse_value(a, names, base)?, parse_value(b, names, base)?)
    } else {
        let v = parse_value(range, names, base)?;
        (v, v)
    };
    if let Some(step) = step {
        let n: u32 = step
            .parse()
            .map_err(|_| format!("failed to parse int from {step}"))?;
        if n == 0 {
            return Err(format!("step of range should be a positive number: {expr}"));
        }
    }
    if start < min {
        return Err(format!(
            "beginning of range ({start}) below minimum ({min}): {expr}"
        ));
    }
    if end > max {
        return Err(format!(
            "end of range ({end}) above maximum ({max}): {expr}"
        ));
    }
    if start > end {
        return Err(format!(
            "beginning of range ({start}) beyond end of range ({end}): {expr}"
        ));
    }
    Ok(())
}

fn is_duration(text: &str) -> bool {
    let mut rest = text;
    let mut any = false;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if digits == 0 {
            return false;
        }
        rest = &rest[digits..];
        let unit = ["ns", "us", "µs", "ms", "s", "m", "h"]
            .into_iter()
            .find(|u| rest.starts_with(u));
        let Some(unit) = unit else { return false };
        rest = &rest[unit.len()..];
        any = true;
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules() {
        for ok in [
            "* * * * *",
            "0 3 * * *",
            "*/5 1-5 1,15 JAN-MAR sun",
            "@hourly",
            "@every 1h30m",
            "0 0 ? * 1-5",
        ] {
            assert_eq!(parse_schedule(ok), Ok(()), "{ok}");
        }
        for bad in [
            "0 3 * *",
            "60 * * * *",
            "* * 0 * *",
            "* * * 13 *",
            "* * * * 7",
            "*/0 * * * *",
            "@weekdays",
            "x * * * *",
        ] {
            assert!(parse_schedule(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_schedule("0 0 3 * * *").unwrap_err(),
            "expected exactly 5 fields, found 6: [\"0\", \"0\", \"3\", \"*\", \"*\", \"*\"]"
        );
    }
}

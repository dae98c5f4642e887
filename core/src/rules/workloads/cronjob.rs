//! CronJob time zones and job templates. Upstream:
//! `pkg/apis/batch/validation/validation.go` `validateTimeZone` and
//! `validateCronJobSpec`.

use crate::object::WorkloadObject;
use crate::report::Severity;
use crate::rules::messages::{invalid, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `cronjob-time-zone`: an explicit IANA time zone.
pub(crate) static CRONJOB_TIME_ZONE: Rule = Rule {
    id: "cronjob-time-zone",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A CronJob's timeZone is an IANA name such as Europe/Berlin or Etc/UTC, not empty and not Local.",
    explanation: "Without `timeZone` the schedule follows the controller manager's zone. Set an explicit IANA zone name; `Local` and the empty string are refused. (Podwright checks the form and the region, not the full tz database.)",
    fail: &[Case {
        yaml: cronjob!(
            r#"
  schedule: '0 3 * * *'
  timeZone: Local
"#
        ),
        expect: &[(
            "spec.timeZone",
            r#"Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"#,
        )],
    }],
    pass: &[cronjob!(
        r#"
  schedule: '0 3 * * *'
  timeZone: Europe/Berlin
"#
    )],
    check: Check::Workload(cronjob_time_zone),
};

fn cronjob_time_zone(ctx: &Ctx<'_>, sink: &mut Sink) {
    let WorkloadObject::CronJob(c) = ctx.object else {
        return;
    };
    let Some(zone) = c.spec.time_zone.as_deref() else {
        return;
    };
    let path = "spec.timeZone";
    if zone.is_empty() {
        sink.report(
            path,
            invalid(zone, "timeZone must be nil or non-empty string"),
        );
    } else if zone == "Local" {
        sink.report(path, invalid(zone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
    } else {
        let parts: Vec<&str> = zone.split('/').collect();
        let well_formed = parts.iter().all(|p| {
            !p.is_empty()
                && *p != ".."
                && p.chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || "_+-".contains(ch))
        });
        let known = if parts.len() == 1 {
            SINGLE_ZONES.contains(&zone)
        } else {
            AREAS.contains(&parts[0])
        };
        if !well_formed || !known {
            sink.report(path, invalid(zone, &format!("unknown time zone {zone}")));
        }
    }
}

const AREAS: &[&str] = &[
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
    "Etc",
    "US",
    "Canada",
    "Brazil",
    "Chile",
    "Mexico",
];

const SINGLE_ZONES: &[&str] = &[
    "UTC",
    "GMT",
    "UCT",
    "Universal",
    "Zulu",
    "Greenwich",
    "GMT0",
    "GMT+0",
    "GMT-0",
    "EST",
    "MST",
    "HST",
    "EST5EDT",
    "CST6CDT",
    "MST7MDT",
    "PST8PDT",
    "CET",
    "EET",
    "WET",
    "MET",
    "Cuba",
    "Egypt",
    "Eire",
    "GB",
    "GB-Eire",
    "Hongkong",
    "Iceland",
    "Iran",
    "Israel",
    "Jamaica",
    "Japan",
    "Kwajalein",
    "Libya",
    "NZ",
    "NZ-CHAT",
    "Navajo",
    "PRC",
    "Poland",
    "Portugal",
    "ROC",
    "ROK",
    "Singapore",
    "Turkey",
    "W-SU",
];

/// `cronjob-job-template`: concurrency policy and generated selectors.
pub(crate) static CRONJOB_JOB_TEMPLATE: Rule = Rule {
    id: "cronjob-job-template",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A CronJob's concurrencyPolicy is Allow, Forbid or Replace, and its Job template sets no selector.",
    explanation: "Each Job a CronJob creates gets a generated selector, so the template may neither set `selector` nor `manualSelector: true`.",
    fail: &[Case {
        yaml: cronjob!(
            r#"
  schedule: '0 3 * * *'
  concurrencyPolicy: Skip
"#
        ),
        expect: &[(
            "spec.concurrencyPolicy",
            r#"Unsupported value: "Skip": supported values: "Allow", "Forbid", "Replace""#,
        )],
    }],
    pass: &[cronjob!(
        r#"
  schedule: '0 3 * * *'
  concurrencyPolicy: Forbid
"#
    )],
    check: Check::Workload(cronjob_job_template),
};

fn cronjob_job_template(ctx: &Ctx<'_>, sink: &mut Sink) {
    let WorkloadObject::CronJob(c) = ctx.object else {
        return;
    };
    if let Some(p) = c
        .spec
        .concurrency_policy
        .as_deref()
        .filter(|p| !["Allow", "Forbid", "Replace"].contains(p))
    {
        sink.report(
            "spec.concurrencyPolicy",
            unsupported(p, &["Allow", "Forbid", "Replace"]),
        );
    }
    if let Some(job) = &c.spec.job_template.spec {
        if job.selector.is_some() {
            sink.report(
                "spec.jobTemplate.spec.selector",
                invalid("", "`selector` will be auto-generated"),
            );
        }
        if job.manual_selector == Some(true) {
            sink.report(
                "spec.jobTemplate.spec.manualSelector",
                unsupported("true", &["nil", "false"]),
            );
        }
    }
}

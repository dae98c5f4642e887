//! The rules validation runs: the API server's checks (errors), its warnings,
//! and pattern-aware lints, each with its `Origin`. Each rule has a stable id,
//! a severity, a summary, Markdown docs, and YAML cases, oxc-style: fail cases
//! with exactly the findings they produce, and pass cases. Rules live by
//! subject (`ports/`, `probes/`, `volumes/`...), a module per rule or per few
//! related rules; this module holds the rule record, the registry and the
//! runners, and the registry test runs every case once.

pub mod format;

#[macro_use]
mod case;
mod messages;

mod containers;
mod decode;
mod metadata;
mod pod;
mod ports;
mod probes;
mod resources;
mod scheduling;
mod security;
mod version_gates;
mod volumes;
mod workloads;

use crate::model::WorkloadKind;
use crate::options::Options;
use crate::report::{Finding, Severity};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

pub use crate::context::{CtrCtx, Ctx, Place, PodCtx};
pub use case::Case;
pub use version_gates::features::PodFeature;

/// The Pod features the catalog relies on and the releases that turned them
/// on: the same entries the `field-not-in-target` rule gates fields with.
pub fn pod_features() -> &'static [PodFeature] {
    version_gates::features::POD_FEATURES
}

/// One rule: what it checks, how bad it is, and how to explain it.
pub struct Rule {
    /// Stable kebab-case id, the `rule` of its findings.
    pub id: &'static str,
    /// Where the rule comes from: the API server's errors or warnings, or a lint.
    pub origin: Origin,
    /// The severity of its findings (the worst one, for rules that vary).
    pub severity: Severity,
    /// One line: what the rule wants.
    pub summary: &'static str,
    /// Markdown: why it matters and what the API server or the kubelet does.
    pub explanation: &'static str,
    /// Documents the rule must flag, with exactly what it reports; the first
    /// is the docs' bad example.
    pub fail: &'static [Case],
    /// Documents the rule must not flag; the first is the docs' good example.
    pub pass: &'static [&'static str],
    /// How the rule runs.
    pub check: Check,
}

/// Where a rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum Origin {
    /// The API server refuses the object (or, in a template, the Pods made from it).
    ApiServerError,
    /// The API server accepts the object and answers with a `Warning:` header.
    ApiServerWarning,
    /// Podwright's own advice: accepted, but likely to hurt a multi-container Pod.
    Lint,
}

/// How a rule runs.
#[derive(Clone, Copy)]
pub enum Check {
    /// Reported while decoding (unknown fields, wrong types, duplicate keys).
    Decode,
    /// Looks at any document as written.
    Document(fn(&Value, &Options, &mut Sink)),
    /// Looks at a decoded, defaulted workload.
    Workload(fn(&Ctx<'_>, &mut Sink)),
}

/// What `GET /api/v1/rules` lists about a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    /// The rule id.
    pub id: String,
    /// Where the rule comes from.
    pub origin: Origin,
    /// How bad its findings are.
    pub severity: Severity,
    /// One line.
    pub summary: String,
    /// Markdown with an explanation, a bad and a good example.
    pub docs: String,
    /// The rules page anchor: `/rules#<id>`.
    pub docs_url: String,
}

impl Rule {
    /// The rule's Markdown docs: explanation, bad example, good example.
    pub fn docs(&self) -> String {
        let bad = self.fail.first().map(|case| case.yaml).unwrap_or_default();
        let good = self.pass.first().copied().unwrap_or_default();
        format!(
            "{}\n\n**Bad**\n\n```yaml\n{}\n```\n\n**Good**\n\n```yaml\n{}\n```\n",
            self.explanation.trim(),
            bad.trim(),
            good.trim()
        )
    }
}

/// Every rule, in the order they run (and their findings are listed).
static REGISTRY: &[&Rule] = &[
    &decode::DUPLICATE_KEY,
    &decode::UNKNOWN_FIELD,
    &decode::INVALID_TYPE,
    &decode::REMOVED_API_VERSION,
    &version_gates::FIELD_UNKNOWN_AT_TARGET,
    &metadata::names::NAME_REQUIRED,
    &metadata::names::NAME_FORMAT,
    &metadata::labels::LABEL_FORMAT,
    &metadata::labels::ANNOTATION_FORMAT,
    &metadata::names::CRONJOB_NAME_LENGTH,
    &metadata::pod_annotations::POD_ANNOTATIONS,
    &metadata::owners::FINALIZERS,
    &metadata::owners::OWNER_REFERENCES,
    &pod::spec::CONTAINERS_REQUIRED,
    &pod::spec::RESTART_POLICY,
    &pod::dns::DNS_POLICY,
    &pod::spec::ACTIVE_DEADLINE_SECONDS,
    &pod::names::POD_NAME_FIELDS,
    &scheduling::node_selector::NODE_SELECTOR_FORMAT,
    &ports::host_ports::HOST_NETWORK_HOST_PORT,
    &security::namespaces::SHARE_PROCESS_NAMESPACE,
    &scheduling::tolerations::TOLERATIONS,
    &scheduling::affinity::AFFINITY,
    &scheduling::topology_spread::TOPOLOGY_SPREAD,
    &pod::gates::PREEMPTION_POLICY,
    &pod::gates::READINESS_GATES,
    &pod::gates::SCHEDULING_GATES,
    &security::namespaces::HOST_USERS,
    &pod::os::POD_OS_FIELDS,
    &pod::dns::DNS_CONFIG_ENTRIES,
    &pod::host_aliases::HOST_ALIASES,
    &volumes::names::VOLUME_NAME,
    &volumes::names::VOLUME_SOURCE_COUNT,
    &volumes::host_sources::HOST_PATH_VOLUME,
    &volumes::host_sources::EMPTY_DIR_VOLUME,
    &volumes::config_sources::SECRET_VOLUME,
    &volumes::claim_sources::PERSISTENT_VOLUME_CLAIM_VOLUME,
    &volumes::host_sources::NFS_VOLUME,
    &volumes::config_sources::DOWNWARD_API_VOLUME,
    &volumes::config_sources::CONFIG_MAP_VOLUME,
    &volumes::projected::PROJECTED_VOLUME,
    &volumes::claim_sources::CSI_VOLUME,
    &volumes::claim_sources::EPHEMERAL_VOLUME,
    &volumes::claim_sources::IMAGE_VOLUME,
    &volumes::mounts::VOLUME_MOUNT_NOT_FOUND,
    &volumes::mounts::VOLUME_MOUNT_PATH,
    &volumes::mounts::VOLUME_MOUNT_SUBPATH,
    &volumes::propagation::MOUNT_PROPAGATION,
    &containers::names::CONTAINER_NAME,
    &containers::images::CONTAINER_IMAGE_REQUIRED,
    &containers::names::CONTAINER_ENUM_FIELDS,
    &ports::names::PORT_NAME_FORMAT,
    &ports::names::PORT_NAME_DUPLICATE,
    &ports::numbers::CONTAINER_PORT_RANGE,
    &ports::numbers::PORT_PROTOCOL,
    &ports::host_ports::HOST_PORT_CONFLICT,
    &containers::env::ENV_NAME,
    &containers::env_value_from::ENV_VALUE_FROM,
    &containers::env::ENV_FROM,
    &containers::restart::INIT_CONTAINER_RESTART_POLICY,
    &containers::restart::CONTAINER_RESTART_POLICY,
    &containers::restart::RESTART_POLICY_RULES,
    &volumes::devices::VOLUME_DEVICES,
    &containers::resize::RESIZE_POLICY,
    &containers::env_file::ENV_FILE_KEY_REF,
    &probes::settings::INIT_PROBES_FORBIDDEN,
    &probes::handlers::PROBE_HANDLER,
    &probes::settings::PROBE_THRESHOLDS,
    &probes::ports::HANDLER_PORTS,
    &probes::handlers::LIFECYCLE_HANDLER,
    &security::ids::SECURITY_CONTEXT_IDS,
    &security::seccomp::SECCOMP_PROFILE,
    &security::ids::PRIVILEGE_ESCALATION_CONFLICT,
    &security::ids::PROC_MOUNT,
    &security::policies::PRIVILEGED_CLUSTER_POLICY,
    &security::sysctls::SYSCTLS,
    &security::policies::POD_SECURITY_POLICIES,
    &resources::quantities::QUANTITY_FORMAT,
    &resources::names::RESOURCE_NAME,
    &resources::quantities::RESOURCE_VALUE,
    &resources::limits::REQUESTS_EXCEED_LIMITS,
    &resources::names::HUGEPAGES,
    &resources::pod_level::POD_LEVEL_RESOURCES,
    &workloads::selector::SELECTOR_MATCHES_TEMPLATE,
    &workloads::counts::PROGRESS_DEADLINE,
    &workloads::counts::CONTROLLER_COUNTS,
    &workloads::counts::CRONJOB_COUNTS,
    &workloads::counts::JOB_COUNTS,
    &workloads::templates::TEMPLATE_RESTART_POLICY,
    &workloads::templates::TEMPLATE_ACTIVE_DEADLINE,
    &workloads::update_strategy::UPDATE_STRATEGY,
    &workloads::statefulset::STATEFULSET_POD_MANAGEMENT_POLICY,
    &workloads::statefulset::STATEFULSET_UPDATE_STRATEGY,
    &workloads::statefulset::STATEFULSET_PVC_RETENTION_POLICY,
    &workloads::completion::JOB_COMPLETION_MODE,
    &workloads::pod_failure_policy::JOB_POD_FAILURE_POLICY,
    &workloads::job_policies::JOB_MANAGED_BY,
    &workloads::job_policies::JOB_POD_REPLACEMENT_POLICY,
    &workloads::job_policies::JOB_SUCCESS_POLICY,
    &workloads::cron_schedule::CRONJOB_SCHEDULE,
    &workloads::cronjob::CRONJOB_TIME_ZONE,
    &workloads::cronjob::CRONJOB_JOB_TEMPLATE,
    &workloads::templates::EPHEMERAL_CONTAINERS_FORBIDDEN,
    &scheduling::node_selector::DEPRECATED_NODE_LABEL,
    &scheduling::null_selector::NULL_LABEL_SELECTOR,
    &metadata::pod_annotations::DEPRECATED_ANNOTATION,
    &volumes::deprecated::DEPRECATED_VOLUME_TYPE,
    &resources::quantities::FRACTIONAL_BYTE_VALUE,
    &containers::env::ENV_DUPLICATE,
    &ports::numbers::DUPLICATE_PORT_DEFINITION,
    &ports::host_ports::HOST_IP_WITHOUT_HOST_PORT,
    &probes::shutdown::NEGATIVE_GRACE_PERIOD,
    &containers::images::IMAGE_PULL_SECRETS,
    &version_gates::FIELD_NOT_IN_TARGET,
    &resources::limits::MISSING_RESOURCES,
    &probes::missing::MISSING_PROBES,
    &probes::missing::SIDECAR_MISSING_PROBES,
    &probes::ports::PROBE_PORT_UNDECLARED,
    &containers::sidecars::CLASSIC_SIDECAR_IN_JOB,
    &containers::sidecars::CLASSIC_SIDECAR,
    &containers::startup::INIT_WAITS_FOR_APP_CONTAINER,
    &ports::names::SHARED_PORT_NAME,
    &volumes::usage::UNUSED_VOLUME,
    &volumes::sharing::SHARED_WRITABLE_VOLUME,
    &volumes::usage::WRITABLE_CONFIG_VOLUME,
    &volumes::sharing::LOG_SHIPPER_WRITABLE_MOUNT,
    &volumes::sharing::SHARED_VOLUME_WITHOUT_FS_GROUP,
    &containers::database::DATABASE_BESIDE_APP,
    &containers::images::IMAGE_TAG,
    &security::privileges::PRIVILEGED_CONTAINER,
    &security::privileges::RUN_AS_ROOT,
    &security::hardening::ADDED_CAPABILITIES,
    &security::hardening::WRITABLE_ROOT_FILESYSTEM,
    &probes::shutdown::SHUTDOWN_EXCEEDS_GRACE_PERIOD,
];

/// Every rule, in the order they run.
pub fn registry() -> &'static [&'static Rule] {
    REGISTRY
}

/// The rule list served by `GET /api/v1/rules`.
pub fn catalog() -> Vec<RuleInfo> {
    registry()
        .iter()
        .map(|rule| RuleInfo {
            id: rule.id.to_owned(),
            origin: rule.origin,
            severity: rule.severity,
            summary: rule.summary.to_owned(),
            docs: rule.docs(),
            docs_url: format!("/rules#{}", rule.id),
        })
        .collect()
}

/// Collects one rule's findings.
pub struct Sink {
    rule: &'static Rule,
    findings: Vec<Finding>,
}

impl Sink {
    /// A sink for `rule`'s findings.
    pub(crate) fn new(rule: &'static Rule) -> Self {
        Sink {
            rule,
            findings: Vec::new(),
        }
    }

    /// Reports a finding with the rule's severity.
    pub fn report(&mut self, path: impl fmt::Display, message: impl Into<String>) -> &mut Finding {
        self.report_as(self.rule.severity, path, message)
    }

    /// Reports a finding with another severity.
    pub fn report_as(
        &mut self,
        severity: Severity,
        path: impl fmt::Display,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.findings
            .push(Finding::new(severity, self.rule.id, path, message));
        self.findings.last_mut().expect("just pushed")
    }

    /// Reports a lint finding with a fix hint and a catalog link.
    pub fn lint(
        &mut self,
        path: impl fmt::Display,
        message: impl Into<String>,
        help: impl Into<String>,
        docs: &str,
    ) {
        let finding = self.report(path, message);
        finding.help = Some(help.into());
        finding.docs = Some(docs.to_owned());
    }

    /// The findings reported so far.
    pub(crate) fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}

/// Rules the API server enforces on StatefulSet templates, although it skips
/// the rest of Pod validation there (strict decoding refuses an unknown
/// field anywhere in the object).
const STATEFULSET_ENFORCED: &[&str] = &[
    "template-restart-policy",
    "template-active-deadline",
    "field-unknown-at-target",
];

/// Runs every workload rule on `ctx`.
pub(crate) fn run_workload_rules(ctx: &Ctx<'_>) -> Vec<Finding> {
    let statefulset = ctx.kind() == WorkloadKind::StatefulSet;
    let mut findings = Vec::new();
    for rule in registry() {
        let Check::Workload(check) = rule.check else {
            continue;
        };
        let mut sink = Sink::new(rule);
        check(ctx, &mut sink);
        for mut finding in sink.into_findings() {
            if statefulset
                && finding.severity == Severity::Error
                && finding.path.starts_with("spec.template.spec")
                && !STATEFULSET_ENFORCED.contains(&rule.id)
            {
                finding.message = format!(
                    "accepted by the API server for a StatefulSet, but its Pods fail at creation: {}",
                    finding.message
                );
            }
            findings.push(finding);
        }
    }
    findings
}

/// Runs every document rule on `document`.
pub(crate) fn run_document_rules(document: &Value, options: &Options) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in registry() {
        if let Check::Document(check) = rule.check {
            let mut sink = Sink::new(rule);
            check(document, options, &mut sink);
            findings.extend(sink.into_findings());
        }
    }
    findings
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod path_tests;

#[cfg(test)]
mod registry_tests;

//! `GET /metrics`: counters and histograms in the Prometheus text format.
//!
//! - `podwright_http_requests_total` and `podwright_http_request_duration_seconds`,
//!   by method, route (the matched pattern, never the raw path) and status;
//! - `podwright_validations_total` by endpoint and `podwright_findings_total` by
//!   rule and severity;
//! - `podwright_import_errors_total` and `podwright_export_errors_total` by status;
//! - `podwright_catalog_pages` and `podwright_policies` loaded now,
//!   `podwright_reloads_total` by outcome;
//! - `podwright_process_resident_memory_bytes`, read at each scrape.
//!
//! The registry is one per process, as the process is what Prometheus scrapes.

use axum::extract::{MatchedPath, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use podwright_core::report::Report;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::sync::LazyLock;
use std::time::Instant;

/// The media type of the Prometheus text format.
const TEXT_FORMAT: &str = "text/plain; version=0.0.4; charset=utf-8";

/// The route label of requests no route matched: the UI's files and pages.
const UNMATCHED_ROUTE: &str = "fallback";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct EndpointLabels {
    endpoint: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct FindingLabels {
    rule: String,
    severity: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StatusLabels {
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: &'static str,
}

/// Every metric, and the registry that writes them.
struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    durations: Family<RequestLabels, Histogram, fn() -> Histogram>,
    validations: Family<EndpointLabels, Counter>,
    findings: Family<FindingLabels, Counter>,
    import_errors: Family<StatusLabels, Counter>,
    export_errors: Family<StatusLabels, Counter>,
    catalog_pages: Gauge,
    policies: Gauge,
    reloads: Family<OutcomeLabels, Counter>,
    resident_memory: Gauge,
}

/// Request durations from 1 ms to about 8 s.
fn duration_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 14))
}

impl Metrics {
    fn new() -> Metrics {
        let requests = Family::default();
        let durations = Family::new_with_constructor(duration_histogram as fn() -> Histogram);
        let validations = Family::default();
        let findings = Family::default();
        let import_errors = Family::default();
        let export_errors = Family::default();
        let catalog_pages = Gauge::default();
        let policies = Gauge::default();
        let reloads = Family::default();
        let resident_memory = Gauge::default();
        let mut registry = Registry::default();
        registry.register(
            "podwright_http_requests",
            "HTTP requests answered, by method, route and status",
            requests.clone(),
        );
        registry.register(
            "podwright_http_request_duration_seconds",
            "Time to answer an HTTP request, by method, route and status",
            durations.clone(),
        );
        registry.register(
            "podwright_validations",
            "Validations run, by endpoint",
            validations.clone(),
        );
        registry.register(
            "podwright_findings",
            "Findings reported, by rule and severity",
            findings.clone(),
        );
        registry.register(
            "podwright_import_errors",
            "Imports refused, by status",
            import_errors.clone(),
        );
        registry.register(
            "podwright_export_errors",
            "Exports refused, by status (422: the design has errors)",
            export_errors.clone(),
        );
        registry.register(
            "podwright_catalog_pages",
            "Catalog pages loaded now",
            catalog_pages.clone(),
        );
        registry.register(
            "podwright_policies",
            "Team policies (ValidatingAdmissionPolicies) loaded now",
            policies.clone(),
        );
        registry.register(
            "podwright_reloads",
            "Content reloads, by outcome",
            reloads.clone(),
        );
        registry.register(
            "podwright_process_resident_memory_bytes",
            "Resident memory of the process (VmRSS)",
            resident_memory.clone(),
        );
        Metrics {
            registry,
            requests,
            durations,
            validations,
            findings,
            import_errors,
            export_errors,
            catalog_pages,
            policies,
            reloads,
            resident_memory,
        }
    }
}

fn metrics() -> &'static Metrics {
    static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::new);
    &METRICS
}

/// Middleware counting and timing every request by its matched route.
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED_ROUTE, MatchedPath::as_str)
        .to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let errors = match route.as_str() {
        "/api/v1/import" => Some(&metrics().import_errors),
        "/api/v1/export" => Some(&metrics().export_errors),
        _ => None,
    };
    if let Some(errors) = errors
        && status >= 400
    {
        errors.get_or_create(&StatusLabels { status }).inc();
    }
    let labels = RequestLabels {
        method,
        route,
        status,
    };
    metrics().requests.get_or_create(&labels).inc();
    metrics()
        .durations
        .get_or_create(&labels)
        .observe(started.elapsed().as_secs_f64());
    response
}

/// Counts one validation by `endpoint` and its findings by rule.
pub fn record_report(endpoint: &'static str, report: &Report) {
    metrics()
        .validations
        .get_or_create(&EndpointLabels { endpoint })
        .inc();
    for finding in &report.findings {
        metrics()
            .findings
            .get_or_create(&FindingLabels {
                rule: finding.rule.clone(),
                severity: finding.severity.as_str(),
            })
            .inc();
    }
}

/// Records how many catalog pages and team policies are loaded now.
pub fn set_loaded(pages: usize, policies: usize) {
    let metrics = metrics();
    metrics
        .catalog_pages
        .set(i64::try_from(pages).unwrap_or(i64::MAX));
    metrics
        .policies
        .set(i64::try_from(policies).unwrap_or(i64::MAX));
}

/// Counts a reload that `succeeded` or not.
pub fn record_reload(succeeded: bool) {
    let outcome = if succeeded { "success" } else { "failure" };
    metrics()
        .reloads
        .get_or_create(&OutcomeLabels { outcome })
        .inc();
}

/// Answers every metric in the Prometheus text format.
#[utoipa::path(
    get,
    path = "/metrics",
    summary = "Metrics in the Prometheus text format",
    responses((status = 200, description = "The metrics", content_type = "text/plain", body = String))
)]
pub async fn serve() -> Response {
    if let Some(bytes) = resident_memory_bytes() {
        metrics()
            .resident_memory
            .set(i64::try_from(bytes).unwrap_or(i64::MAX));
    }
    let mut text = String::new();
    match prometheus_client::encoding::text::encode(&mut text, &metrics().registry) {
        Ok(()) => ([(CONTENT_TYPE, TEXT_FORMAT)], text).into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "cannot encode metrics").into_response(),
    }
}

/// The process's resident set (VmRSS) in bytes, where `/proc` has it (Linux).
/// `/proc/self/status` gives it in kB, so no page size needs guessing.
fn resident_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_rss(&status)
}

fn parse_vm_rss(status: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kilobytes: u64 = line
        .trim_start_matches("VmRSS:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    kilobytes.checked_mul(1024)
}

#[cfg(test)]
mod tests {
    use super::parse_vm_rss;

    #[test]
    fn vm_rss_is_read_in_kilobytes() {
        let status = "Name:\tpodwright\nVmPeak:\t  90000 kB\nVmRSS:\t   33000 kB\nThreads:\t3\n";
        assert_eq!(parse_vm_rss(status), Some(33000 * 1024));
        assert_eq!(parse_vm_rss("Name:\tx\n"), None);
        assert_eq!(parse_vm_rss("VmRSS:\tmany kB\n"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_has_a_resident_set() {
        assert!(super::resident_memory_bytes().is_some_and(|bytes| bytes > 0));
    }
}

//! Running policies against one object: which bindings and parameters apply,
//! then every expression, in a worker thread held to a time budget.

use crate::admission::{Binding, MatchResources};
use crate::compile::{CompiledPolicy, Expression, one_line};
use crate::library::{context, to_cel};
use crate::matching::{Decision, NAMESPACE_NAME_LABEL, Request, decide, selects};
use podwright_core::report::{Finding, Severity};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;

/// One policy to run against the object: through one binding, with one parameter object.
#[derive(Clone, Debug)]
pub struct Job {
    /// Index of the policy.
    pub policy: usize,
    /// How bad its failures are.
    pub severity: Severity,
    /// The binding's name, or `None` when the policy is not bound.
    pub binding: Option<String>,
    /// The parameter object.
    pub params: Option<Value>,
    /// What to add to each finding's help (a namespace selector we could not decide).
    pub note: Option<String>,
}

/// The most severe of a binding's actions: Deny, Warn, Audit.
fn severity_of(binding: &Binding) -> Severity {
    let actions = &binding.spec.validation_actions;
    if actions.iter().any(|a| a == "Deny") {
        Severity::Error
    } else if actions.iter().any(|a| a == "Warn") || actions.is_empty() {
        Severity::Warning
    } else {
        Severity::Info
    }
}

/// The jobs `policy` (at `index`) needs for `request`, or findings that say why it cannot run.
pub fn plan(
    index: usize,
    policy: &CompiledPolicy,
    request: &Request,
    out: &mut Vec<Finding>,
) -> Vec<Job> {
    let Some(constraints) = &policy.policy.spec.match_constraints else {
        return Vec::new();
    };
    let matched = decide(constraints, request);
    if matched == Decision::No {
        return Vec::new();
    }
    let unbound = Binding {
        metadata: crate::admission::Metadata::default(),
        spec: crate::admission::BindingSpec::default(),
    };
    let bindings: Vec<(&Binding, bool)> = if policy.bindings.is_empty() {
        vec![(&unbound, false)]
    } else {
        policy.bindings.iter().map(|b| (b, true)).collect()
    };
    let mut jobs = Vec::new();
    for (binding, bound) in bindings {
        let decision = match &binding.spec.match_resources {
            Some(resources) if bound => matched.clone().and(binding_decision(resources, request)),
            _ => matched.clone(),
        };
        let note = match decision {
            Decision::No => continue,
            Decision::Unknown(reason) => Some(reason),
            Decision::Yes => None,
        };
        let severity = if bound {
            severity_of(binding)
        } else {
            Severity::Warning
        };
        let name = bound.then(|| binding.metadata.name.clone());
        let params: Vec<Option<Value>> = match policy.param_kind() {
            None => vec![None],
            Some(_) => {
                let found = params_for(policy, binding);
                if found.is_empty() {
                    let deny = binding
                        .spec
                        .param_ref
                        .as_ref()
                        .and_then(|r| r.parameter_not_found_action.as_deref())
                        == Some("Deny");
                    let mut finding = Finding::new(
                        if deny { severity } else { Severity::Warning },
                        &format!("policy:{}", policy.name),
                        "",
                        format!(
                            "policy {} was not evaluated: it takes parameters and {} found none in the policy files",
                            policy.name,
                            name.as_deref()
                                .map_or("no binding".to_owned(), |n| format!("binding {n}"))
                        ),
                    );
                    finding.help = Some(
                        "Add the parameter objects its paramKind names to the policy files."
                            .to_owned(),
                    );
                    out.push(finding);
                    continue;
                }
                found.into_iter().map(Some).collect()
            }
        };
        for params in params {
            jobs.push(Job {
                policy: index,
                severity,
                binding: name.clone(),
                params,
                note: note.clone(),
            });
        }
    }
    jobs
}

fn binding_decision(resources: &MatchResources, request: &Request) -> Decision {
    if resources.resource_rules.is_empty() {
        // A binding without rules narrows only by its selectors.
        let mut all = resources.clone();
        all.resource_rules = vec![crate::admission::ResourceRule {
            operations: vec!["*".into()],
            api_groups: vec!["*".into()],
            api_versions: vec!["*".into()],
            resources: vec!["*".into()],
            resource_names: Vec::new(),
        }];
        return decide(&all, request);
    }
    decide(resources, request)
}

/// The parameter objects a binding selects.
fn params_for(policy: &CompiledPolicy, binding: &Binding) -> Vec<Value> {
    let Some(reference) = &binding.spec.param_ref else {
        return Vec::new();
    };
    policy
        .params
        .iter()
        .filter(|param| {
            let text = |pointer: &str| param.pointer(pointer).and_then(Value::as_str);
            let name_ok = reference
                .name
                .as_deref()
                .is_none_or(|name| text("/metadata/name") == Some(name));
            let namespace_ok = reference
                .namespace
                .as_deref()
                .is_none_or(|ns| text("/metadata/namespace").unwrap_or("default") == ns);
            let labels: BTreeMap<String, String> = param
                .pointer("/metadata/labels")
                .and_then(Value::as_object)
                .map(|l| {
                    l.iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                        .collect()
                })
                .unwrap_or_default();
            let selector_ok = reference
                .selector
                .as_ref()
                .is_none_or(|s| selects(s, &labels));
            name_ok && namespace_ok && selector_ok
        })
        .cloned()
        .collect()
}

/// Runs `jobs` against `object`, each within `budget`. A job that runs over is
/// abandoned, its policy marked so it never runs again, and reported.
pub fn run(
    policies: &Arc<Vec<CompiledPolicy>>,
    object: &Arc<Value>,
    request: &Request,
    jobs: Vec<Job>,
    budget: Duration,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut pending: VecDeque<Job> = jobs
        .into_iter()
        .filter(|job| {
            let policy = &policies[job.policy];
            if policy.stopped.load(Ordering::Relaxed) {
                findings.push(Finding::new(
                    Severity::Warning,
                    &format!("policy:{}", policy.name),
                    "",
                    format!("policy {} was not evaluated: an earlier evaluation ran longer than {} ms and was stopped", policy.name, budget.as_millis()),
                ));
                return false;
            }
            true
        })
        .collect();
    let request = Arc::new(request.clone());
    while !pending.is_empty() {
        let (sender, receiver) = channel();
        let batch: Vec<Job> = pending.iter().cloned().collect();
        let (worker_policies, worker_object, worker_request) = (
            Arc::clone(policies),
            Arc::clone(object),
            Arc::clone(&request),
        );
        let spawned = std::thread::Builder::new()
            .name("policy-evaluation".to_owned())
            .spawn(move || {
                let bound = Bound::new(&worker_object, &worker_request);
                for job in batch {
                    let policy = &worker_policies[job.policy];
                    let outcome = catch_unwind(AssertUnwindSafe(|| run_job(policy, &job, &bound)))
                        .unwrap_or_else(|_| {
                            vec![failure(
                                policy,
                                &job,
                                None,
                                "evaluation failed unexpectedly".to_owned(),
                            )]
                        });
                    if sender.send(outcome).is_err() {
                        return;
                    }
                }
            });
        if let Err(error) = spawned {
            let job = pending.pop_front().expect("pending is not empty");
            findings.push(failure(
                &policies[job.policy],
                &job,
                None,
                format!("could not start evaluation: {error}"),
            ));
            continue;
        }
        while let Some(job) = pending.front().cloned() {
            match receiver.recv_timeout(budget) {
                Ok(outcome) => {
                    pending.pop_front();
                    findings.extend(outcome);
                }
                Err(RecvTimeoutError::Timeout) => {
                    pending.pop_front();
                    let policy = &policies[job.policy];
                    policy.stopped.store(true, Ordering::Relaxed);
                    findings.push(failure(
                        policy,
                        &job,
                        None,
                        format!("evaluation stopped: it ran longer than {} ms (an expression looping over large lists?); the policy is not run again until the policies are reloaded", budget.as_millis()),
                    ));
                    break;
                }
                Err(RecvTimeoutError::Disconnected) => {
                    pending.pop_front();
                    findings.push(failure(
                        &policies[job.policy],
                        &job,
                        None,
                        "evaluation failed unexpectedly".to_owned(),
                    ));
                    break;
                }
            }
        }
    }
    findings
}

/// The variables every expression sees, converted once per worker.
struct Bound {
    object: cel::Value,
    request: cel::Value,
    namespace: cel::Value,
}

impl Bound {
    fn new(object: &Value, request: &Request) -> Bound {
        let request_json = json!({
            "kind": {"group": request.group, "version": request.version, "kind": request.kind},
            "resource": {"group": request.group, "version": request.version, "resource": request.resource},
            "requestKind": {"group": request.group, "version": request.version, "kind": request.kind},
            "requestResource": {"group": request.group, "version": request.version, "resource": request.resource},
            "name": request.name,
            "namespace": request.namespace,
            "operation": "CREATE",
            "userInfo": {"username": "", "groups": []},
            "dryRun": true,
        });
        let namespace = json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": request.namespace, "labels": {NAMESPACE_NAME_LABEL: request.namespace}}});
        Bound {
            object: to_cel(object),
            request: to_cel(&request_json),
            namespace: to_cel(&namespace),
        }
    }
}

/// A finding of `job` for validation `index` (or the whole policy).
fn failure(policy: &CompiledPolicy, job: &Job, index: Option<usize>, message: String) -> Finding {
    let rule = index.map_or_else(|| format!("policy:{}", policy.name), |i| policy.rule(i));
    let mut finding = Finding::new(job.severity, &rule, "", message);
    finding.help = Some(help(job, None));
    finding
}

fn help(job: &Job, reason: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(reason) = reason {
        parts.push(format!("The API server would answer {reason}."));
    }
    parts.push(match &job.binding {
        Some(binding) => format!("Team policy, bound by {binding}."),
        None => "Team policy, not bound: reported as a warning.".to_owned(),
    });
    if let Some(note) = &job.note {
        parts.push(format!("It {note}."));
    }
    parts.join(" ")
}

fn run_job(policy: &CompiledPolicy, job: &Job, bound: &Bound) -> Vec<Finding> {
    let mut context = match context() {
        Ok(context) => context,
        Err(error) => {
            return vec![failure(
                policy,
                job,
                None,
                format!("could not prepare CEL: {error}"),
            )];
        }
    };
    context.add_variable_from_value("object", bound.object.clone());
    context.add_variable_from_value("oldObject", cel::Value::Null);
    context.add_variable_from_value("request", bound.request.clone());
    context.add_variable_from_value("namespaceObject", bound.namespace.clone());
    context.add_variable_from_value(
        "params",
        job.params.as_ref().map_or(cel::Value::Null, to_cel),
    );
    let mut variables: HashMap<String, cel::Value> = HashMap::new();
    let mut failed: HashMap<String, String> = HashMap::new();
    for (name, expression) in &policy.variables {
        context.add_variable_from_value("variables", variables.clone());
        match execute(expression, &context) {
            Ok(value) => {
                variables.insert(name.clone(), value);
            }
            Err(error) => {
                failed.insert(name.clone(), explain(error, &failed));
            }
        }
    }
    context.add_variable_from_value("variables", variables);
    let execute = |expression: &Expression, context: &cel::Context| {
        execute(expression, context).map_err(|error| explain(error, &failed))
    };
    let unusable = policy
        .conditions
        .iter()
        .chain(&policy.variables)
        .find_map(|(_, e)| e.program.as_ref().err());
    if let Some(problem) = unusable {
        return vec![Finding {
            severity: Severity::Warning,
            ..failure(
                policy,
                job,
                None,
                format!(
                    "policy {} was not checked: an expression {problem}",
                    policy.name
                ),
            )
        }];
    }
    // Any false condition skips the policy, whatever errors the others give.
    let mut condition_error = None;
    for (name, expression) in &policy.conditions {
        match execute(expression, &context) {
            Ok(cel::Value::Bool(true)) => {}
            Ok(cel::Value::Bool(false)) => return Vec::new(),
            Ok(other) => {
                condition_error.get_or_insert(format!(
                    "match condition {name:?} gave {other:?}, not a bool"
                ));
            }
            Err(error) => {
                condition_error.get_or_insert(format!("match condition {name:?} failed: {error}"));
            }
        }
    }
    if let Some(message) = condition_error {
        return vec![error_finding(policy, job, None, &message)];
    }
    let mut findings = Vec::new();
    for (index, check) in policy.checks.iter().enumerate() {
        if let Err(problem) = &check.expression.program {
            let mut finding = failure(
                policy,
                job,
                Some(index),
                format!(
                    "not checked: expression `{}` {problem}",
                    check.expression.source
                ),
            );
            finding.severity = Severity::Warning;
            findings.push(finding);
            continue;
        }
        let message = match execute(&check.expression, &context) {
            Ok(cel::Value::Bool(true)) => continue,
            Ok(cel::Value::Bool(false)) => message_of(check, &context),
            Ok(other) => {
                findings.push(error_finding(
                    policy,
                    job,
                    Some(index),
                    &format!(
                        "expression `{}` gave {other:?}, not a bool",
                        check.expression.source
                    ),
                ));
                continue;
            }
            Err(error) => {
                findings.push(error_finding(
                    policy,
                    job,
                    Some(index),
                    &format!(
                        "expression `{}` failed: {error}",
                        one_line(&check.expression.source)
                    ),
                ));
                continue;
            }
        };
        let mut finding = failure(policy, job, Some(index), message);
        finding.path = check.field_path.clone().unwrap_or_default();
        finding.help = Some(help(job, Some(&check.reason)));
        findings.push(finding);
    }
    findings
}

/// An error that names a variable which failed is that variable's error, as
/// the API server reports it where the variable is used.
fn explain(error: String, failed: &HashMap<String, String>) -> String {
    match error
        .strip_prefix("No such key: ")
        .and_then(|name| failed.get(name).map(|e| (name, e)))
    {
        Some((name, cause)) => format!("variable {name:?} failed: {cause}"),
        None => error,
    }
}

fn execute(expression: &Expression, context: &cel::Context) -> Result<cel::Value, String> {
    match &expression.program {
        Ok(program) => program.execute(context).map_err(|e| e.to_string()),
        Err(problem) => Err(problem.clone()),
    }
}

/// An expression that errs: a failed check under `failurePolicy: Fail`, information under `Ignore`.
fn error_finding(
    policy: &CompiledPolicy,
    job: &Job,
    index: Option<usize>,
    message: &str,
) -> Finding {
    let mut finding = failure(
        policy,
        job,
        index,
        format!("policy {}: {message}", policy.name),
    );
    if !policy.fails_closed() {
        finding.severity = Severity::Info;
    }
    finding
}

/// `messageExpression`'s result, else `message`, else the API server's default.
fn message_of(check: &crate::compile::Check, context: &cel::Context) -> String {
    let computed = check
        .message_expression
        .as_ref()
        .and_then(|expression| match execute(expression, context) {
            Ok(cel::Value::String(text)) => Some(text),
            _ => None,
        })
        // A multi-line or empty result is discarded, as by the API server.
        .filter(|text| !text.trim().is_empty() && !text.contains('\n'));
    if let Some(text) = computed {
        return text.to_string();
    }
    check
        .message
        .clone()
        .unwrap_or_else(|| format!("failed expression: {}", one_line(&check.expression.source)))
}

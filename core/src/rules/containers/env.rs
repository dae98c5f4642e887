//! Environment variable names and `envFrom`. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateEnv` and
//! `validateEnvFrom`; the duplicate warning is from `pkg/api/pod/warnings.go`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::{dns_subdomain, env_var_name};
use crate::rules::messages::{invalid, report_format, required};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use k8s_openapi::api::core::v1::EnvVar;
use rustc_hash::FxHashSet;

/// `env-name`: environment variable names.
pub(crate) static ENV_NAME: Rule = Rule {
    id: "env-name",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Environment variable names are required and printable ASCII without `=`.",
    explanation: "Since 1.32 (GA in 1.34) the API server accepts any printable ASCII name except `=`; the name may not be empty. `envFrom` prefixes follow the same rule.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    env:
    - {name: 'MODE=prod', value: x}
"#
        ),
        expect: &[(
            "spec.containers[0].env[0].name",
            r#"Invalid value: "MODE=prod": a valid environment variable name must consist only of printable ASCII characters other than '='"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    env:
    - {name: MODE, value: prod}
"#
    )],
    check: Check::Workload(env_name),
};

fn env_name(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        for (j, e) in c.spec.env.iter().flatten().enumerate() {
            let path = c.path.child("env").index(j).child("name");
            if e.name.is_empty() {
                sink.report(path, required(""));
            } else {
                report_format(sink, path, &e.name, env_var_name(&e.name));
            }
        }
        for (j, e) in c.spec.env_from.iter().flatten().enumerate() {
            if let Some(prefix) = e.prefix.as_deref().filter(|p| !p.is_empty()) {
                report_format(
                    sink,
                    c.path.child("envFrom").index(j).child("prefix"),
                    prefix,
                    env_var_name(prefix),
                );
            }
        }
    }
}

/// `env-from`: one of configMapRef or secretRef, with a name.
pub(crate) static ENV_FROM: Rule = Rule {
    id: "env-from",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Each envFrom entry names exactly one ConfigMap or Secret.",
    explanation: "`envFrom` imports every key of a ConfigMap or a Secret as variables; each entry takes one of `configMapRef` or `secretRef`, with a name. The API server reports the source error at the list path `envFrom`.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    envFrom:
    - prefix: APP_
"#
        ),
        expect: &[(
            "spec.containers[0].envFrom",
            r#"Invalid value: "": must specify one of: `configMapRef` or `secretRef`"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    envFrom:
    - prefix: APP_
      configMapRef: {name: web}
"#
    )],
    check: Check::Workload(env_from),
};

fn env_from(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let list = c.path.child("envFrom");
        for (j, e) in c.spec.env_from.iter().flatten().enumerate() {
            match (&e.config_map_ref, &e.secret_ref) {
                (None, None) => {
                    sink.report(
                        list,
                        invalid("", "must specify one of: `configMapRef` or `secretRef`"),
                    );
                }
                (Some(_), Some(_)) => {
                    sink.report(
                        list,
                        invalid("", "may not have more than one field specified at a time"),
                    );
                }
                _ => {}
            }
            let names = [
                ("configMapRef", e.config_map_ref.as_ref().map(|r| &r.name)),
                ("secretRef", e.secret_ref.as_ref().map(|r| &r.name)),
            ];
            for (field, name) in names {
                let Some(name) = name else { continue };
                let path = list.index(j).child(field).child("name");
                if name.is_empty() {
                    sink.report(path, required(""));
                } else {
                    report_format(sink, path, name, dns_subdomain(name));
                }
            }
        }
    }
}

/// `env-duplicate`: an env var defined twice.
pub(crate) static ENV_DUPLICATE: Rule = Rule {
    id: "env-duplicate",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "An environment variable is defined twice in one container; the later definition hides the earlier.",
    explanation: "Only the last definition takes effect, and server-side apply may drop the earlier entry altogether. Keep one definition per name (or reference the earlier one with `$(NAME)` on purpose).",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    env:
    - {name: MODE, value: dev}
    - {name: MODE, value: prod}
"#
        ),
        expect: &[(
            "spec.containers[0].env[1]",
            r#"hides previous definition of "MODE", which may be dropped when using apply"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    env:
    - {name: MODE, value: prod}
    - {name: PATH_EXTRA, value: /opt/bin}
"#
    )],
    check: Check::Workload(env_duplicate),
};

fn env_duplicate(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let mut seen = FxHashSet::default();
        for (j, e) in c.spec.env.iter().flatten().enumerate() {
            if !seen.insert(e.name.as_str()) && !refers_back(e) {
                sink.report(
                    c.path.child("env").index(j),
                    format!(
                        "hides previous definition of {:?}, which may be dropped when using apply",
                        e.name
                    ),
                );
            }
        }
    }
}

/// True when a variable's value reads its earlier definition (`PATH=$(PATH):/opt`),
/// which kubectl keeps rather than hides.
fn refers_back(e: &EnvVar) -> bool {
    let reference = format!("$({})", e.name);
    e.value_from.is_none()
        && e.value
            .as_deref()
            .is_some_and(|v| v.contains(&reference) && v != reference)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    #[test]
    fn env_from_uses_the_list_path() {
        let yaml = pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    envFrom: [{prefix: A_}]
"#
        );
        assert_eq!(
            findings("env-from", yaml)[0].path,
            "spec.containers[0].envFrom"
        );
    }
}

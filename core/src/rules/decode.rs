//! Rules about decoding: what the API server refuses before validation runs.

use super::{Check, Rule, Sink};
use crate::options::Options;
use crate::report::Severity;
use crate::rules::{Case, Origin};
use serde_json::Value;

/// `duplicate-key`: a key written twice in one mapping.
pub(crate) static DUPLICATE_KEY: Rule = Rule {
    id: "duplicate-key",
    origin: Origin::ApiServerError,
    severity: Severity::Warning,
    summary: "A mapping key is written twice; only the last value counts.",
    explanation: "kubectl reads YAML leniently and keeps the last of two equal keys, so the first value silently disappears. The API server's strict decoding refuses a request body with duplicate fields.",
    fail: &[Case {
        yaml: r#"apiVersion: v1
kind: Pod
metadata:
  name: web
  name: api
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#,
        expect: &[(
            "",
            r#"duplicate field "name" at line 5, column 3: kubectl keeps the last value; the API server's strict decoding refuses a request body with duplicates"#,
        )],
    }],
    pass: &[r#"apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - {name: web, image: nginx:1.27}
"#],
    check: Check::Decode,
};

/// `unknown-field`: a field the object's type does not have.
pub(crate) static UNKNOWN_FIELD: Rule = Rule {
    id: "unknown-field",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A field the API does not know (often a typo or wrong indentation).",
    explanation: "Since 1.27 kubectl asks for strict field validation by default: the API server rejects the object with `strict decoding error: unknown field`. A misspelt field would otherwise be dropped without a word.",
    fail: &[Case {
        yaml: r#"apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: web
    image: nginx:1.27
    imagePullPolicyy: Always
"#,
        expect: &[(
            "spec.containers[0].imagePullPolicyy",
            r#"strict decoding error: unknown field "spec.containers[0].imagePullPolicyy""#,
        )],
    }],
    pass: &[r#"apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: web
    image: nginx:1.27
    imagePullPolicy: Always
"#],
    check: Check::Decode,
};

/// `invalid-type`: a value of the wrong JSON type.
pub(crate) static INVALID_TYPE: Rule = Rule {
    id: "invalid-type",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A value has the wrong type (a string where a number belongs, a scalar where a list belongs).",
    explanation: "The API server cannot decode the request body: `json: cannot unmarshal ...`. The whole object is refused before any other check runs.",
    fail: &[Case {
        yaml: r#"apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports: 80
"#,
        expect: &[(
            "spec.containers[0].ports",
            "json: cannot unmarshal number into Go struct field spec.containers.ports of type array",
        )],
    }],
    pass: &[r#"apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
"#],
    check: Check::Decode,
};

/// API versions removed from Kubernetes, with the minor version that removed them.
const REMOVED: &[(&str, &[&str], u8)] = &[
    (
        "extensions/v1beta1",
        &[
            "Deployment",
            "DaemonSet",
            "ReplicaSet",
            "Ingress",
            "NetworkPolicy",
            "PodSecurityPolicy",
        ],
        16,
    ),
    (
        "apps/v1beta1",
        &["Deployment", "StatefulSet", "ReplicaSet"],
        16,
    ),
    (
        "apps/v1beta2",
        &["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"],
        16,
    ),
    ("batch/v1beta1", &["CronJob"], 25),
    ("batch/v2alpha1", &["CronJob"], 21),
    (
        "policy/v1beta1",
        &["PodDisruptionBudget", "PodSecurityPolicy"],
        25,
    ),
    ("autoscaling/v2beta1", &["HorizontalPodAutoscaler"], 25),
    ("autoscaling/v2beta2", &["HorizontalPodAutoscaler"], 26),
    (
        "networking.k8s.io/v1beta1",
        &["Ingress", "IngressClass"],
        22,
    ),
];

/// `removed-api-version`: an apiVersion the target no longer serves.
pub(crate) static REMOVED_API_VERSION: Rule = Rule {
    id: "removed-api-version",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "The apiVersion of this kind was removed from Kubernetes.",
    explanation: "Removed API versions are no longer served: the API server answers `no matches for kind ... in version ...`. Move to the stable version (`apps/v1`, `batch/v1`, `policy/v1`, ...); the fields usually carry over.",
    fail: &[Case {
        yaml: r#"apiVersion: batch/v1beta1
kind: CronJob
metadata: {name: report}
spec:
  schedule: '0 3 * * *'
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - {name: report, image: busybox:1.37}
"#,
        expect: &[(
            "apiVersion",
            r#"no matches for kind "CronJob" in version "batch/v1beta1": batch/v1beta1 was removed in Kubernetes 1.25"#,
        )],
    }],
    pass: &[r#"apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: '0 3 * * *'
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - {name: report, image: busybox:1.37}
"#],
    check: Check::Document(removed_api_version),
};

fn removed_api_version(document: &Value, _options: &Options, sink: &mut Sink) {
    let (Some(api_version), Some(kind)) = (
        document.get("apiVersion").and_then(Value::as_str),
        document.get("kind").and_then(Value::as_str),
    ) else {
        return;
    };
    for (version, kinds, removed) in REMOVED {
        if *version == api_version && kinds.contains(&kind) {
            sink.report(
                "apiVersion",
                format!("no matches for kind {kind:?} in version {api_version:?}: {api_version} was removed in Kubernetes 1.{removed}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::one;

    #[test]
    fn names_the_removal() {
        let yaml =
            "apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: d}\nspec: {}\n";
        assert!(one("removed-api-version", yaml).contains("removed in Kubernetes 1.16"));
    }
}

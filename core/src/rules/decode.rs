//! Rules about decoding: what the API server refuses before validation runs.

use super::{Check, Rule, Sink};
use crate::options::Options;
use crate::report::Severity;
use serde_json::Value;

pub(super) const RULES: &[&Rule] = &[
    &DUPLICATE_KEY,
    &UNKNOWN_FIELD,
    &INVALID_TYPE,
    &REMOVED_API_VERSION,
];

/// `duplicate-key`: a key written twice in one mapping.
static DUPLICATE_KEY: Rule = Rule {
    id: "duplicate-key",
    severity: Severity::Warning,
    summary: "A mapping key is written twice; only the last value counts.",
    explanation: "kubectl reads YAML leniently and keeps the last of two equal keys, so the first value silently disappears. The API server's strict decoding refuses a request body with duplicate fields.",
    fail: &[
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  name: api\nspec:\n  containers:\n  - {name: web, image: nginx:1.27}\n",
    ],
    pass: &[
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - {name: web, image: nginx:1.27}\n",
    ],
    check: Check::Decode,
};

/// `unknown-field`: a field the object's type does not have.
static UNKNOWN_FIELD: Rule = Rule {
    id: "unknown-field",
    severity: Severity::Error,
    summary: "A field the API does not know (often a typo or wrong indentation).",
    explanation: "Since 1.27 kubectl asks for strict field validation by default: the API server rejects the object with `strict decoding error: unknown field`. A misspelt field would otherwise be dropped without a word.",
    fail: &[
        "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    imagePullPolicyy: Always\n",
    ],
    pass: &[
        "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    imagePullPolicy: Always\n",
    ],
    check: Check::Decode,
};

/// `invalid-type`: a value of the wrong JSON type.
static INVALID_TYPE: Rule = Rule {
    id: "invalid-type",
    severity: Severity::Error,
    summary: "A value has the wrong type (a string where a number belongs, a scalar where a list belongs).",
    explanation: "The API server cannot decode the request body: `json: cannot unmarshal ...`. The whole object is refused before any other check runs.",
    fail: &[
        "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports: 80\n",
    ],
    pass: &[
        "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n",
    ],
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
static REMOVED_API_VERSION: Rule = Rule {
    id: "removed-api-version",
    severity: Severity::Error,
    summary: "The apiVersion of this kind was removed from Kubernetes.",
    explanation: "Removed API versions are no longer served: the API server answers `no matches for kind ... in version ...`. Move to the stable version (`apps/v1`, `batch/v1`, `policy/v1`, ...); the fields usually carry over.",
    fail: &[
        "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: report}\nspec:\n  schedule: '0 3 * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - {name: report, image: busybox:1.37}\n",
    ],
    pass: &[
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: report}\nspec:\n  schedule: '0 3 * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - {name: report, image: busybox:1.37}\n",
    ],
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

#[cfg(test)]
mod cases {
    #[test]
    fn every_rule_flags_its_fail_cases_and_passes_its_pass_cases() {
        for rule in super::RULES {
            crate::rules::testing::check_cases(rule);
        }
    }
}

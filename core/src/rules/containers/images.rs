//! Images: required, pull secrets, and pinned tags. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateContainerCommon` (image
//! required) and `ValidatePodCreate` (whitespace), `pkg/api/pod/warnings.go`
//! (empty imagePullSecrets names); the tag lint is Podwright's.

use crate::defaults::image_is_latest;
use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{invalid, required, who};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `container-image-required`: every container names an image.
pub(crate) static CONTAINER_IMAGE_REQUIRED: Rule = Rule {
    id: "container-image-required",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "Every container needs an image.",
    explanation: "The schema leaves `image` optional (for higher-level controllers), but the API server refuses Pods and templates without one. For a Pod the image may not have surrounding whitespace either.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
"#
        ),
        expect: &[("spec.containers[0].image", "Required value")],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(container_image_required),
};

fn container_image_required(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let image = c.spec.image.as_deref().unwrap_or_default();
        if image.is_empty() {
            sink.report(c.path.child("image"), required(""));
        } else if pod.is_pod && image.trim() != image {
            sink.report(
                c.path.child("image"),
                invalid(image, "must not have leading or trailing whitespace"),
            );
        }
    }
}

/// `image-pull-secrets`: empty or duplicate names.
pub(crate) static IMAGE_PULL_SECRETS: Rule = Rule {
    id: "image-pull-secrets",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "imagePullSecrets lists an empty or a repeated name.",
    explanation: "Each entry names a Secret of type `kubernetes.io/dockerconfigjson`; empty and repeated entries are ignored.",
    fail: &[Case {
        yaml: pod!(
            r#"
  imagePullSecrets:
  - {name: registry}
  - {name: registry}
  containers:
  - {name: web, image: registry.example.com/web:1.0}
"#
        ),
        expect: &[(
            "spec.imagePullSecrets[1].name",
            r#"duplicate name "registry""#,
        )],
    }],
    pass: &[pod!(
        r#"
  imagePullSecrets:
  - {name: registry}
  containers:
  - {name: web, image: registry.example.com/web:1.0}
"#
    )],
    check: Check::Workload(image_pull_secrets),
};

fn image_pull_secrets(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let mut seen = Vec::new();
    for (i, s) in pod.spec.image_pull_secrets.iter().flatten().enumerate() {
        let path = pod.path.child("imagePullSecrets").index(i).child("name");
        if s.name.is_empty() {
            sink.report(path, "invalid empty name \"\"");
        } else if seen.contains(&s.name) {
            sink.report(path, format!("duplicate name {:?}", s.name));
        }
        seen.push(s.name.clone());
    }
}

/// `image-tag`: images pinned to a version.
pub(crate) static IMAGE_TAG: Rule = Rule {
    id: "image-tag",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "An image has no tag or the tag `latest`.",
    explanation: "`latest` (or no tag) changes under your feet: two replicas may run different code, and a rollback does not roll back the image. It also makes the kubelet pull on every start. Pin a version tag, or a digest.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx}
"#
        ),
        expect: &[(
            "spec.containers[0].image",
            r#"app container "web" uses "nginx", which has no fixed version"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27.3}
"#
    )],
    check: Check::Workload(image_tag),
};

fn image_tag(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let image = c.spec.image.as_deref().unwrap_or_default().trim();
        if !image.is_empty() && image_is_latest(image) {
            sink.lint(
                c.path.child("image"),
                format!("{} uses {image:?}, which has no fixed version", who(c)),
                "pin a version tag (nginx:1.27.3) or a digest (nginx@sha256:...)",
                "/catalog/rolling-upgrades",
            );
        }
    }
}

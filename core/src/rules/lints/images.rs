//! Image lints.

use super::super::{Check, Ctx, Rule, Sink};
use super::who;
use crate::defaults::image_is_latest;
use crate::report::Severity;
use crate::rules::{Case, Origin};

/// `image-tag`: images pinned to a version.
pub(super) static IMAGE_TAG: Rule = Rule {
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

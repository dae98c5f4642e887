//! Seccomp and AppArmor profiles. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateSeccompProfileField` and
//! `ValidateAppArmorProfileField`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{invalid, required, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use k8s_openapi::api::core::v1::{AppArmorProfile, SeccompProfile};

/// `seccomp-profile`: type and localhostProfile.
pub(crate) static SECCOMP_PROFILE: Rule = Rule {
    id: "seccomp-profile",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "seccompProfile.type is RuntimeDefault, Localhost or Unconfined; Localhost needs localhostProfile, others must not have it.",
    explanation: "`Localhost` loads a profile file from the node, named by a relative `localhostProfile`. The same rules apply to AppArmor profiles (`appArmorProfile`).",
    fail: &[Case {
        yaml: pod!(
            r#"
  securityContext:
    seccompProfile: {type: Localhost}
  containers:
  - {name: web, image: nginx:1.27}
"#
        ),
        expect: &[(
            "spec.securityContext.seccompProfile.localhostProfile",
            "Required value: must be set when seccomp type is Localhost",
        )],
    }],
    pass: &[pod!(
        r#"
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers:
  - {name: web, image: nginx:1.27}
"#
    )],
    check: Check::Workload(seccomp_profile),
};

fn seccomp_profile(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    if let Some(sc) = &pod.spec.security_context {
        let path = pod.path.child("securityContext");
        profiles(
            sink,
            path,
            sc.seccomp_profile.as_ref(),
            sc.app_armor_profile.as_ref(),
        );
    }
    for c in &pod.containers {
        if let Some(sc) = &c.spec.security_context {
            let path = c.path.child("securityContext");
            profiles(
                sink,
                path,
                sc.seccomp_profile.as_ref(),
                sc.app_armor_profile.as_ref(),
            );
        }
    }
}

fn profile_check(
    sink: &mut Sink,
    path: impl Descend,
    kind: &str,
    profile_type: &str,
    localhost: Option<&str>,
    what: &str,
) {
    let types = ["Localhost", "RuntimeDefault", "Unconfined"];
    if profile_type.is_empty() {
        sink.report(
            path.child("type"),
            required(&format!("type is required when {kind} is set")),
        );
    } else if !types.contains(&profile_type) {
        sink.report(path.child("type"), unsupported(profile_type, &types));
    }
    let profile = localhost.unwrap_or_default();
    if profile_type == "Localhost" && profile.is_empty() {
        sink.report(
            path.child("localhostProfile"),
            required(&format!("must be set when {what} type is Localhost")),
        );
    } else if profile_type != "Localhost" && localhost.is_some() {
        sink.report(
            path.child("localhostProfile"),
            invalid(
                profile,
                &format!("can only be set when {what} type is Localhost"),
            ),
        );
    }
}

fn seccomp(sink: &mut Sink, path: impl Descend, profile: Option<&SeccompProfile>) {
    if let Some(p) = profile {
        profile_check(
            sink,
            path,
            "seccompProfile",
            &p.type_,
            p.localhost_profile.as_deref(),
            "seccomp",
        );
    }
}

/// The seccomp and AppArmor profiles of one security context (Pod or container).
fn profiles(
    sink: &mut Sink,
    path: impl Descend,
    seccomp_profile: Option<&SeccompProfile>,
    app_armor: Option<&AppArmorProfile>,
) {
    seccomp(sink, path.child("seccompProfile"), seccomp_profile);
    if let Some(a) = app_armor {
        profile_check(
            sink,
            path.child("appArmorProfile"),
            "appArmorProfile",
            &a.type_,
            a.localhost_profile.as_deref(),
            "AppArmor",
        );
    }
}

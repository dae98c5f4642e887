//! Mount propagation. Upstream: `pkg/apis/core/validation/validation.go`
//! `validateMountPropagation`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{forbidden, unsupported};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use crate::values::MOUNT_PROPAGATIONS;

/// `mount-propagation`: known modes; Bidirectional needs privileged.
pub(crate) static MOUNT_PROPAGATION: Rule = Rule {
    id: "mount-propagation",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "mountPropagation must be None, HostToContainer or Bidirectional; Bidirectional only in privileged containers.",
    explanation: "Bidirectional propagation lets mounts made inside the container appear on the host, which only privileged containers may do.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: csi
    image: registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.13.0
    volumeMounts:
    - {name: pods, mountPath: /var/lib/kubelet/pods, mountPropagation: Bidirectional}
  volumes:
  - {name: pods, hostPath: {path: /var/lib/kubelet/pods}}
"#
        ),
        expect: &[(
            "spec.containers[0].volumeMounts[0].mountPropagation",
            "Forbidden: Bidirectional mount propagation is available only to privileged containers",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: csi
    image: registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.13.0
    securityContext: {privileged: true}
    volumeMounts:
    - {name: pods, mountPath: /var/lib/kubelet/pods, mountPropagation: Bidirectional}
  volumes:
  - {name: pods, hostPath: {path: /var/lib/kubelet/pods}}
"#
    )],
    check: Check::Workload(mount_propagation),
};

fn mount_propagation(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in &pod.containers {
        let mounts = c.path.child("volumeMounts");
        let privileged = c.spec.security_context.as_ref().and_then(|s| s.privileged) == Some(true);
        for (j, m) in c.spec.volume_mounts.iter().flatten().enumerate() {
            let path = mounts.index(j).child("mountPropagation");
            match m.mount_propagation.as_deref() {
                None | Some("None" | "HostToContainer") => {}
                Some("Bidirectional") if privileged => {}
                Some("Bidirectional") => {
                    sink.report(path, forbidden("Bidirectional mount propagation is available only to privileged containers"));
                }
                Some(other) => {
                    sink.report(path, unsupported(other, MOUNT_PROPAGATIONS));
                }
            }
        }
    }
}

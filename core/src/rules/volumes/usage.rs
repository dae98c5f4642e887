//! Lints about volumes nobody mounts and configuration mounted writable.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::who;
use crate::rules::volumes::{is_config, mounts};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `unused-volume`: a volume no container mounts.
pub(crate) static UNUSED_VOLUME: Rule = Rule {
    id: "unused-volume",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A volume is defined but no container mounts it.",
    explanation: "An unmounted volume usually means a forgotten `volumeMounts` entry: the sidecar that should read the app's files sees an empty directory of its own instead. Remove the volume or mount it where it is needed.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - {name: logs, emptyDir: {}}
"#
        ),
        expect: &[(
            "spec.volumes[0]",
            r#"volume "logs" is not mounted by any container"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: logs, mountPath: /var/log/nginx}]
  volumes:
  - {name: logs, emptyDir: {}}
"#
    )],
    check: Check::Workload(unused_volume),
};

fn unused_volume(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for (i, v) in pod.spec.volumes.iter().flatten().enumerate() {
        let used = pod.containers.iter().any(|c| {
            mounts(c, &v.name).next().is_some()
                || c.spec
                    .volume_devices
                    .iter()
                    .flatten()
                    .any(|d| d.name == v.name)
                || c.spec.env.iter().flatten().any(|e| {
                    e.value_from
                        .as_ref()
                        .and_then(|f| f.file_key_ref.as_ref())
                        .is_some_and(|f| f.volume_name == v.name)
                })
        });
        if !used {
            sink.lint(
                pod.path.child("volumes").index(i),
                format!("volume {:?} is not mounted by any container", v.name),
                "mount it in the containers that share it, or remove it",
                "/catalog/shared-volumes#checklist",
            );
        }
    }
}

/// `writable-config-volume`: secrets and config mounted without readOnly.
pub(crate) static WRITABLE_CONFIG_VOLUME: Rule = Rule {
    id: "writable-config-volume",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A secret, configMap, downwardAPI or projected volume is mounted without `readOnly: true`.",
    explanation: "These volumes are written by the kubelet, never by containers. Saying `readOnly: true` documents that and keeps a compromised container from tampering with what others read.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: tls, mountPath: /etc/tls}]
  volumes:
  - {name: tls, secret: {secretName: web-tls}}
"#
        ),
        expect: &[(
            "spec.containers[0].volumeMounts[0].readOnly",
            r#"app container "web" mounts the secret volume "tls" without readOnly: true"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: tls, mountPath: /etc/tls, readOnly: true}]
  volumes:
  - {name: tls, secret: {secretName: web-tls}}
"#
    )],
    check: Check::Workload(writable_config_volume),
};

fn writable_config_volume(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for v in pod.spec.volumes.iter().flatten().filter(|v| is_config(v)) {
        for c in &pod.containers {
            for (j, _) in mounts(c, &v.name).filter(|(_, m)| m.read_only != Some(true)) {
                sink.lint(
                    c.path.child("volumeMounts").index(j).child("readOnly"),
                    format!(
                        "{} mounts the {} volume {:?} without readOnly: true",
                        who(c),
                        crate::model::volume_sources(v)
                            .collect::<Vec<_>>()
                            .join("/"),
                        v.name
                    ),
                    "add readOnly: true to the mount",
                    "/catalog/security#secrets-and-shared-volumes",
                );
            }
        }
    }
}

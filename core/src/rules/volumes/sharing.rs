//! Lints about volumes shared between containers.

use crate::model::PatternRole;
use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::who;
use crate::rules::volumes::{is_config, mounts};
use crate::rules::{Case, Check, CtrCtx, Ctx, Origin, Place, Rule, Sink};

/// `shared-writable-volume`: several running containers write one volume.
pub(crate) static SHARED_WRITABLE_VOLUME: Rule = Rule {
    id: "shared-writable-volume",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "Several containers that run at the same time mount one volume read-write.",
    explanation: "With two writers, files can be overwritten or half-written under each other's feet. Usually one container produces and the others consume: mount the volume `readOnly: true` in the consumers.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: logs, mountPath: /var/log/nginx}]
  - name: exporter
    image: nginx/nginx-prometheus-exporter:1.4.0
    volumeMounts: [{name: logs, mountPath: /logs}]
  volumes:
  - {name: logs, emptyDir: {}}
"#
        ),
        expect: &[(
            "spec.containers[1].volumeMounts[0]",
            r#"volume "logs" is writable in app container "web" and in adapter "exporter""#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: logs, mountPath: /var/log/nginx}]
  - name: exporter
    image: nginx/nginx-prometheus-exporter:1.4.0
    volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]
  volumes:
  - {name: logs, emptyDir: {}}
"#
    )],
    check: Check::Workload(shared_writable_volume),
};

fn shared_writable_volume(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for v in pod.spec.volumes.iter().flatten().filter(|v| !is_config(v)) {
        let mut writers: Vec<&CtrCtx<'_>> = Vec::new();
        for c in pod.containers.iter().filter(|c| c.place != Place::Init) {
            let Some((j, _)) = mounts(c, &v.name).find(|(_, m)| m.read_only != Some(true)) else {
                continue;
            };
            if let Some(first) = writers.first()
                && c.role != PatternRole::LogShipper
            {
                sink.lint(
                    c.path.child("volumeMounts").index(j),
                    format!(
                        "volume {:?} is writable in {} and in {}",
                        v.name,
                        who(first),
                        who(c)
                    ),
                    "mount it readOnly: true in every container that only reads it",
                    "/catalog/shared-volumes#checklist",
                );
            }
            writers.push(c);
        }
    }
}

/// `log-shipper-writable-mount`: log shippers read shared volumes read-only.
pub(crate) static LOG_SHIPPER_WRITABLE_MOUNT: Rule = Rule {
    id: "log-shipper-writable-mount",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A log shipper mounts a volume it shares with another container read-write.",
    explanation: "A log shipper only reads the app's log files. With write access, a bug or a compromise in the shipper can delete or alter the logs it is supposed to forward.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: logs, mountPath: /var/log/nginx}]
  - name: shipper
    image: fluent/fluent-bit:3.2.4
    volumeMounts: [{name: logs, mountPath: /logs}]
  volumes:
  - {name: logs, emptyDir: {}}
"#
        ),
        expect: &[(
            "spec.containers[1].volumeMounts[0].readOnly",
            r#"log shipper "shipper" mounts the shared volume "logs" read-write"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: logs, mountPath: /var/log/nginx}]
  - name: shipper
    image: fluent/fluent-bit:3.2.4
    volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]
  volumes:
  - {name: logs, emptyDir: {}}
"#
    )],
    check: Check::Workload(log_shipper_writable_mount),
};

fn log_shipper_writable_mount(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for c in pod
        .containers
        .iter()
        .filter(|c| c.role == PatternRole::LogShipper)
    {
        for (j, m) in c.spec.volume_mounts.iter().flatten().enumerate() {
            let shared = pod
                .containers
                .iter()
                .any(|o| o.path != c.path && mounts(o, &m.name).next().is_some());
            if shared && m.read_only != Some(true) {
                sink.lint(
                    c.path.child("volumeMounts").index(j).child("readOnly"),
                    format!("{} mounts the shared volume {:?} read-write", who(c), m.name),
                    "add readOnly: true; give the shipper its own emptyDir for its position database if it needs one",
                    "/catalog/log-aggregation#anti-pattern-a-shipper-with-write-access",
                );
            }
        }
    }
}

/// `shared-volume-without-fs-group`: containers running as different users
/// share a volume, and no `fsGroup` gives them a common group.
pub(crate) static SHARED_VOLUME_WITHOUT_FS_GROUP: Rule = Rule {
    id: "shared-volume-without-fs-group",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "Containers running as different users share a writable volume, and the Pod sets no fsGroup.",
    explanation: "Files one container writes belong to its user. Another container running as a different user may not read them (`Permission denied`), depending on the writer's umask. `securityContext.fsGroup` on the Pod gives every container a common group that owns the volume; pair it with a umask that keeps files group-readable.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: writer
    image: busybox:1.37.0
    securityContext: {runAsUser: 1000}
    volumeMounts: [{name: shared, mountPath: /out}]
  - name: reader
    image: busybox:1.37.0
    securityContext: {runAsUser: 1001}
    volumeMounts: [{name: shared, mountPath: /in, readOnly: true}]
  volumes:
  - {name: shared, emptyDir: {}}
"#
        ),
        expect: &[(
            "spec.securityContext.fsGroup",
            r#"volume "shared" is shared by app container "writer" and app container "reader" running as users [1000, 1001], and the Pod sets no fsGroup: files one writes may be unreadable to the others"#,
        )],
    }],
    pass: &[pod!(
        r#"
  securityContext: {fsGroup: 2000}
  containers:
  - name: writer
    image: busybox:1.37.0
    securityContext: {runAsUser: 1000}
    volumeMounts: [{name: shared, mountPath: /out}]
  - name: reader
    image: busybox:1.37.0
    securityContext: {runAsUser: 1001}
    volumeMounts: [{name: shared, mountPath: /in, readOnly: true}]
  volumes:
  - {name: shared, emptyDir: {}}
"#
    )],
    check: Check::Workload(shared_volume_without_fs_group),
};

fn shared_volume_without_fs_group(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let pod_security = pod.spec.security_context.as_ref();
    if pod_security.and_then(|s| s.fs_group).is_some() {
        return;
    }
    let pod_user = pod_security.and_then(|s| s.run_as_user);
    let user_of = |c: &CtrCtx<'_>| {
        c.spec
            .security_context
            .as_ref()
            .and_then(|s| s.run_as_user)
            .or(pod_user)
    };
    for v in pod.spec.volumes.iter().flatten().filter(|v| !is_config(v)) {
        let sharers: Vec<&CtrCtx<'_>> = pod
            .containers
            .iter()
            .filter(|c| mounts(c, &v.name).next().is_some())
            .collect();
        let written = sharers
            .iter()
            .any(|c| mounts(c, &v.name).any(|(_, m)| m.read_only != Some(true)));
        let mut users: Vec<i64> = sharers.iter().filter_map(|c| user_of(c)).collect();
        users.sort_unstable();
        users.dedup();
        if written && users.len() > 1 {
            let names: Vec<String> = sharers.iter().map(|c| who(c)).collect();
            sink.lint(
                pod.path.child("securityContext").child("fsGroup"),
                format!(
                    "volume {:?} is shared by {} running as users {users:?}, and the Pod sets no fsGroup: files one writes may be unreadable to the others",
                    v.name,
                    names.join(" and ")
                ),
                "set spec.securityContext.fsGroup so every container shares a group that owns the volume",
                "/catalog/shared-volumes",
            );
        }
    }
}

//! Block devices (`volumeDevices`), resize policies and env files (§1.6, §1.8).

use super::format::{dns_label, env_var_name};
use super::{Check, Ctx, Place, Rule, Sink, invalid, required, unsupported};
use crate::report::Severity;
use crate::rules::{Case, Origin};
use std::collections::HashSet;

pub(super) const RULES: &[&Rule] = &[&VOLUME_DEVICES, &RESIZE_POLICY, &ENV_FILE_KEY_REF];

/// `volume-devices`: raw block devices from claims.
static VOLUME_DEVICES: Rule = Rule {
    id: "volume-devices",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "volumeDevices name a PVC or ephemeral volume, with unique names and paths not also used by volumeMounts.",
    explanation: "A raw block device comes from a claim in `volumeMode: Block`; it is exposed at `devicePath` instead of being mounted. One volume is either mounted or attached as a device in a container, not both.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: db
    image: postgres:17
    volumeDevices:
    - {name: data, devicePath: /dev/xvda}
  volumes:
  - {name: data, emptyDir: {}}
"#
        ),
        expect: &[(
            "spec.containers[0].volumeDevices[0].name",
            r#"Invalid value: "data": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: db
    image: postgres:17
    volumeDevices:
    - {name: data, devicePath: /dev/xvda}
  volumes:
  - {name: data, persistentVolumeClaim: {claimName: db-block}}
"#
    )],
    check: Check::Workload(volume_devices),
};

fn volume_devices(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let volumes = pod.spec.volumes.as_deref().unwrap_or_default();
    for c in &pod.containers {
        let mut names = HashSet::new();
        let mut paths = HashSet::new();
        let mounts = c.spec.volume_mounts.as_deref().unwrap_or_default();
        for (j, d) in c.spec.volume_devices.iter().flatten().enumerate() {
            let path = c.path.child("volumeDevices").index(j);
            if d.name.is_empty() {
                sink.report(path.child("name"), required(""));
            } else if !names.insert(d.name.as_str()) {
                sink.report(path.child("name"), invalid(&d.name, "must be unique"));
            }
            match volumes.iter().find(|v| v.name == d.name) {
                None if !d.name.is_empty() => {
                    sink.report(path.child("name"), format!("Not found: {:?}", d.name));
                }
                Some(v) if v.persistent_volume_claim.is_none() && v.ephemeral.is_none() => {
                    sink.report(
                        path.child("name"),
                        invalid(&d.name, "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode"),
                    );
                }
                _ => {}
            }
            if d.device_path.is_empty() {
                sink.report(path.child("devicePath"), required(""));
            } else if !paths.insert(d.device_path.as_str()) {
                sink.report(
                    path.child("devicePath"),
                    invalid(&d.device_path, "must be unique"),
                );
            } else if d.device_path.split('/').any(|p| p == "..") {
                sink.report(
                    path.child("devicePath"),
                    invalid(&d.device_path, "can not contain backsteps ('..')"),
                );
            }
            if mounts.iter().any(|m| m.name == d.name) {
                sink.report(
                    path.child("name"),
                    invalid(&d.name, "must not already exist in volumeMounts"),
                );
            }
            if mounts.iter().any(|m| m.mount_path == d.device_path) {
                sink.report(
                    path.child("devicePath"),
                    invalid(
                        &d.device_path,
                        "must not already exist as a path in volumeMounts",
                    ),
                );
            }
        }
    }
}

/// `resize-policy`: in-place resize policies.
static RESIZE_POLICY: Rule = Rule {
    id: "resize-policy",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "resizePolicy entries name cpu or memory once, with NotRequired or RestartContainer.",
    explanation: "A resize policy says whether changing a container's resources in place needs a restart. With Pod `restartPolicy: Never` only `NotRequired` is allowed, and plain init containers may not restart for a resize.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    resizePolicy:
    - {resourceName: cpu, restartPolicy: NotRequired}
    - {resourceName: cpu, restartPolicy: RestartContainer}
"#
        ),
        expect: &[(
            "spec.containers[0].resizePolicy[1].resourceName",
            r#"Duplicate value: "cpu""#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    resizePolicy:
    - {resourceName: cpu, restartPolicy: NotRequired}
    - {resourceName: memory, restartPolicy: RestartContainer}
"#
    )],
    check: Check::Workload(resize_policy),
};

fn resize_policy(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    let never = pod.spec.restart_policy.as_deref() == Some("Never");
    for c in &pod.containers {
        let mut seen = HashSet::new();
        for (k, p) in c.spec.resize_policy.iter().flatten().enumerate() {
            let path = c.path.child("resizePolicy").index(k);
            match p.resource_name.as_str() {
                "" => {
                    sink.report(path.child("resourceName"), required(""));
                }
                "cpu" | "memory" => {
                    if !seen.insert(p.resource_name.as_str()) {
                        sink.report(
                            path.child("resourceName"),
                            format!("Duplicate value: {:?}", p.resource_name),
                        );
                    }
                }
                other => {
                    sink.report(
                        path.child("resourceName"),
                        unsupported(other, &["cpu", "memory"]),
                    );
                }
            }
            match p.restart_policy.as_str() {
                "" => {
                    sink.report(path.child("restartPolicy"), required(""));
                }
                "NotRequired" => {}
                "RestartContainer" if c.place == Place::Init => {
                    sink.report(
                        c.path.child("resizePolicy"),
                        invalid(
                            "RestartContainer",
                            "must not be set to 'RestartContainer' for non-sidecar initContainers",
                        ),
                    );
                }
                "RestartContainer" if never => {
                    sink.report(
                        path.child("restartPolicy"),
                        invalid(
                            "RestartContainer",
                            "must be 'NotRequired' when pod `restartPolicy` is 'Never'",
                        ),
                    );
                }
                "RestartContainer" => {}
                other => {
                    sink.report(
                        path.child("restartPolicy"),
                        unsupported(other, &["NotRequired", "RestartContainer"]),
                    );
                }
            }
        }
    }
}

/// `env-file-key-ref`: variables read from a file in an emptyDir.
static ENV_FILE_KEY_REF: Rule = Rule {
    id: "env-file-key-ref",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "fileKeyRef names an emptyDir volume of the Pod, a relative path and a key.",
    explanation: "With EnvFiles (1.35+), an init container writes `KEY=value` lines into a file in an emptyDir, and later containers read variables from it. The volume must exist and be an emptyDir.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    env:
    - name: TOKEN
      valueFrom:
        fileKeyRef: {volumeName: config, path: env/app.env, key: TOKEN}
"#
        ),
        expect: &[(
            "spec.containers[0].env[0].valueFrom.fileKeyRef.volumeName",
            r#"Not found: "config""#,
        )],
    }],
    pass: &[pod!(
        r#"
  initContainers:
  - name: fetch
    image: busybox:1.37
    command: [sh, -c, 'echo TOKEN=abc > /env/app.env']
    volumeMounts: [{name: config, mountPath: /env}]
  containers:
  - name: web
    image: nginx:1.27
    env:
    - name: TOKEN
      valueFrom:
        fileKeyRef: {volumeName: config, path: app.env, key: TOKEN}
  volumes:
  - {name: config, emptyDir: {}}
"#
    )],
    check: Check::Workload(env_file_key_ref),
};

fn env_file_key_ref(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    if !ctx.options.target.at_least(35) {
        return;
    }
    let volumes = pod.spec.volumes.as_deref().unwrap_or_default();
    for c in &pod.containers {
        for (j, e) in c.spec.env.iter().flatten().enumerate() {
            let Some(file) = e.value_from.as_ref().and_then(|v| v.file_key_ref.as_ref()) else {
                continue;
            };
            let path = c
                .path
                .child("env")
                .index(j)
                .child("valueFrom")
                .child("fileKeyRef");
            if file.key.is_empty() {
                sink.report(path.child("key"), required(""));
            } else {
                let errors = env_var_name(&file.key);
                if !errors.is_empty() {
                    sink.report(path.child("key"), invalid(&file.key, &errors.join(", ")));
                }
            }
            if file.path.is_empty() {
                sink.report(path.child("path"), required(""));
            } else if file.path.split('/').any(|p| p == "..") {
                sink.report(
                    path.child("path"),
                    invalid(&file.path, "must not contain '..'"),
                );
            }
            let name_path = path.child("volumeName");
            if file.volume_name.is_empty() {
                sink.report(name_path, required(""));
                continue;
            }
            let errors = dns_label(&file.volume_name);
            if !errors.is_empty() {
                sink.report(&name_path, invalid(&file.volume_name, &errors.join(", ")));
            }
            match volumes.iter().find(|v| v.name == file.volume_name) {
                None => {
                    sink.report(name_path, format!("Not found: {:?}", file.volume_name));
                }
                Some(v) if v.empty_dir.is_none() => {
                    sink.report(
                        name_path,
                        invalid(
                            &file.volume_name,
                            "referenced volume must be of type emptyDir",
                        ),
                    );
                }
                Some(_) => {}
            }
        }
    }
}

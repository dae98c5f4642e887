//! Block devices. Upstream: `pkg/apis/core/validation/validation.go`
//! `ValidateVolumeDevices`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{invalid, required};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};
use rustc_hash::FxHashSet;

/// `volume-devices`: raw block devices from claims.
pub(crate) static VOLUME_DEVICES: Rule = Rule {
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
        let mut names = FxHashSet::default();
        let mut paths = FxHashSet::default();
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

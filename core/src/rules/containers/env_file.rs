//! `env[].valueFrom.fileKeyRef` (EnvFiles, 1.35+). Upstream:
//! `pkg/apis/core/validation/validation.go` `validateEnvVarValueFrom`, its
//! `fileKeyRef` source.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::format::{dns_label, env_var_name};
use crate::rules::messages::{invalid, required};
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

/// `env-file-key-ref`: variables read from a file in an emptyDir.
pub(crate) static ENV_FILE_KEY_REF: Rule = Rule {
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
                sink.report(name_path, invalid(&file.volume_name, &errors.join(", ")));
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

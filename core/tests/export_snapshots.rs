//! The exported YAML of representative designs, pinned: key order, quoting,
//! block style, and the defaults each workload kind gets.

use podwright_core::convert::{export_documents, import_documents, retarget};
use podwright_core::model::WorkloadKind;
use podwright_core::yaml::{Limits, read_documents, write_documents};

const SIDECAR_POD: &str = r#"
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app.kubernetes.io/name: web, tier: "front"}
  annotations:
    note: "yes"
    build: "0440"
spec:
  initContainers:
    - name: shipper
      image: fluent/fluent-bit:3.2.4
      restartPolicy: Always
      volumeMounts: [{name: logs, mountPath: /logs, readOnly: true}]
  containers:
    - image: nginxinc/nginx-unprivileged:1.27.3
      name: web
      args: ["-g", "daemon off;", "on", "12:30"]
      env:
        - {name: GREETING, value: "hello: world"}
        - {name: SCRIPT, value: "set -e\necho start\n"}
      resources: {limits: {cpu: 1, memory: 256Mi}, requests: {cpu: 0.5, memory: 128Mi}}
      volumeMounts: [{name: logs, mountPath: /var/log/nginx}]
  volumes:
    - name: logs
      emptyDir: {sizeLimit: 64Mi}
    - name: config
      configMap: {name: web-config, defaultMode: 0440}
"#;

fn design() -> podwright_core::model::Design {
    let documents = read_documents(SIDECAR_POD, &Limits::default()).unwrap();
    import_documents(documents).unwrap().0
}

#[test]
fn a_pod_with_a_native_sidecar_exports_in_kubectl_order() {
    insta::assert_snapshot!(write_documents(&export_documents(&design())));
}

#[test]
fn each_workload_kind_gets_valid_defaults() {
    for kind in [
        WorkloadKind::Deployment,
        WorkloadKind::StatefulSet,
        WorkloadKind::DaemonSet,
        WorkloadKind::Job,
        WorkloadKind::CronJob,
    ] {
        let yaml = write_documents(&export_documents(&retarget(&design(), kind)));
        insta::assert_snapshot!(format!("as_{}", kind.as_str().to_lowercase()), yaml);
    }
}

#[test]
fn a_deployment_turned_back_into_a_pod_keeps_its_labels() {
    let deployment = retarget(&design(), WorkloadKind::Deployment);
    insta::assert_snapshot!(write_documents(&export_documents(&retarget(
        &deployment,
        WorkloadKind::Pod
    ))));
}

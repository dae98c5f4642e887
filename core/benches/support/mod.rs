//! What the benchmarks share: their settings, and their input, a generated Pod
//! manifest of realistic containers and its design.

use criterion::Criterion;
use podwright_core::convert::import_documents;
use podwright_core::model::Design;
use podwright_core::validate::{Options, validate_design};
use podwright_core::yaml::{Limits, read_stream};
use std::fmt::Write as _;
use std::time::Duration;

/// The `podwright` binary's allocator: validation makes many small allocations,
/// and the benchmarks measure it as the server and `podwright check` run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Criterion's settings: short enough that all benchmarks run in a few minutes.
pub fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5))
        .sample_size(30)
}

/// The design that [`pod_manifest`] imports as, checked to be free of errors,
/// so that the benchmarks measure the path a valid design takes.
pub fn pod_design(containers: usize) -> Design {
    let stream = read_stream(&pod_manifest(containers), &Limits::default())
        .expect("the generated manifest is YAML");
    let (design, unknown) =
        import_documents(stream.documents).expect("the generated manifest is a Pod");
    assert!(unknown.is_empty(), "unknown fields: {unknown:?}");
    let report = validate_design(&design, &Options::default());
    assert!(report.valid, "the generated Pod has errors: {report:#?}");
    design
}

/// A Pod manifest with `containers` containers in all. From four containers
/// on it has every group: two init containers, a native sidecar and the rest
/// as app containers; below that, app containers only. Every container that
/// may have them has an image, command and args, 2 ports, 5 env vars (3 of
/// them `valueFrom`), `envFrom`, 3 volume mounts, resources, 3 probes, a
/// `preStop` hook and a security context; init containers have all but ports,
/// probes and the hook, which the API server refuses on them; app containers
/// also mount a projected volume (a bound service account token, a ConfigMap
/// and downward API files). The volumes match the mounts: the shared ones and
/// one scratch volume per container.
pub fn pod_manifest(containers: usize) -> String {
    let (init, sidecars) = if containers >= 4 { (2, 1) } else { (0, 0) };
    let mut yaml = String::from(
        "apiVersion: v1
kind: Pod
metadata:
  name: shop-frontend
  namespace: shop
  labels:
    app.kubernetes.io/name: shop-frontend
    app.kubernetes.io/part-of: shop
  annotations:
    kubectl.kubernetes.io/default-container: app-0
spec:
  serviceAccountName: shop-frontend
  terminationGracePeriodSeconds: 30
  securityContext:
    fsGroup: 2000
    seccompProfile:
      type: RuntimeDefault
",
    );
    if init + sidecars > 0 {
        yaml.push_str("  initContainers:\n");
        for i in 0..init {
            container(&mut yaml, &format!("init-{i}"), i, Kind::Init);
        }
        container(&mut yaml, "proxy", init, Kind::Sidecar);
    }
    yaml.push_str("  containers:\n");
    for i in 0..containers - init - sidecars {
        container(
            &mut yaml,
            &format!("app-{i}"),
            init + sidecars + i,
            Kind::App,
        );
    }
    yaml.push_str(
        "  volumes:
  - name: shared-data
    emptyDir: {}
  - name: config
    configMap:
      name: shop-frontend-config
  - name: identity
    projected:
      defaultMode: 0440
      sources:
      - serviceAccountToken:
          audience: shop-api
          expirationSeconds: 3600
          path: token
      - configMap:
          name: shop-ca
          items:
          - key: ca.crt
            path: ca.crt
      - downwardAPI:
          items:
          - path: labels
            fieldRef:
              fieldPath: metadata.labels
",
    );
    for i in 0..containers {
        let _ = write!(
            yaml,
            "  - name: scratch-{i}\n    emptyDir:\n      sizeLimit: 64Mi\n"
        );
    }
    yaml
}

/// Where a container sits in the Pod, which decides the fields it may have.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Init,
    Sidecar,
    App,
}

/// Appends one container; `index` numbers its ports and scratch volume.
fn container(yaml: &mut String, name: &str, index: usize, kind: Kind) {
    let http = 8000 + index;
    let metrics = 9000 + index;
    let identity = if kind == Kind::App {
        "    - name: identity\n      mountPath: /var/run/secrets/shop\n      readOnly: true\n"
    } else {
        ""
    };
    let _ = write!(
        yaml,
        "  - name: {name}
    image: registry.example.com/shop/{name}:1.14.2
    imagePullPolicy: IfNotPresent
    command:
    - /usr/local/bin/{name}
    args:
    - --listen=:{http}
    - --metrics-listen=:{metrics}
    - --config=/etc/shop/config.yaml
    env:
    - name: LOG_LEVEL
      value: info
    - name: LISTEN_PORT
      value: \"{http}\"
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: shop-db
          key: password
    - name: MEMORY_LIMIT
      valueFrom:
        resourceFieldRef:
          resource: limits.memory
    envFrom:
    - configMapRef:
        name: shop-frontend-env
    volumeMounts:
    - name: shared-data
      mountPath: /var/run/shared
    - name: config
      mountPath: /etc/shop
      readOnly: true
    - name: scratch-{index}
      mountPath: /tmp
{identity}    resources:
      requests:
        cpu: 100m
        memory: 128Mi
      limits:
        cpu: 500m
        memory: 256Mi
    securityContext:
      runAsNonRoot: true
      runAsUser: 10001
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      capabilities:
        drop:
        - ALL
"
    );
    if kind == Kind::Init {
        return;
    }
    if kind == Kind::Sidecar {
        yaml.push_str("    restartPolicy: Always\n");
    }
    let _ = write!(
        yaml,
        "    ports:
    - name: http
      containerPort: {http}
      protocol: TCP
    - name: metrics
      containerPort: {metrics}
      protocol: TCP
    startupProbe:
      httpGet:
        path: /healthz
        port: http
      periodSeconds: 2
      failureThreshold: 30
    livenessProbe:
      httpGet:
        path: /healthz
        port: http
      periodSeconds: 10
      timeoutSeconds: 2
    readinessProbe:
      exec:
        command:
        - /usr/local/bin/{name}
        - --ready
      periodSeconds: 5
    lifecycle:
      preStop:
        exec:
          command:
          - sleep
          - \"5\"
"
    );
}

//! Volumes backed by storage: claims, ephemeral claims, CSI drivers and images.
//! Upstream: `pkg/apis/core/validation/validation.go`
//! `validatePersistentClaimVolumeSource`, `validateEphemeralVolumeSource`,
//! `validateCSIVolumeSource` and `validateImageVolumeSource`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::{required, unsupported};
use crate::rules::volumes::sources::{Problems, SourcePath, check_source};
use crate::rules::{Case, Check, Origin, Rule};
use crate::values::PULL_POLICIES;
use k8s_openapi::api::core::v1::Volume;

/// A problem at `p.field` when `missing`.
fn required_field(missing: bool, p: SourcePath<'_>, field: &str) -> Problems {
    if missing {
        vec![(p.child(field).to_path(), required(""))]
    } else {
        Problems::new()
    }
}

/// `persistent-volume-claim-volume`: a claimName.
pub(crate) static PERSISTENT_VOLUME_CLAIM_VOLUME: Rule = Rule {
    id: "persistent-volume-claim-volume",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A persistentVolumeClaim volume names its claim with claimName.",
    explanation: "The volume mounts an existing PersistentVolumeClaim of the Pod's namespace, named by `claimName`. A volume with such an error is not registered, so its mounts also fail with `Not found`.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: data, mountPath: /data}]
  volumes:
  - {name: data, persistentVolumeClaim: {claimName: ''}}
"#
        ),
        expect: &[(
            "spec.volumes[0].persistentVolumeClaim.claimName",
            "Required value",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: data, mountPath: /data}]
  volumes:
  - {name: data, persistentVolumeClaim: {claimName: web-data}}
"#
    )],
    check: Check::Workload(|ctx, sink| {
        check_source(ctx, sink, "persistentVolumeClaim", persistent_volume_claim)
    }),
};

/// The problems of a persistentVolumeClaim source at `p`.
pub(crate) fn persistent_volume_claim(v: &Volume, p: SourcePath<'_>) -> Problems {
    let missing = v
        .persistent_volume_claim
        .as_ref()
        .is_some_and(|c| c.claim_name.is_empty());
    required_field(missing, p, "claimName")
}

/// `csi-volume`: a driver.
pub(crate) static CSI_VOLUME: Rule = Rule {
    id: "csi-volume",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A csi volume names its driver.",
    explanation: "An inline CSI volume is provided by the CSI driver named in `driver` (such as `secrets-store.csi.k8s.io`); without it the kubelet would not know whom to ask.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: secrets
    csi: {driver: '', readOnly: true}
"#
        ),
        expect: &[("spec.volumes[0].csi.driver", "Required value")],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: secrets
    csi: {driver: secrets-store.csi.k8s.io, readOnly: true}
"#
    )],
    check: Check::Workload(|ctx, sink| check_source(ctx, sink, "csi", csi)),
};

/// The problems of a csi source at `p`.
pub(crate) fn csi(v: &Volume, p: SourcePath<'_>) -> Problems {
    let missing = v.csi.as_ref().is_some_and(|c| c.driver.is_empty());
    required_field(missing, p, "driver")
}

/// `ephemeral-volume`: a volumeClaimTemplate.
pub(crate) static EPHEMERAL_VOLUME: Rule = Rule {
    id: "ephemeral-volume",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "An ephemeral volume needs a volumeClaimTemplate.",
    explanation: "A generic ephemeral volume creates a PersistentVolumeClaim for the Pod from `volumeClaimTemplate`, and deletes it with the Pod; the template is what it is made of.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: scratch
    ephemeral: {}
"#
        ),
        expect: &[(
            "spec.volumes[0].ephemeral.volumeClaimTemplate",
            "Required value",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: scratch
    ephemeral:
      volumeClaimTemplate:
        spec:
          accessModes: [ReadWriteOnce]
          resources:
            requests: {storage: 1Gi}
"#
    )],
    check: Check::Workload(|ctx, sink| check_source(ctx, sink, "ephemeral", ephemeral)),
};

/// The problems of an ephemeral source at `p`.
pub(crate) fn ephemeral(v: &Volume, p: SourcePath<'_>) -> Problems {
    let missing = v
        .ephemeral
        .as_ref()
        .is_some_and(|e| e.volume_claim_template.is_none());
    required_field(missing, p, "volumeClaimTemplate")
}

/// `image-volume`: a reference and a known pull policy.
pub(crate) static IMAGE_VOLUME: Rule = Rule {
    id: "image-volume",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "An image volume needs a reference; its pullPolicy is Always, IfNotPresent or Never.",
    explanation: "An image volume (ImageVolume, on by default from 1.35) mounts the contents of an OCI image or artifact, read-only, named by `reference`.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: model
    image: {reference: registry.example.com/model:1, pullPolicy: Sometimes}
"#
        ),
        expect: &[(
            "spec.volumes[0].image.pullPolicy",
            r#"Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never""#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: model
    image: {reference: registry.example.com/model:1, pullPolicy: IfNotPresent}
"#
    )],
    check: Check::Workload(|ctx, sink| check_source(ctx, sink, "image", image)),
};

/// The problems of an image source at `p`.
pub(crate) fn image(v: &Volume, p: SourcePath<'_>) -> Problems {
    let mut problems = Problems::new();
    let Some(image) = &v.image else {
        return problems;
    };
    if image.reference.as_deref().unwrap_or_default().is_empty() {
        problems.push((p.child("reference").to_path(), required("")));
    }
    let policies = PULL_POLICIES;
    if let Some(policy) = image
        .pull_policy
        .as_deref()
        .filter(|x| !policies.contains(x))
    {
        problems.push((
            p.child("pullPolicy").to_path(),
            unsupported(policy, policies),
        ));
    }
    problems
}

//! Deprecated volume types: an API server warning from
//! `pkg/api/pod/warnings.go`.

use crate::path::Descend;
use crate::report::Severity;
use crate::rules::{Case, Check, Ctx, Origin, Rule, Sink};

const DEPRECATED_VOLUMES: &[(&str, &str)] = &[
    (
        "photonPersistentDisk",
        "deprecated in v1.11, non-functional in v1.16+",
    ),
    ("gitRepo", "deprecated in v1.11"),
    ("scaleIO", "deprecated in v1.16, non-functional in v1.22+"),
    ("flocker", "deprecated in v1.22, non-functional in v1.25+"),
    ("storageos", "deprecated in v1.22, non-functional in v1.25+"),
    ("quobyte", "deprecated in v1.22, non-functional in v1.25+"),
    ("glusterfs", "deprecated in v1.25, non-functional in v1.26+"),
    ("cephfs", "deprecated in v1.28, non-functional in v1.31+"),
    ("rbd", "deprecated in v1.28, non-functional in v1.31+"),
];

/// `deprecated-volume-type`: in-tree volume plugins that were removed.
pub(crate) static DEPRECATED_VOLUME_TYPE: Rule = Rule {
    id: "deprecated-volume-type",
    origin: Origin::ApiServerWarning,
    severity: Severity::Warning,
    summary: "The volume uses a deprecated or removed in-tree volume plugin (gitRepo, glusterfs, cephfs, rbd, ...).",
    explanation: "Most in-tree storage plugins were replaced by CSI drivers; several no longer work at all. For `gitRepo`, clone the repository with an init container into an emptyDir.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: site, mountPath: /usr/share/nginx/html}]
  volumes:
  - name: site
    gitRepo: {repository: 'https://example.com/site.git'}
"#
        ),
        expect: &[("spec.volumes[0].gitRepo", "deprecated in v1.11")],
    }],
    pass: &[pod!(
        r#"
  initContainers:
  - name: clone
    image: alpine/git:2.47.1
    args: [clone, 'https://example.com/site.git', /site]
    volumeMounts: [{name: site, mountPath: /site}]
  containers:
  - name: web
    image: nginx:1.27
    volumeMounts: [{name: site, mountPath: /usr/share/nginx/html}]
  volumes:
  - {name: site, emptyDir: {}}
"#
    )],
    check: Check::Workload(deprecated_volume_type),
};

fn deprecated_volume_type(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for (i, v) in pod.spec.volumes.iter().flatten().enumerate() {
        for source in crate::model::volume_sources(v) {
            if let Some((name, text)) = DEPRECATED_VOLUMES.iter().find(|(n, _)| *n == source) {
                sink.report(pod.path.child("volumes").index(i).child(name), *text);
            }
        }
    }
}

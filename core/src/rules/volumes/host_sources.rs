//! Volumes on the node or the network: hostPath, emptyDir and NFS. Upstream:
//! `pkg/apis/core/validation/validation.go` `validateHostPathVolumeSource`
//! (with `validatePathNoBacksteps` and `validateHostPathType`), the emptyDir
//! checks of `validateVolumeSource`, and `validateNFSVolumeSource`.

use crate::path::Descend;
use crate::quantity::Quantity;
use crate::report::Severity;
use crate::rules::messages::{forbidden, invalid, required, unsupported};
use crate::rules::volumes::sources::{Problems, SourcePath, check_source};
use crate::rules::{Case, Check, Origin, Rule};
use k8s_openapi::api::core::v1::Volume;

/// `host-path-volume`: a path without `..`, and a known type.
pub(crate) static HOST_PATH_VOLUME: Rule = Rule {
    id: "host-path-volume",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "A hostPath volume needs a path without `..` and, if set, a known type.",
    explanation: "A hostPath volume mounts a file or directory of the node. Its `path` is required and may not step up with `..`; `type` is empty, DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: logs
    hostPath: {path: /var/log/../lib, type: Dir}
"#
        ),
        expect: &[
            (
                "spec.volumes[0].hostPath.path",
                r#"Invalid value: "/var/log/../lib": must not contain '..'"#,
            ),
            (
                "spec.volumes[0].hostPath.type",
                r#"Unsupported value: "Dir": supported values: "", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice""#,
            ),
        ],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: logs
    hostPath: {path: /var/log, type: Directory}
"#
    )],
    check: Check::Workload(|ctx, sink| check_source(ctx, sink, "hostPath", host_path)),
};

/// The problems of a hostPath source at `p`.
pub(crate) fn host_path(v: &Volume, p: SourcePath<'_>) -> Problems {
    let mut problems = Problems::new();
    let Some(host) = &v.host_path else {
        return problems;
    };
    if host.path.is_empty() {
        problems.push((p.child("path").to_path(), required("")));
        return problems;
    }
    if host.path.replace('\\', "/").split('/').any(|s| s == "..") {
        problems.push((
            p.child("path").to_path(),
            invalid(&host.path, "must not contain '..'"),
        ));
    }
    let types = [
        "",
        "DirectoryOrCreate",
        "Directory",
        "FileOrCreate",
        "File",
        "Socket",
        "CharDevice",
        "BlockDevice",
    ];
    if let Some(t) = host.type_.as_deref().filter(|t| !types.contains(t)) {
        problems.push((p.child("type").to_path(), unsupported(t, &types)));
    }
    problems
}

/// `empty-dir-volume`: a size limit that is not negative.
pub(crate) static EMPTY_DIR_VOLUME: Rule = Rule {
    id: "empty-dir-volume",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "An emptyDir's sizeLimit is not negative.",
    explanation: "`sizeLimit` caps the scratch space of an emptyDir; the kubelet evicts the Pod when the volume grows past it. A negative quantity is refused.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: scratch
    emptyDir: {sizeLimit: -1Gi}
"#
        ),
        expect: &[(
            "spec.volumes[0].emptyDir.sizeLimit",
            "Forbidden: SizeLimit field must be a valid resource quantity",
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: scratch
    emptyDir: {sizeLimit: 1Gi}
"#
    )],
    check: Check::Workload(|ctx, sink| check_source(ctx, sink, "emptyDir", empty_dir)),
};

/// The problems of an emptyDir source at `p`.
pub(crate) fn empty_dir(v: &Volume, p: SourcePath<'_>) -> Problems {
    let mut problems = Problems::new();
    if let Some(limit) = v.empty_dir.as_ref().and_then(|d| d.size_limit.as_ref())
        && Quantity::parse(&limit.0).is_ok_and(Quantity::is_negative)
    {
        problems.push((
            p.child("sizeLimit").to_path(),
            forbidden("SizeLimit field must be a valid resource quantity"),
        ));
    }
    problems
}

/// `nfs-volume`: a server and an absolute path.
pub(crate) static NFS_VOLUME: Rule = Rule {
    id: "nfs-volume",
    origin: Origin::ApiServerError,
    severity: Severity::Error,
    summary: "An NFS volume needs a server and an absolute path.",
    explanation: "The kubelet mounts `server:path`; both are required, and the path is absolute on the server.",
    fail: &[Case {
        yaml: pod!(
            r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: shared
    nfs: {server: nfs.example.com, path: exports/web}
"#
        ),
        expect: &[(
            "spec.volumes[0].nfs.path",
            r#"Invalid value: "exports/web": must be an absolute path"#,
        )],
    }],
    pass: &[pod!(
        r#"
  containers:
  - {name: web, image: nginx:1.27}
  volumes:
  - name: shared
    nfs: {server: nfs.example.com, path: /exports/web}
"#
    )],
    check: Check::Workload(|ctx, sink| check_source(ctx, sink, "nfs", nfs)),
};

/// The problems of an NFS source at `p`.
pub(crate) fn nfs(v: &Volume, p: SourcePath<'_>) -> Problems {
    let mut problems = Problems::new();
    let Some(nfs) = &v.nfs else {
        return problems;
    };
    if nfs.server.is_empty() {
        problems.push((p.child("server").to_path(), required("")));
    }
    if nfs.path.is_empty() {
        problems.push((p.child("path").to_path(), required("")));
    } else if !nfs.path.starts_with('/') {
        problems.push((
            p.child("path").to_path(),
            invalid(&nfs.path, "must be an absolute path"),
        ));
    }
    problems
}

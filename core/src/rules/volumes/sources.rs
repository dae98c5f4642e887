//! Helpers shared by the volume rules: the problems a volume has, by volume
//! and by source.

use crate::model::volume_sources;
use crate::path::{Descend, SubPath};
use crate::report::FieldPath;
use crate::rules::format::{dns_label, local_relative_path};
use crate::rules::messages::{forbidden, invalid, invalid_num, required};
use crate::rules::{Ctx, Sink};
use k8s_openapi::api::core::v1::{KeyToPath, Volume};
use rustc_hash::FxHashSet;

/// Problems found in a volume: where and what.
pub(crate) type Problems = Vec<(FieldPath, String)>;

/// The path of a volume: `spec.volumes[0]` (in a template, below its spec).
pub(crate) type VolumePath<'a> = SubPath<'static, SubPath<'static, &'a FieldPath>>;

/// The path of a volume's source: `spec.volumes[0].secret`.
pub(crate) type SourcePath<'a> = SubPath<'a, VolumePath<'a>>;

/// The problems of a volume's name, given the names before it.
pub(crate) fn name_problems(v: &Volume, path: VolumePath<'_>, seen: &FxHashSet<&str>) -> Problems {
    let mut problems = Problems::new();
    let name_path = path.child("name");
    if v.name.is_empty() {
        problems.push((name_path.to_path(), required("")));
    } else {
        let errors = dns_label(&v.name);
        if !errors.is_empty() {
            problems.push((name_path.to_path(), invalid(&v.name, &errors.join(", "))));
        }
    }
    if seen.contains(v.name.as_str()) {
        problems.push((
            name_path.to_path(),
            format!("Duplicate value: {:?}", v.name),
        ));
    }
    problems
}

/// A second (third...) source of a volume.
pub(crate) fn count_problems(v: &Volume, path: VolumePath<'_>) -> Problems {
    volume_sources(v)
        .skip(1)
        .map(|source| {
            let segment = if source == "downwardAPI" {
                "downwarAPI"
            } else {
                source
            };
            (
                path.child(segment).to_path(),
                forbidden("may not specify more than 1 volume type"),
            )
        })
        .collect()
}

/// A file mode outside 0 to 0777.
pub(crate) fn mode_problem(mode: Option<i32>, path: impl Descend, problems: &mut Problems) {
    if let Some(mode) = mode.filter(|m| !(0..=0o777).contains(m)) {
        problems.push((
            path.to_path(),
            invalid_num(
                mode,
                "must be a number between 0 and 0777 (octal), both inclusive",
            ),
        ));
    }
}

/// The problems of the `items` of a secret or configMap source.
pub(crate) fn items_problems(
    items: Option<&Vec<KeyToPath>>,
    path: impl Descend,
    problems: &mut Problems,
) {
    for (j, item) in items.into_iter().flatten().enumerate() {
        let p = path.child("items").index(j);
        if item.key.is_empty() {
            problems.push((p.child("key").to_path(), required("")));
        }
        if item.path.is_empty() {
            problems.push((p.child("path").to_path(), required("")));
        } else {
            let errors = local_relative_path(&item.path);
            if !errors.is_empty() {
                problems.push((
                    p.child("path").to_path(),
                    invalid(&item.path, &errors.join(", ")),
                ));
            }
        }
        mode_problem(item.mode, p.child("mode"), problems);
    }
}

/// Reports the problems `problems` finds in each volume, given the names of the volumes before it.
pub(crate) fn each_volume(
    ctx: &Ctx<'_>,
    sink: &mut Sink,
    problems: impl Fn(&Volume, VolumePath<'_>, &FxHashSet<&str>) -> Problems,
) {
    let Some(pod) = &ctx.pod else { return };
    let mut seen = FxHashSet::default();
    for (i, v) in pod.spec.volumes.iter().flatten().enumerate() {
        for (path, message) in problems(v, pod.path.child("volumes").index(i), &seen) {
            sink.report(path, message);
        }
        seen.insert(v.name.as_str());
    }
}

/// The field checks of one volume source: its problems, given the volume and
/// the path of the source (`volumes[0].secret`).
pub(crate) type FieldCheck = fn(&Volume, SourcePath<'_>) -> Problems;

/// Reports `check`'s problems for each volume whose source is `kind`.
pub(crate) fn check_source(ctx: &Ctx<'_>, sink: &mut Sink, kind: &str, check: FieldCheck) {
    let Some(pod) = &ctx.pod else { return };
    for (i, v) in pod.spec.volumes.iter().flatten().enumerate() {
        if volume_sources(v).next() == Some(kind) {
            let path = pod.path.child("volumes").index(i).child(kind);
            for (path, message) in check(v, path) {
                sink.report(path, message);
            }
        }
    }
}

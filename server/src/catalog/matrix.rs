//! The feature and version matrix: a page generated from the Pod features
//! the validator's version gates use (`podwright_core::rules::pod_features`),
//! so the catalog and the validator cannot disagree about a release.

use super::content::{FrontMatter, SourcePage};
use podwright_core::rules::{PodFeature, pod_features};
use podwright_core::version::KubeVersion;
use std::fmt::Write;

/// The oldest release the matrix shows: the first alpha among the features.
fn first_minor() -> u8 {
    pod_features()
        .iter()
        .map(|f| f.alpha)
        .min()
        .unwrap_or(KubeVersion::OLDEST.minor())
}

/// What `feature` is in release 1.`minor`.
fn stage(feature: &PodFeature, minor: u8) -> &'static str {
    let on = feature.on_by_default.is_some_and(|on| minor >= on);
    match feature.stable {
        _ if minor < feature.alpha => "—",
        Some(stable) if minor >= stable => "GA",
        Some(_) if on => "beta",
        None if on => "on",
        _ => "alpha",
    }
}

/// The generated page, ready to render like a page read from a file.
pub fn source_page() -> SourcePage {
    let newest = KubeVersion::NEWEST.minor();
    let versions: Vec<u8> = (first_minor()..=newest).collect();
    let mut body = String::from(
        "Which Kubernetes release enables the Pod features this catalog relies on. The table is \
         generated from the same entries Podwright's validator uses to warn about fields the \
         target version drops (the `field-not-in-target` rule) and to refuse fields it does not \
         know yet (`field-unknown-at-target`), so they always agree.\n\n",
    );
    body.push_str("| Feature |");
    for minor in &versions {
        let _ = write!(body, " 1.{minor} |");
    }
    body.push_str("\n|---|");
    body.push_str(&"---|".repeat(versions.len()));
    body.push('\n');
    for feature in pod_features() {
        let _ = write!(body, "| {} |", feature.title);
        for &minor in &versions {
            let _ = write!(body, " {} |", stage(feature, minor));
        }
        body.push('\n');
    }
    body.push_str(
        "\n- **alpha**: the feature gate exists but is off by default; the API server drops the \
         fields unless the cluster turns the gate on.\n\
         - **beta**: on by default, not yet generally available.\n\
         - **on**: on by default; the validator's table does not record it as generally \
         available yet.\n\
         - **GA**: generally available.\n\
         - **—**: not in that release; the API server refuses an object that writes its \
         fields (an unknown field, under kubectl's default strict validation).\n\n",
    );
    body.push_str("## Fields and feature gates\n\n");
    for feature in pod_features() {
        let _ = writeln!(
            body,
            "- **{}** (`{}`): {}.",
            feature.title, feature.gate, feature.fields
        );
    }
    let _ = write!(
        body,
        "\nPodwright validates for Kubernetes 1.{} to 1.{newest}; pick the target with `?target=` \
         on the API, and the validator warns about every field above that the target drops.\n\n\
         ## Sources\n\n\
         Last checked against Kubernetes 1.{newest}.\n\n\
         - [Feature gates](https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/)\n\
         - [Sidecar containers](https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/)\n\
         - [KEP-3960: Sleep action for PreStop hook](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/3960-pod-lifecycle-sleep-action)\n\
         - [KEP-1287: In-place update of Pod resources](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/1287-in-place-update-pod-resources)\n\
         - [KEP-2837: Pod-level resource specifications](https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/2837-pod-level-resource-spec)\n",
        KubeVersion::OLDEST.minor()
    );
    SourcePage {
        front: FrontMatter {
            slug: "feature-matrix".to_owned(),
            title: "Feature and version matrix".to_owned(),
            summary: "Alpha, beta and GA per Kubernetes release for the Pod features the catalog uses: native sidecars, the sleep action, in-place resize, pod-level resources, restart rules and stop signals.".to_owned(),
            tags: vec!["reference".to_owned(), "versions".to_owned()],
            order: 170,
            related: vec!["native-sidecar".to_owned(), "resources".to_owned(), "lifecycle".to_owned()],
            examples: Vec::new(),
        },
        body,
        examples: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(gate: &str) -> &'static PodFeature {
        pod_features().iter().find(|f| f.gate == gate).unwrap()
    }

    #[test]
    fn stages_follow_the_validator_entries() {
        let sidecars = feature("SidecarContainers");
        let stages: Vec<&str> = (27..=34).map(|minor| stage(sidecars, minor)).collect();
        assert_eq!(
            stages,
            ["—", "alpha", "beta", "beta", "beta", "beta", "GA", "GA"]
        );
        let stop = feature("ContainerStopSignals");
        assert_eq!(stage(stop, KubeVersion::NEWEST.minor()), "alpha");
        let pod_level = feature("PodLevelResources");
        assert_eq!(stage(pod_level, 33), "alpha");
        assert_eq!(stage(pod_level, 34), "on");
    }

    #[test]
    fn the_page_has_a_row_per_feature_and_a_column_per_release() {
        let page = source_page();
        for feature in pod_features() {
            let row = page
                .body
                .lines()
                .find(|line| line.starts_with(&format!("| {} |", feature.title)))
                .unwrap_or_else(|| panic!("no row for {}", feature.gate));
            let cells = row.matches(" |").count() - 1;
            assert_eq!(
                cells,
                usize::from(KubeVersion::NEWEST.minor() - first_minor() + 1),
                "{row}"
            );
        }
        assert!(page.body.contains("## Sources"));
    }
}

//! Which element of the design a finding's field path points at, so the
//! canvas can mark it and the inspector can focus the field.

use crate::design::Design;

/// An element of the design and a field inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingTarget {
    /// The element.
    pub element: Element,
    /// The JSON pointer of the field inside the element (`/ports/0/name`), or empty.
    pub pointer: String,
}

/// The parts of a design a finding can be about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Element {
    /// A container, by id.
    Container(u32),
    /// A volume, by id.
    Volume(u32),
    /// The Pod's own settings.
    Pod,
    /// The workload object (metadata, replicas, ...).
    Workload,
}

/// The element a field path such as `spec.template.spec.containers[1].ports[0].name` is about.
pub fn target_of(path: &str, design: &Design) -> FindingTarget {
    let segments = segments(path);
    let spec_at = design.workload.kind.template_path().len();
    let spec_segments = &segments[spec_at.min(segments.len())..];
    let in_pod_spec = spec_segments.first().is_some_and(|s| s == "spec");
    if !in_pod_spec {
        return FindingTarget {
            element: Element::Workload,
            pointer: pointer_of(&segments),
        };
    }
    let inner = &spec_segments[1..];
    let list_element = |list: &str, index: &str| -> Option<Element> {
        let index: usize = index.parse().ok()?;
        match list {
            "initContainers" => design
                .pod
                .init_containers
                .get(index)
                .map(|c| Element::Container(c.id)),
            "containers" => design
                .pod
                .containers
                .get(index)
                .map(|c| Element::Container(c.id)),
            "volumes" => design.pod.volumes.get(index).map(|v| Element::Volume(v.id)),
            _ => None,
        }
    };
    if let [list, index, rest @ ..] = inner
        && let Some(element) = list_element(list, index)
    {
        return FindingTarget {
            element,
            pointer: pointer_of(rest),
        };
    }
    FindingTarget {
        element: Element::Pod,
        pointer: pointer_of(inner),
    }
}

/// `a.b[0].c` -> `["a", "b", "0", "c"]`; map keys in brackets (`labels[app]`) stay keys.
fn segments(path: &str) -> Vec<String> {
    path.split(['.', '['])
        .map(|s| s.trim_end_matches(']').to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn pointer_of(segments: &[String]) -> String {
    segments
        .iter()
        .map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::NewContainer;
    use podwright_core::model::WorkloadKind;

    #[test]
    fn container_fields_of_a_deployment() {
        let mut design = Design::new_pod("web");
        let sidecar = design.pod.add_container(NewContainer::App);
        let design = design.retarget(WorkloadKind::Deployment);
        let target = target_of("spec.template.spec.containers[1].ports[0].name", &design);
        assert_eq!(target.element, Element::Container(sidecar));
        assert_eq!(target.pointer, "/ports/0/name");
    }

    #[test]
    fn pod_settings_workload_fields_and_unknown_indices() {
        let design = Design::new_pod("web");
        assert_eq!(
            target_of("spec.restartPolicy", &design).element,
            Element::Pod
        );
        assert_eq!(
            target_of("metadata.labels[app]", &design).element,
            Element::Workload
        );
        assert_eq!(
            target_of("spec.containers[7].image", &design).element,
            Element::Pod
        );
        let target = target_of("spec.containers[0].image", &design);
        assert_eq!(
            (target.element, target.pointer.as_str()),
            (Element::Container(1), "/image")
        );
    }
}

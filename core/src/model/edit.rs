//! Edits the designer makes: add, duplicate, delete and reorder elements, and
//! set any field of an element by its JSON pointer. Each keeps names unique and
//! the design convertible; none knows a Kubernetes rule.

use super::{ContainerDesign, Design, PatternRole, Placement, PodDesign, VolumeDesign};
use k8s_openapi::api::core::v1::{Container, EmptyDirVolumeSource, Volume, VolumeMount};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Where a new container goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewContainer {
    /// An app container (or classic sidecar) in `containers`.
    App,
    /// A run-to-completion init container.
    Init,
    /// An init container with `restartPolicy: Always`.
    NativeSidecar,
}

impl PodDesign {
    /// Adds a container with a unique name and returns its id.
    pub fn add_container(&mut self, what: NewContainer) -> u32 {
        let id = self.max_id() + 1;
        let (stem, role, restart_policy) = match what {
            NewContainer::App => ("app", PatternRole::App, None),
            NewContainer::Init => ("init", PatternRole::Init, None),
            NewContainer::NativeSidecar => (
                "sidecar",
                PatternRole::NativeSidecar,
                Some("Always".to_owned()),
            ),
        };
        let spec = Container {
            name: self.unique_container_name(stem),
            image: Some("busybox:1.37.0".to_owned()),
            restart_policy,
            ..Container::default()
        };
        let container = ContainerDesign {
            id,
            role,
            spec,
            source: None,
        };
        if what == NewContainer::App {
            self.containers.push(container);
        } else {
            self.init_containers.push(container);
        }
        id
    }

    /// Adds an `emptyDir` volume with a unique name and returns its id.
    pub fn add_volume(&mut self) -> u32 {
        let id = self.max_id() + 1;
        let volume = Volume {
            name: unique_name("data", |n| self.volumes.iter().any(|v| v.spec.name == n)),
            empty_dir: Some(EmptyDirVolumeSource::default()),
            ..Volume::default()
        };
        self.volumes.push(VolumeDesign {
            id,
            spec: volume,
            source: None,
        });
        id
    }

    /// Mounts volume `volume_id` into container `container_id` at a path named after the volume.
    /// Returns false when either is missing or the mount already exists.
    pub fn add_mount(&mut self, container_id: u32, volume_id: u32) -> bool {
        let Some(volume) = self
            .volumes
            .iter()
            .find(|v| v.id == volume_id)
            .map(|v| v.spec.name.clone())
        else {
            return false;
        };
        let Some(container) = self.container_mut(container_id) else {
            return false;
        };
        let mounts = container.spec.volume_mounts.get_or_insert_with(Vec::new);
        if mounts.iter().any(|m| m.name == volume) {
            return false;
        }
        mounts.push(VolumeMount {
            mount_path: format!("/mnt/{volume}"),
            name: volume,
            ..VolumeMount::default()
        });
        true
    }

    /// Copies a container or volume under a new name; returns the copy's id.
    pub fn duplicate(&mut self, id: u32) -> Option<u32> {
        let new_id = self.max_id() + 1;
        if let Some(volume) = self.volumes.iter().find(|v| v.id == id) {
            let mut copy = volume.clone();
            copy.id = new_id;
            copy.spec.name = unique_name(&volume.spec.name, |n| {
                self.volumes.iter().any(|v| v.spec.name == n)
            });
            self.volumes.push(copy);
            return Some(new_id);
        }
        let (list, index) = self.locate(id)?;
        let original = &self.list(list)[index];
        let mut copy = original.clone();
        copy.id = new_id;
        copy.spec.name = self.unique_container_name(&original.spec.name);
        self.list_mut(list).insert(index + 1, copy);
        Some(new_id)
    }

    /// Removes a container or volume; removing a volume also removes its mounts.
    pub fn remove(&mut self, id: u32) -> bool {
        if let Some(index) = self.volumes.iter().position(|v| v.id == id) {
            let name = self.volumes.remove(index).spec.name;
            for container in self.init_containers.iter_mut().chain(&mut self.containers) {
                if let Some(mounts) = &mut container.spec.volume_mounts {
                    mounts.retain(|m| m.name != name);
                }
            }
            return true;
        }
        match self.locate(id) {
            Some((list, index)) => {
                self.list_mut(list).remove(index);
                true
            }
            None => false,
        }
    }

    /// Moves a container one place earlier (`-1`) or later (`1`) within its list.
    pub fn move_container(&mut self, id: u32, delta: isize) -> bool {
        let Some((list, index)) = self.locate(id) else {
            return false;
        };
        let items = self.list_mut(list);
        let Some(target) = index.checked_add_signed(delta).filter(|t| *t < items.len()) else {
            return false;
        };
        items.swap(index, target);
        true
    }

    /// The container with `id`, to edit.
    pub fn container_mut(&mut self, id: u32) -> Option<&mut ContainerDesign> {
        self.init_containers
            .iter_mut()
            .chain(&mut self.containers)
            .find(|c| c.id == id)
    }

    /// The container with `id`.
    pub fn container(&self, id: u32) -> Option<&ContainerDesign> {
        self.all_containers().find(|c| c.id == id)
    }

    /// The volume with `id`.
    pub fn volume(&self, id: u32) -> Option<&VolumeDesign> {
        self.volumes.iter().find(|v| v.id == id)
    }

    fn unique_container_name(&self, stem: &str) -> String {
        unique_name(stem, |n| self.all_containers().any(|c| c.spec.name == n))
    }

    fn locate(&self, id: u32) -> Option<(Placement, usize)> {
        if let Some(i) = self.init_containers.iter().position(|c| c.id == id) {
            return Some((Placement::Init, i));
        }
        self.containers
            .iter()
            .position(|c| c.id == id)
            .map(|i| (Placement::App, i))
    }

    fn list(&self, placement: Placement) -> &Vec<ContainerDesign> {
        match placement {
            Placement::Init => &self.init_containers,
            Placement::App => &self.containers,
        }
    }

    fn list_mut(&mut self, placement: Placement) -> &mut Vec<ContainerDesign> {
        match placement {
            Placement::Init => &mut self.init_containers,
            Placement::App => &mut self.containers,
        }
    }
}

impl Design {
    /// Keeps the ids and roles of containers whose names `previous` also has,
    /// so that an edit made as YAML does not reset what the user chose.
    pub fn keep_identities_from(&mut self, previous: &Design) {
        // Every element below gets an old id or a new one past all old ones.
        let mut next_id = previous.pod.max_id() + 1;
        let pod = &mut self.pod;
        for container in pod.init_containers.iter_mut().chain(&mut pod.containers) {
            match previous
                .pod
                .all_containers()
                .find(|c| c.spec.name == container.spec.name)
            {
                Some(old) => {
                    container.id = old.id;
                    container.role = old.role;
                }
                None => {
                    container.id = next_id;
                    next_id += 1;
                }
            }
        }
        for volume in &mut pod.volumes {
            match previous
                .pod
                .volumes
                .iter()
                .find(|v| v.spec.name == volume.spec.name)
            {
                Some(old) => volume.id = old.id,
                None => {
                    volume.id = next_id;
                    next_id += 1;
                }
            }
        }
    }
}

/// `stem`, or `stem-2`, `stem-3`, ... whichever is free.
pub fn unique_name(stem: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(stem) {
        return stem.to_owned();
    }
    (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|name| !taken(name))
        .expect("some suffix is free")
}

/// Sets the field at `pointer` (RFC 6901, e.g. `/securityContext/runAsUser`) of
/// a typed value. `Value::Null` removes the field, and objects left empty by a
/// removal go too. Fails, changing nothing, when the result is not a valid `T`.
pub fn set_field<T: Serialize + DeserializeOwned>(
    target: &mut T,
    pointer: &str,
    value: Value,
) -> Result<(), String> {
    let mut json = serde_json::to_value(&*target).map_err(|e| e.to_string())?;
    set_pointer(&mut json, pointer, value)?;
    *target = serde_json::from_value(json).map_err(|e| e.to_string())?;
    Ok(())
}

/// Sets or removes (`Value::Null`) the value at `pointer`, creating objects on the way.
pub fn set_pointer(root: &mut Value, pointer: &str, value: Value) -> Result<(), String> {
    let keys: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|k| k.replace("~1", "/").replace("~0", "~"))
        .collect();
    let Some((last, parents)) = keys.split_last() else {
        *root = value;
        return Ok(());
    };
    if value.is_null() {
        remove_and_prune(root, parents, last);
        return Ok(());
    }
    let mut at = root;
    for (depth, key) in parents.iter().enumerate() {
        if at.is_null() {
            *at = empty_container_for(key);
        }
        at = child_mut(at, key, true).ok_or_else(|| format!("no field {key:?} in {pointer}"))?;
        if at.is_null() {
            *at = empty_container_for(keys.get(depth + 1).map_or("", String::as_str));
        }
    }
    match at {
        Value::Object(map) => {
            map.insert(last.clone(), value);
            Ok(())
        }
        Value::Array(items) => {
            let index: usize = last
                .parse()
                .map_err(|_| format!("{last:?} is not a list index"))?;
            match index.cmp(&items.len()) {
                std::cmp::Ordering::Less => items[index] = value,
                std::cmp::Ordering::Equal => items.push(value),
                std::cmp::Ordering::Greater => {
                    return Err(format!("index {index} is past the end"));
                }
            }
            Ok(())
        }
        _ => Err(format!(
            "cannot set {pointer}: its parent is not an object or list"
        )),
    }
}

/// An empty list when `next_key` is a list index, an empty object otherwise.
fn empty_container_for(next_key: &str) -> Value {
    if next_key.parse::<usize>().is_ok() {
        Value::Array(Vec::new())
    } else {
        Value::Object(Map::new())
    }
}

/// The child at `key`; with `create`, a missing object field or the list slot
/// just past the end is added as null.
fn child_mut<'a>(at: &'a mut Value, key: &str, create: bool) -> Option<&'a mut Value> {
    match at {
        Value::Object(map) => {
            if create {
                Some(map.entry(key.to_owned()).or_insert(Value::Null))
            } else {
                map.get_mut(key)
            }
        }
        Value::Array(items) => {
            let index = key.parse::<usize>().ok()?;
            if create && index == items.len() {
                items.push(Value::Null);
            }
            items.get_mut(index)
        }
        _ => None,
    }
}

/// Removes `parents/last`, then any object the removal left empty.
fn remove_and_prune(root: &mut Value, parents: &[String], last: &str) {
    let Some(parent) = parents
        .iter()
        .try_fold(&mut *root, |at, key| child_mut(at, key, false))
    else {
        return;
    };
    match parent {
        Value::Object(map) => {
            map.shift_remove(last);
        }
        Value::Array(items) => {
            if let Ok(index) = last.parse::<usize>()
                && index < items.len()
            {
                items.remove(index);
            }
        }
        _ => {}
    }
    if let Some((key, grand_parents)) = parents.split_last() {
        let emptied = parents
            .iter()
            .try_fold(&mut *root, |at, k| child_mut(at, k, false))
            .is_some_and(|v| v.as_object().is_some_and(Map::is_empty));
        if emptied {
            remove_and_prune(root, grand_parents, key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn added_elements_get_fresh_ids_and_unique_names() {
        let mut design = Design::new_pod("web");
        let a = design.pod.add_container(NewContainer::App);
        let b = design.pod.add_container(NewContainer::App);
        let s = design.pod.add_container(NewContainer::NativeSidecar);
        assert_eq!((a, b, s), (2, 3, 4));
        let names: Vec<_> = design
            .pod
            .all_containers()
            .map(|c| c.spec.name.as_str())
            .collect();
        assert_eq!(names, ["sidecar", "app", "app-2", "app-3"]);
        assert!(design.pod.container(s).unwrap().is_native_sidecar());
    }

    #[test]
    fn mounts_follow_volumes_and_go_with_them() {
        let mut design = Design::new_pod("web");
        let volume = design.pod.add_volume();
        assert!(design.pod.add_mount(1, volume));
        assert!(!design.pod.add_mount(1, volume), "the same mount twice");
        let mounts = design
            .pod
            .container(1)
            .unwrap()
            .spec
            .volume_mounts
            .clone()
            .unwrap();
        assert_eq!(mounts[0].name, "data");
        assert_eq!(mounts[0].mount_path, "/mnt/data");
        assert!(design.pod.remove(volume));
        assert_eq!(
            design.pod.container(1).unwrap().spec.volume_mounts,
            Some(vec![])
        );
    }

    #[test]
    fn duplicate_and_reorder_init_containers() {
        let mut design = Design::new_pod("web");
        let first = design.pod.add_container(NewContainer::Init);
        let copy = design.pod.duplicate(first).unwrap();
        assert_eq!(design.pod.init_containers[1].spec.name, "init-2");
        assert!(design.pod.move_container(copy, -1));
        assert_eq!(design.pod.init_containers[0].id, copy);
        assert!(!design.pod.move_container(copy, -1), "already first");
    }

    #[test]
    fn set_field_creates_and_prunes_objects() {
        let mut container = Container::default();
        set_field(&mut container, "/securityContext/runAsUser", json!(1000)).unwrap();
        assert_eq!(
            container.security_context.as_ref().unwrap().run_as_user,
            Some(1000)
        );
        set_field(&mut container, "/securityContext/runAsUser", Value::Null).unwrap();
        assert_eq!(container.security_context, None);
        assert!(set_field(&mut container, "/ports", json!("not a list")).is_err());
        set_field(&mut container, "/ports/0", json!({"containerPort": 80})).unwrap();
        assert_eq!(container.ports.unwrap()[0].container_port, 80);
    }

    #[test]
    fn yaml_edits_keep_ids_and_roles_by_name() {
        let mut before = Design::new_pod("web");
        before.pod.containers[0].role = PatternRole::Adapter;
        let mut after = Design::new_pod("web");
        after.pod.containers[0].id = 99;
        after.pod.add_container(NewContainer::App);
        after.keep_identities_from(&before);
        assert_eq!(after.pod.containers[0].id, 1);
        assert_eq!(after.pod.containers[0].role, PatternRole::Adapter);
        assert_eq!(after.pod.containers[1].id, 2);
    }
}

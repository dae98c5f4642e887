//! Edits the designer makes, as core's `model::edit` makes them on its typed
//! design: add, duplicate, delete and reorder elements, keeping names unique.

use super::{ContainerDesign, Design, NewContainer, PodDesign, VolumeDesign};
use podwright_core::model::edit::unique_name;
use podwright_core::model::{PatternRole, Placement};
use serde_json::{Value, json};

impl PodDesign {
    /// Adds a container with a unique name and returns its id.
    pub fn add_container(&mut self, what: NewContainer) -> u32 {
        let id = self.max_id() + 1;
        let (stem, role) = match what {
            NewContainer::App => ("app", PatternRole::App),
            NewContainer::Init => ("init", PatternRole::Init),
            NewContainer::NativeSidecar => ("sidecar", PatternRole::NativeSidecar),
        };
        let mut spec =
            json!({ "image": "busybox:1.37.0", "name": self.unique_container_name(stem) });
        if what == NewContainer::NativeSidecar {
            spec["restartPolicy"] = Value::from("Always");
        }
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
        let name = unique_name("data", |n| self.volumes.iter().any(|v| v.name() == n));
        self.volumes.push(VolumeDesign {
            id,
            spec: json!({ "emptyDir": {}, "name": name }),
            source: None,
        });
        id
    }

    /// Mounts volume `volume_id` into container `container_id` at a path named after the volume.
    /// Returns false when either is missing or the mount already exists.
    pub fn add_mount(&mut self, container_id: u32, volume_id: u32) -> bool {
        let Some(volume) = self.volume(volume_id).map(|v| v.name().to_owned()) else {
            return false;
        };
        let Some(container) = self.container_mut(container_id) else {
            return false;
        };
        if container.mounts().any(|m| m.name == volume) {
            return false;
        }
        let Some(spec) = container.spec.as_object_mut() else {
            return false;
        };
        let mount = json!({ "mountPath": format!("/mnt/{volume}"), "name": volume });
        match spec.get_mut("volumeMounts").and_then(Value::as_array_mut) {
            Some(mounts) => mounts.push(mount),
            None => {
                spec.insert("volumeMounts".to_owned(), Value::Array(vec![mount]));
            }
        }
        true
    }

    /// Copies a container or volume under a new name; returns the copy's id.
    pub fn duplicate(&mut self, id: u32) -> Option<u32> {
        let new_id = self.max_id() + 1;
        if let Some(volume) = self.volume(id) {
            let mut copy = volume.clone();
            copy.id = new_id;
            copy.spec["name"] = Value::from(unique_name(volume.name(), |n| {
                self.volumes.iter().any(|v| v.name() == n)
            }));
            self.volumes.push(copy);
            return Some(new_id);
        }
        let (list, index) = self.locate(id)?;
        let original = &self.list(list)[index];
        let mut copy = original.clone();
        copy.id = new_id;
        copy.spec["name"] = Value::from(self.unique_container_name(original.name()));
        self.list_mut(list).insert(index + 1, copy);
        Some(new_id)
    }

    /// Removes a container or volume; removing a volume also removes its mounts.
    pub fn remove(&mut self, id: u32) -> bool {
        if let Some(index) = self.volumes.iter().position(|v| v.id == id) {
            let volume = self.volumes.remove(index);
            let name = volume.name();
            for container in self.init_containers.iter_mut().chain(&mut self.containers) {
                if let Some(mounts) = container
                    .spec
                    .get_mut("volumeMounts")
                    .and_then(Value::as_array_mut)
                {
                    mounts.retain(|m| m.get("name").and_then(Value::as_str) != Some(name));
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

    /// The volume with `id`, to edit.
    pub fn volume_mut(&mut self, id: u32) -> Option<&mut VolumeDesign> {
        self.volumes.iter_mut().find(|v| v.id == id)
    }

    fn unique_container_name(&self, stem: &str) -> String {
        unique_name(stem, |n| self.all_containers().any(|c| c.name() == n))
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
                .find(|c| c.name() == container.name())
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
                .find(|v| v.name() == volume.name())
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

#[cfg(test)]
mod tests {
    use super::*;
    use podwright_core::model::Design as CoreDesign;

    /// One edit, made on core's design and on ours alike.
    #[derive(Clone, Copy, Debug)]
    enum Step {
        Add(NewContainer),
        Volume,
        Mount(u32, u32),
        Duplicate(u32),
        Move(u32, isize),
        Remove(u32),
    }

    #[test]
    fn each_edit_gives_the_json_core_s_edit_gives() {
        let mut core = CoreDesign::new_pod("web");
        let mut ours = Design::new_pod("web");
        let steps = [
            Step::Add(NewContainer::App),
            Step::Add(NewContainer::NativeSidecar),
            Step::Add(NewContainer::Init),
            Step::Volume,
            Step::Volume,
            Step::Mount(1, 5),
            Step::Mount(1, 6),
            Step::Mount(1, 6),
            Step::Duplicate(1),
            Step::Duplicate(5),
            Step::Duplicate(3),
            Step::Move(3, 1),
            Step::Move(1, -1),
            Step::Remove(5),
            Step::Remove(2),
            Step::Remove(99),
        ];
        for step in steps {
            let (a, b) = match step {
                Step::Add(what) => (core.pod.add_container(what), ours.pod.add_container(what)),
                Step::Volume => (core.pod.add_volume(), ours.pod.add_volume()),
                Step::Mount(c, v) => (
                    u32::from(core.pod.add_mount(c, v)),
                    u32::from(ours.pod.add_mount(c, v)),
                ),
                Step::Duplicate(id) => (
                    core.pod.duplicate(id).unwrap_or(0),
                    ours.pod.duplicate(id).unwrap_or(0),
                ),
                Step::Move(id, delta) => (
                    u32::from(core.pod.move_container(id, delta)),
                    u32::from(ours.pod.move_container(id, delta)),
                ),
                Step::Remove(id) => (
                    u32::from(core.pod.remove(id)),
                    u32::from(ours.pod.remove(id)),
                ),
            };
            assert_eq!(a, b, "{step:?}");
            let core_json = serde_json::to_value(&core).unwrap();
            assert_eq!(serde_json::to_value(&ours).unwrap(), core_json, "{step:?}");
        }
    }

    #[test]
    fn names_stay_unique_and_mounts_go_with_their_volume() {
        let mut design = Design::new_pod("web");
        let a = design.pod.add_container(NewContainer::App);
        let s = design.pod.add_container(NewContainer::NativeSidecar);
        let names: Vec<_> = design
            .pod
            .all_containers()
            .map(|c| c.name().to_owned())
            .collect();
        assert_eq!(names, ["sidecar", "app", "app-2"]);
        assert_eq!(a, 2);
        assert!(design.pod.container(s).unwrap().is_native_sidecar());
        let volume = design.pod.add_volume();
        assert!(design.pod.add_mount(1, volume));
        assert!(!design.pod.add_mount(1, volume), "the same mount twice");
        assert!(!design.pod.add_mount(1, 99), "no such volume");
        assert!(design.pod.remove(volume));
        assert_eq!(
            design.pod.container(1).unwrap().spec["volumeMounts"],
            json!([])
        );
    }

    #[test]
    fn yaml_edits_keep_ids_and_roles_by_name() {
        let mut previous = Design::new_pod("web");
        previous.pod.containers[0].role = PatternRole::Adapter;
        let volume = previous.pod.add_volume();
        let mut edited = Design::new_pod("web");
        edited.pod.containers[0].id = 40;
        edited.pod.add_container(NewContainer::App);
        edited.pod.add_volume();
        edited.keep_identities_from(&previous);
        let app = &edited.pod.containers[0];
        assert_eq!((app.id, app.role), (1, PatternRole::Adapter));
        assert_eq!(edited.pod.containers[1].id, volume + 1);
        assert_eq!(edited.pod.volumes[0].id, volume);
    }
}

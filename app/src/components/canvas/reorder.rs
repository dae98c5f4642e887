//! Moving a container within its list (init containers run in list order):
//! where a card dropped on another lands, and where Alt+Up or Alt+Down puts it.

use crate::design::Design;

/// Where a container sits: in which list, at which index, among how many.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// True for the init containers (native sidecars among them).
    pub init: bool,
    /// The container's index in its list.
    pub index: usize,
    /// How many containers the list holds.
    pub len: usize,
}

impl Place {
    /// The index one step earlier (`delta` < 0) or later, kept inside the list.
    pub fn step(self, delta: isize) -> usize {
        self.index
            .saturating_add_signed(delta)
            .min(self.len.saturating_sub(1))
    }
}

/// Where the container `id` sits in `design`.
pub fn place(design: &Design, id: u32) -> Option<Place> {
    let pod = &design.pod;
    [(true, &pod.init_containers), (false, &pod.containers)]
        .into_iter()
        .find_map(|(init, list)| {
            list.iter().position(|c| c.id == id).map(|index| Place {
                init,
                index,
                len: list.len(),
            })
        })
}

/// Where a container at `from` in its list lands when dropped on the card at
/// `onto`, on its left half (`before`) or its right half: its index once moved.
pub fn drop_index(from: usize, onto: usize, before: bool) -> usize {
    let insert = if before { onto } else { onto + 1 };
    if from < insert { insert - 1 } else { insert }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::NewContainer;

    #[test]
    fn a_dropped_card_lands_beside_its_target() {
        // Four cards: the first dropped on the right half of the third lands third.
        assert_eq!(drop_index(0, 2, false), 2);
        assert_eq!(drop_index(0, 2, true), 1);
        // The last dropped on the left half of the first lands first.
        assert_eq!(drop_index(3, 0, true), 0);
        assert_eq!(drop_index(3, 0, false), 1);
        // Dropped beside itself, it stays.
        assert_eq!(drop_index(1, 1, true), 1);
        assert_eq!(drop_index(1, 1, false), 1);
        assert_eq!(drop_index(1, 0, false), 1);
        assert_eq!(drop_index(1, 2, true), 1);
    }

    #[test]
    fn places_name_the_list_and_steps_stay_inside_it() {
        let mut design = Design::new_pod("web");
        let first = design.pod.add_container(NewContainer::Init);
        let second = design.pod.add_container(NewContainer::Init);
        let app = design.pod.containers[0].id;
        let at = place(&design, second).unwrap();
        assert_eq!(
            at,
            Place {
                init: true,
                index: 1,
                len: 2
            }
        );
        assert_eq!(at.step(-1), 0);
        assert_eq!(at.step(1), 1, "the last stays last");
        assert_eq!(place(&design, first).unwrap().step(-1), 0);
        assert!(!place(&design, app).unwrap().init);
        assert_eq!(place(&design, 999), None);
    }
}

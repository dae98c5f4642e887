//! Where everything goes on the canvas: init containers in a row in execution
//! order, the shared network band, app containers, then volumes, with mount
//! edges from containers down to volumes. Rows wrap, so 50 containers stay
//! readable. Mount labels are placed only for the edges of the selected
//! element, stacked so that none overlaps another.

use crate::design::{ContainerDesign, Design};

/// Card size of a container.
pub const CARD_W: f64 = 200.0;
/// Card height of a container.
pub const CARD_H: f64 = 112.0;
/// Node size of a volume.
pub const VOLUME_W: f64 = 180.0;
/// Node height of a volume.
pub const VOLUME_H: f64 = 58.0;
/// The space between cards.
pub const GAP: f64 = 28.0;
const MARGIN: f64 = 24.0;
const LABEL_H: f64 = 26.0;
/// The most cards in a row.
pub const MAX_COLUMNS: usize = 5;
/// The picture is not narrower than this many cards when the canvas has room.
const MIN_COLUMNS: usize = 3;
const BAND_H: f64 = 56.0;

/// A placed box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    /// The element's id.
    pub id: u32,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
}

/// A mount drawn from a container to a volume.
#[derive(Clone, Debug, PartialEq)]
pub struct MountEdge {
    /// The container's id.
    pub container: u32,
    /// The volume's id.
    pub volume: u32,
    /// The mount path, the edge's label.
    pub mount_path: String,
    /// Read-only mounts are drawn dashed.
    pub read_only: bool,
    /// Start point (bottom of the container card).
    pub from: (f64, f64),
    /// End point (top of the volume node).
    pub to: (f64, f64),
}

/// The whole picture's geometry.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Section labels: text and position.
    pub labels: Vec<(String, f64, f64)>,
    /// Init containers (native sidecars among them), in order.
    pub init: Vec<Placed>,
    /// App containers.
    pub apps: Vec<Placed>,
    /// Volumes.
    pub volumes: Vec<Placed>,
    /// The network band's top edge.
    pub band_y: f64,
    /// Mount edges.
    pub edges: Vec<MountEdge>,
}

/// How many cards fit in a row of a canvas `width` pixels wide (unknown: 0).
pub fn columns_for(width: f64) -> usize {
    if width <= 0.0 {
        return MAX_COLUMNS;
    }
    (((width - 2.0 * MARGIN + GAP) / (CARD_W + GAP)).floor() as usize).clamp(1, MAX_COLUMNS)
}

/// Lays out `design` with at most `max_columns` cards in a row.
pub fn layout(design: &Design, max_columns: usize) -> Layout {
    let pod = &design.pod;
    let per_row = max_columns.clamp(1, MAX_COLUMNS);
    let columns = per_row.min(
        pod.init_containers
            .len()
            .max(pod.containers.len())
            .max(pod.volumes.len().saturating_sub(1) / 2 + 1)
            .max(MIN_COLUMNS),
    );
    let width = MARGIN * 2.0 + columns as f64 * (CARD_W + GAP) - GAP;
    let mut y = MARGIN;
    let mut labels = Vec::new();

    let init = if pod.init_containers.is_empty() {
        Vec::new()
    } else {
        labels.push(("Init containers, in order".to_owned(), MARGIN, y + 16.0));
        y += LABEL_H;
        let placed = grid(
            pod.init_containers.iter().map(|c| c.id),
            y,
            CARD_W,
            CARD_H,
            per_row,
        );
        y += rows(pod.init_containers.len(), per_row) as f64 * (CARD_H + GAP);
        placed
    };

    let band_y = y;
    y += BAND_H + GAP;
    labels.push(("Containers".to_owned(), MARGIN, y + 16.0));
    y += LABEL_H;
    let apps = grid(
        pod.containers.iter().map(|c| c.id),
        y,
        CARD_W,
        CARD_H,
        per_row,
    );
    y += rows(pod.containers.len(), per_row) as f64 * (CARD_H + GAP) + GAP;

    let volume_columns = ((width - 2.0 * MARGIN + GAP) / (VOLUME_W + GAP))
        .floor()
        .max(1.0) as usize;
    let volumes = if pod.volumes.is_empty() {
        Vec::new()
    } else {
        labels.push(("Volumes".to_owned(), MARGIN, y + 16.0));
        y += LABEL_H;
        let placed = grid(
            pod.volumes.iter().map(|v| v.id),
            y,
            VOLUME_W,
            VOLUME_H,
            volume_columns,
        );
        y += rows(pod.volumes.len(), volume_columns) as f64 * (VOLUME_H + GAP);
        placed
    };

    let edges = mount_edges(design, &init, &apps, &volumes);
    Layout {
        width,
        height: y + MARGIN,
        labels,
        init,
        apps,
        volumes,
        band_y,
        edges,
    }
}

fn rows(count: usize, per_row: usize) -> usize {
    count.div_ceil(per_row).max(usize::from(count == 0))
}

fn grid(ids: impl Iterator<Item = u32>, top: f64, w: f64, h: f64, per_row: usize) -> Vec<Placed> {
    ids.enumerate()
        .map(|(i, id)| Placed {
            id,
            x: MARGIN + (i % per_row) as f64 * (w + GAP),
            y: top + (i / per_row) as f64 * (h + GAP),
        })
        .collect()
}

fn mount_edges(
    design: &Design,
    init: &[Placed],
    apps: &[Placed],
    volumes: &[Placed],
) -> Vec<MountEdge> {
    let containers: Vec<(&ContainerDesign, &Placed)> = design
        .pod
        .init_containers
        .iter()
        .zip(init)
        .chain(design.pod.containers.iter().zip(apps))
        .collect();
    let mut edges = Vec::new();
    for (container, at) in containers {
        for mount in container.mounts() {
            let Some((volume, volume_at)) = design
                .pod
                .volumes
                .iter()
                .zip(volumes)
                .find(|(v, _)| v.name() == mount.name)
            else {
                continue;
            };
            edges.push(MountEdge {
                container: container.id,
                volume: volume.id,
                mount_path: mount.path.to_owned(),
                read_only: mount.read_only,
                from: (at.x + CARD_W / 2.0, at.y + CARD_H),
                to: (volume_at.x + VOLUME_W / 2.0, volume_at.y),
            });
        }
    }
    edges
}

/// Height of one mount label line.
const LABEL_LINE: f64 = 13.0;
/// Labels are cut to this many characters, so they fit between two nodes.
pub const LABEL_CHARS: usize = 28;

/// Where a mount label is drawn: its text, centre and baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelPlace {
    /// The edge's index in [`Layout::edges`].
    pub edge: usize,
    /// The horizontal centre.
    pub x: f64,
    /// The baseline.
    pub y: f64,
}

/// What the selection is, as far as mount labels care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// A container: its mounts are labelled at their volumes' ends.
    Container(u32),
    /// A volume: its mounts are labelled at their containers' ends.
    Volume(u32),
}

/// Labels for the mounts of `focus`: at the far end of each edge, stacked
/// when several land on the same node, so no two labels overlap.
pub fn mount_labels(edges: &[MountEdge], focus: Focus) -> Vec<LabelPlace> {
    let mut stacked: std::collections::HashMap<(u64, u64), usize> = Default::default();
    let mut places = Vec::new();
    for (index, edge) in edges.iter().enumerate() {
        let (anchor, step) = match focus {
            Focus::Container(id) if edge.container == id => (edge.to, -1.0),
            Focus::Volume(id) if edge.volume == id => (edge.from, 1.0),
            _ => continue,
        };
        let slot = stacked
            .entry((anchor.0.to_bits(), anchor.1.to_bits()))
            .or_default();
        let first = if step < 0.0 { -6.0 } else { LABEL_LINE + 2.0 };
        places.push(LabelPlace {
            edge: index,
            x: anchor.0,
            y: anchor.1 + first + step * LABEL_LINE * *slot as f64,
        });
        *slot += 1;
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::NewContainer;

    #[test]
    fn init_containers_come_first_left_to_right() {
        let mut design = Design::new_pod("web");
        design.pod.add_container(NewContainer::Init);
        design.pod.add_container(NewContainer::NativeSidecar);
        let layout = layout(&design, MAX_COLUMNS);
        assert_eq!(layout.init.len(), 2);
        assert!(layout.init[0].x < layout.init[1].x);
        assert!(layout.init[0].y < layout.band_y);
        assert!(layout.band_y < layout.apps[0].y);
    }

    #[test]
    fn mounts_become_edges_and_rows_wrap() {
        let mut design = Design::new_pod("web");
        let volume = design.pod.add_volume();
        design.pod.add_mount(1, volume);
        for _ in 0..49 {
            design.pod.add_container(NewContainer::App);
        }
        let layout = layout(&design, MAX_COLUMNS);
        assert_eq!(layout.edges.len(), 1);
        assert_eq!(layout.edges[0].mount_path, "/mnt/data");
        assert!(!layout.edges[0].read_only);
        assert_eq!(layout.apps.len(), 50);
        assert!(layout.width < 1200.0, "rows wrap instead of growing wide");
        assert!(layout.volumes[0].y > layout.apps[49].y);
    }

    #[test]
    fn a_narrow_canvas_gets_one_card_a_row() {
        assert_eq!(columns_for(0.0), MAX_COLUMNS);
        assert_eq!(columns_for(340.0), 1);
        assert_eq!(columns_for(1000.0), 4);
        assert_eq!(columns_for(5000.0), MAX_COLUMNS);
        let mut design = Design::new_pod("web");
        design.pod.add_container(NewContainer::App);
        let narrow = layout(&design, 1);
        assert!(narrow.width <= 340.0, "{}", narrow.width);
        assert_eq!(narrow.apps[0].x, narrow.apps[1].x);
        assert!(narrow.apps[1].y > narrow.apps[0].y);
    }

    /// The width of one label character (10 px monospace).
    const LABEL_CHAR_W: f64 = 6.2;

    /// The box a label covers: left, top, right, bottom.
    fn label_box(place: &LabelPlace, text: &str) -> (f64, f64, f64, f64) {
        let half = text.chars().count() as f64 * LABEL_CHAR_W / 2.0;
        (
            place.x - half,
            place.y - 10.0,
            place.x + half,
            place.y + 2.0,
        )
    }

    fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
        a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
    }

    fn assert_apart(edges: &[MountEdge], places: &[LabelPlace]) {
        for (i, a) in places.iter().enumerate() {
            for b in &places[i + 1..] {
                let text =
                    |p: &LabelPlace| "x".repeat(edges[p.edge].mount_path.len().min(LABEL_CHARS));
                assert!(
                    !overlap(label_box(a, &text(a)), label_box(b, &text(b))),
                    "{a:?} overlaps {b:?}"
                );
            }
        }
    }

    #[test]
    fn labels_of_a_container_with_many_mounts_do_not_overlap() {
        let mut design = Design::new_pod("web");
        for _ in 0..6 {
            let volume = design.pod.add_volume();
            design.pod.add_mount(1, volume);
        }
        // The same volume twice, at another path.
        let mounts = design.pod.containers[0].spec["volumeMounts"]
            .as_array_mut()
            .unwrap();
        let mut again = mounts[0].clone();
        again["mountPath"] = "/var/lib/a-rather-long-mount-path/for/testing".into();
        mounts.push(again);
        let layout = layout(&design, MAX_COLUMNS);
        assert_eq!(layout.edges.len(), 7);
        let places = mount_labels(&layout.edges, Focus::Container(1));
        assert_eq!(places.len(), 7);
        assert_apart(&layout.edges, &places);
    }

    #[test]
    fn labels_of_a_volume_mounted_everywhere_do_not_overlap() {
        let mut design = Design::new_pod("web");
        let volume = design.pod.add_volume();
        for _ in 0..12 {
            let id = design.pod.add_container(NewContainer::App);
            design.pod.add_mount(id, volume);
        }
        design.pod.add_mount(1, volume);
        let layout = layout(&design, MAX_COLUMNS);
        let places = mount_labels(&layout.edges, Focus::Volume(volume));
        assert_eq!(places.len(), 13);
        assert_apart(&layout.edges, &places);
        assert!(mount_labels(&layout.edges, Focus::Container(999)).is_empty());
    }
}

//! Where everything goes on the canvas: init containers in a row in execution
//! order, the shared network band, app containers, then volumes, with mount
//! edges from containers down to volumes. Rows wrap, so 50 containers stay
//! readable.

use podwright_core::model::{ContainerDesign, Design};

/// Card size of a container.
pub const CARD_W: f64 = 200.0;
/// Card height of a container.
pub const CARD_H: f64 = 112.0;
/// Node size of a volume.
pub const VOLUME_W: f64 = 180.0;
/// Node height of a volume.
pub const VOLUME_H: f64 = 58.0;
const GAP: f64 = 28.0;
const MARGIN: f64 = 24.0;
const LABEL_H: f64 = 26.0;
const PER_ROW: usize = 5;
/// The picture is never narrower than this many cards, so the band has room.
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

/// Lays out `design`.
pub fn layout(design: &Design) -> Layout {
    let pod = &design.pod;
    let columns = PER_ROW.min(
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
            PER_ROW,
        );
        y += rows(pod.init_containers.len(), PER_ROW) as f64 * (CARD_H + GAP);
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
        PER_ROW,
    );
    y += rows(pod.containers.len(), PER_ROW) as f64 * (CARD_H + GAP) + GAP;

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
        for mount in container.spec.volume_mounts.iter().flatten() {
            let Some((volume, volume_at)) = design
                .pod
                .volumes
                .iter()
                .zip(volumes)
                .find(|(v, _)| v.spec.name == mount.name)
            else {
                continue;
            };
            edges.push(MountEdge {
                container: container.id,
                volume: volume.id,
                mount_path: mount.mount_path.clone(),
                read_only: mount.read_only == Some(true),
                from: (at.x + CARD_W / 2.0, at.y + CARD_H),
                to: (volume_at.x + VOLUME_W / 2.0, volume_at.y),
            });
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;
    use podwright_core::model::edit::NewContainer;

    #[test]
    fn init_containers_come_first_left_to_right() {
        let mut design = Design::new_pod("web");
        design.pod.add_container(NewContainer::Init);
        design.pod.add_container(NewContainer::NativeSidecar);
        let layout = layout(&design);
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
        let layout = layout(&design);
        assert_eq!(layout.edges.len(), 1);
        assert_eq!(layout.edges[0].mount_path, "/mnt/data");
        assert!(!layout.edges[0].read_only);
        assert_eq!(layout.apps.len(), 50);
        assert!(layout.width < 1200.0, "rows wrap instead of growing wide");
        assert!(layout.volumes[0].y > layout.apps[49].y);
    }
}

//! What a pointer drag on the canvas means: from the background it pans the
//! view; from a container onto a volume it mounts the volume, and onto another
//! container of its list it moves the container there.

/// A drag in progress.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Drag {
    /// Panning: where the pointer and the scroll position started.
    Pan {
        /// The pointer's start, in screen pixels.
        start: (i32, i32),
        /// The viewport's scroll position at the start.
        scroll: (i32, i32),
    },
    /// Dragging a container card: onto a volume (a mount) or onto a card of its list (a move).
    Card {
        /// The container's id.
        container: u32,
        /// The pointer's start, in screen pixels.
        start: (i32, i32),
        /// Whether the pointer has moved far enough to count as a drag.
        moved: bool,
    },
}

/// How far (in screen pixels) the pointer moves before a press becomes a drag.
pub const DRAG_THRESHOLD: i32 = 6;

/// Whether the pointer has left the press's neighbourhood.
pub fn beyond_threshold(start: (i32, i32), now: (i32, i32)) -> bool {
    (now.0 - start.0).abs().max((now.1 - start.1).abs()) > DRAG_THRESHOLD
}

/// The picture's own coordinates of the screen point `at`, for a picture of
/// `size` drawn in the box `rect` (left, top, width, height), scaled to fit
/// and centred horizontally (`preserveAspectRatio="xMidYMin meet"`).
pub fn to_picture(rect: (f64, f64, f64, f64), size: (f64, f64), at: (f64, f64)) -> (f64, f64) {
    let (left, top, width, height) = rect;
    let scale = (width / size.0).min(height / size.1);
    let offset = (width - size.0 * scale) / 2.0;
    ((at.0 - left - offset) / scale, (at.1 - top) / scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_points_map_into_the_picture() {
        // Drawn at half size, centred in a box wider than it needs.
        let rect = (100.0, 50.0, 800.0, 300.0);
        assert_eq!(to_picture(rect, (1000.0, 600.0), (250.0, 50.0)), (0.0, 0.0));
        assert_eq!(
            to_picture(rect, (1000.0, 600.0), (500.0, 200.0)),
            (500.0, 300.0)
        );
        // At its own size.
        assert_eq!(
            to_picture((0.0, 0.0, 500.0, 400.0), (500.0, 400.0), (20.0, 30.0)),
            (20.0, 30.0)
        );
    }

    #[test]
    fn small_moves_are_clicks() {
        assert!(!beyond_threshold((10, 10), (14, 16)));
        assert!(beyond_threshold((10, 10), (10, 17)));
    }
}

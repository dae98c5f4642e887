//! Two fingers on the canvas: spreading or closing them zooms by the ratio of
//! their distances, about their midpoint; moving them together pans.

/// Fingers closer than this (screen pixels) give no zoom ratio.
const MIN_SPAN: f64 = 8.0;

/// The touch points on the canvas, by pointer id: the first two count.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Touches {
    points: Vec<(i32, (f64, f64))>,
}

/// What one move of a two-finger gesture asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PinchStep {
    /// The zoom factor: the fingers' distance now over before.
    pub factor: f64,
    /// The fingers' midpoint now, in screen pixels: the point that stays still.
    pub centre: (f64, f64),
    /// How far the midpoint moved, in screen pixels.
    pub pan: (f64, f64),
}

impl Touches {
    /// A finger touches down at `at`; a third one is ignored.
    pub fn down(&mut self, id: i32, at: (f64, f64)) {
        self.up(id);
        if self.points.len() < 2 {
            self.points.push((id, at));
        }
    }

    /// A finger lifts (or its touch is cancelled).
    pub fn up(&mut self, id: i32) {
        self.points.retain(|(p, _)| *p != id);
    }

    /// True while two fingers are down.
    pub fn pinching(&self) -> bool {
        self.points.len() == 2
    }

    /// The finger `id` moved to `at`; while two are down, the step it makes.
    pub fn moved(&mut self, id: i32, at: (f64, f64)) -> Option<PinchStep> {
        let index = self.points.iter().position(|(p, _)| *p == id)?;
        let before = self.pair();
        self.points[index].1 = at;
        let (a0, b0) = before?;
        let (a1, b1) = self.pair()?;
        let (span0, span1) = (distance(a0, b0), distance(a1, b1));
        let factor = if span0 > MIN_SPAN && span1 > MIN_SPAN {
            span1 / span0
        } else {
            1.0
        };
        let (m0, m1) = (midpoint(a0, b0), midpoint(a1, b1));
        Some(PinchStep {
            factor,
            centre: m1,
            pan: (m1.0 - m0.0, m1.1 - m0.1),
        })
    }

    fn pair(&self) -> Option<((f64, f64), (f64, f64))> {
        match self.points.as_slice() {
            [(_, a), (_, b)] => Some((*a, *b)),
            _ => None,
        }
    }
}

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

fn midpoint(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreading_two_fingers_zooms_in_about_their_midpoint() {
        let mut touches = Touches::default();
        touches.down(1, (100.0, 100.0));
        assert_eq!(
            touches.moved(1, (90.0, 100.0)),
            None,
            "one finger is no pinch"
        );
        touches.down(2, (190.0, 100.0));
        assert!(touches.pinching());
        let step = touches.moved(2, (290.0, 100.0)).unwrap();
        assert_eq!(step.factor, 2.0);
        assert_eq!(step.centre, (190.0, 100.0));
        assert_eq!(step.pan, (50.0, 0.0));
        let step = touches.moved(1, (190.0, 100.0)).unwrap();
        assert_eq!(step.factor, 0.5, "closing them zooms out");
    }

    #[test]
    fn moving_both_fingers_together_pans_without_zooming() {
        let mut touches = Touches::default();
        touches.down(7, (0.0, 0.0));
        touches.down(8, (100.0, 0.0));
        touches.down(9, (50.0, 50.0));
        let step = touches.moved(7, (0.0, 30.0)).unwrap();
        let step2 = touches.moved(8, (100.0, 30.0)).unwrap();
        assert!((step.factor * step2.factor - 1.0).abs() < 1e-9);
        assert_eq!(
            (step.pan.1 + step2.pan.1, step.pan.0 + step2.pan.0),
            (30.0, 0.0)
        );
        assert_eq!(
            touches.moved(9, (0.0, 0.0)),
            None,
            "a third finger is ignored"
        );
        touches.up(7);
        assert!(!touches.pinching());
        assert_eq!(touches.moved(8, (0.0, 0.0)), None);
    }

    #[test]
    fn fingers_on_one_spot_give_no_ratio() {
        let mut touches = Touches::default();
        touches.down(1, (10.0, 10.0));
        touches.down(2, (10.0, 10.0));
        assert_eq!(touches.moved(2, (200.0, 10.0)).unwrap().factor, 1.0);
    }
}

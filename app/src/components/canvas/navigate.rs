//! Moving the selection on the canvas with the keyboard: left and right step
//! through the elements in drawing order, up and down go to the nearest
//! element in the row above or below, Home and End to the first and last.

use crate::state::finding_target::Element;

/// A key that moves the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The element drawn before.
    Previous,
    /// The element drawn after.
    Next,
    /// The nearest element above.
    Up,
    /// The nearest element below.
    Down,
    /// The first element.
    First,
    /// The last element.
    Last,
}

impl Step {
    /// The step a key stands for (`ArrowLeft`, `Home`, ...).
    pub fn from_key(key: &str) -> Option<Step> {
        Some(match key {
            "ArrowLeft" => Step::Previous,
            "ArrowRight" => Step::Next,
            "ArrowUp" => Step::Up,
            "ArrowDown" => Step::Down,
            "Home" => Step::First,
            "End" => Step::Last,
            _ => return None,
        })
    }
}

/// An element and the centre of its shape, in drawing order.
pub type Spot = (Element, f64, f64);

/// Where `step` leads from `from` (or from nowhere: the first element).
pub fn step(spots: &[Spot], from: Option<Element>, step: Step) -> Option<Element> {
    let at = from.and_then(|from| spots.iter().position(|(e, _, _)| *e == from));
    let Some(at) = at else {
        return spots.first().map(|s| s.0);
    };
    let (_, x, y) = spots[at];
    let chosen = match step {
        Step::Previous => at.checked_sub(1),
        Step::Next => (at + 1 < spots.len()).then_some(at + 1),
        Step::First => Some(0),
        Step::Last => spots.len().checked_sub(1),
        Step::Up | Step::Down => {
            let below = step == Step::Down;
            spots
                .iter()
                .enumerate()
                .filter(|(_, (_, _, sy))| if below { *sy > y + 1.0 } else { *sy < y - 1.0 })
                .min_by(|(_, (_, ax, ay)), (_, (_, bx, by))| {
                    let score = |sx: f64, sy: f64| (sy - y).abs() * 4.0 + (sx - x).abs();
                    score(*ax, *ay).total_cmp(&score(*bx, *by))
                })
                .map(|(i, _)| i)
        }
    };
    Some(spots[chosen.unwrap_or(at)].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Vec<Spot> {
        // Two containers on a row, a third under the first, a volume under the second.
        vec![
            (Element::Container(1), 100.0, 50.0),
            (Element::Container(2), 330.0, 50.0),
            (Element::Container(3), 100.0, 200.0),
            (Element::Volume(4), 330.0, 350.0),
        ]
    }

    #[test]
    fn left_and_right_follow_drawing_order_and_stop_at_the_ends() {
        let spots = grid();
        let c = Element::Container;
        assert_eq!(step(&spots, Some(c(1)), Step::Next), Some(c(2)));
        assert_eq!(step(&spots, Some(c(2)), Step::Next), Some(c(3)));
        assert_eq!(step(&spots, Some(c(1)), Step::Previous), Some(c(1)));
        assert_eq!(
            step(&spots, Some(Element::Volume(4)), Step::Next),
            Some(Element::Volume(4))
        );
        assert_eq!(
            step(&spots, Some(c(1)), Step::Last),
            Some(Element::Volume(4))
        );
        assert_eq!(step(&spots, Some(c(3)), Step::First), Some(c(1)));
    }

    #[test]
    fn up_and_down_go_to_the_nearest_row() {
        let spots = grid();
        let c = Element::Container;
        assert_eq!(step(&spots, Some(c(1)), Step::Down), Some(c(3)));
        assert_eq!(step(&spots, Some(c(2)), Step::Down), Some(c(3)));
        assert_eq!(
            step(&spots, Some(c(3)), Step::Down),
            Some(Element::Volume(4))
        );
        assert_eq!(step(&spots, Some(Element::Volume(4)), Step::Up), Some(c(3)));
        assert_eq!(step(&spots, Some(c(1)), Step::Up), Some(c(1)));
    }

    #[test]
    fn without_a_selection_the_first_element_is_chosen() {
        assert_eq!(step(&grid(), None, Step::Down), Some(Element::Container(1)));
        assert_eq!(
            step(&grid(), Some(Element::Pod), Step::Next),
            Some(Element::Container(1))
        );
        assert_eq!(step(&[], None, Step::Next), None);
    }
}

//! How big the picture is drawn: as wide as the canvas (the start, scrolling
//! down), whole on screen ("fit"), or at a chosen scale. Never larger than
//! its own size unless the user zooms in.

/// The zoom mode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Zoom {
    /// As wide as the canvas at most; taller pictures scroll.
    Width,
    /// Entirely on screen.
    Whole,
    /// A chosen scale (1.0 is the picture's own size).
    Scale(f64),
}

/// The smallest and largest scale.
pub const MIN: f64 = 0.2;
/// The largest scale.
pub const MAX: f64 = 3.0;

impl Zoom {
    /// What the zoom control says.
    pub fn label(self) -> String {
        match self {
            Zoom::Width => "Fit width".to_owned(),
            Zoom::Whole => "Fit".to_owned(),
            Zoom::Scale(scale) => format!("{:.0}%", scale * 100.0),
        }
    }

    /// The SVG's `width` and `height` attributes for a picture of `size`.
    pub fn attributes(self, size: (f64, f64)) -> (String, Option<String>) {
        match self {
            Zoom::Width => ("100%".to_owned(), None),
            Zoom::Whole => ("100%".to_owned(), Some("100%".to_owned())),
            Zoom::Scale(scale) => (
                format!("{}", (size.0 * scale).round()),
                Some(format!("{}", (size.1 * scale).round())),
            ),
        }
    }

    /// The largest width and height the picture may take (CSS), so it never grows past its size.
    pub fn limits(self, size: (f64, f64)) -> (Option<String>, Option<String>) {
        match self {
            Zoom::Width => (Some(format!("{}px", size.0)), None),
            Zoom::Whole => (Some(format!("{}px", size.0)), Some(format!("{}px", size.1))),
            Zoom::Scale(_) => (None, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mode_sizes_the_picture() {
        let size = (1160.0, 800.0);
        assert_eq!(Zoom::Width.attributes(size), ("100%".into(), None));
        assert_eq!(Zoom::Width.limits(size), (Some("1160px".into()), None));
        assert_eq!(Zoom::Whole.limits(size).1, Some("800px".into()));
        assert_eq!(
            Zoom::Scale(0.5).attributes(size),
            ("580".into(), Some("400".into()))
        );
        assert_eq!(Zoom::Scale(1.25).label(), "125%");
        assert_eq!(Zoom::Whole.label(), "Fit");
    }
}

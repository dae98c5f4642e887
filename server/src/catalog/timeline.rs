//! Start-up and shutdown sequence diagrams, drawn as SVG from the same facts
//! the designer's timeline shows: one lane per container in start order,
//! what each start-up step waits for, then the stop order with the preStop
//! hooks and the grace period as a bar.
//!
//! The picture carries its own light panel, so its colours keep their
//! contrast whatever the page's theme. All text is escaped and the SVG uses
//! presentation attributes only, like the decision trees.

use super::highlight::escape;
use podwright_core::facts::Facts;
use podwright_core::model::WorkloadKind;
use podwright_core::validate::{Options, validate_stream};
use podwright_core::yaml::{Limits, read_stream};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Width of the lane names, of a start-up step and of a stop step.
const LABEL_WIDTH: f64 = 190.0;
const START_WIDTH: f64 = 140.0;
const STOP_WIDTH: f64 = 190.0;
/// Room between start-up and shutdown, where "Pod deleted" is marked.
const GAP: f64 = 24.0;
const LANE_HEIGHT: f64 = 36.0;
const HEADER: f64 = 44.0;
const MARGIN: f64 = 10.0;
/// Room after the grace bar for "SIGKILL".
const TAIL: f64 = 72.0;
/// Longest container name drawn in full.
const NAME_CHARS: usize = 24;

/// The panel and the two text colours; every fill below is a background for them.
const PANEL: &str = "#ffffff";
const TEXT: &str = "#1c2330";
const MUTED: &str = "#4f596b";
/// The border of the panel and the "Pod deleted" line.
const RULE: &str = "#8a93a3";

/// A bar's fill and outline.
struct Colour {
    fill: &'static str,
    stroke: &'static str,
}

const INIT: Colour = Colour {
    fill: "#eceff4",
    stroke: "#5b6578",
};
const SIDECAR: Colour = Colour {
    fill: "#efe8fb",
    stroke: "#7b4fd6",
};
const APP: Colour = Colour {
    fill: "#e6eefc",
    stroke: "#2557c7",
};
const PRE_STOP: Colour = Colour {
    fill: "#fff1d6",
    stroke: "#8f5400",
};
const GRACE: Colour = Colour {
    fill: "#fde8e8",
    stroke: "#c62828",
};

/// What a lane's container is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Runs to completion before the next step.
    Init,
    /// A native sidecar: an init container with `restartPolicy: Always`.
    Sidecar,
    /// A regular container (the app, or a classic sidecar).
    App,
}

impl Kind {
    fn of(step_kind: &str) -> Kind {
        match step_kind {
            "init" => Kind::Init,
            "sidecar" => Kind::Sidecar,
            _ => Kind::App,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Init => "init container",
            Kind::Sidecar => "native sidecar",
            Kind::App => "container",
        }
    }

    fn colour(self) -> &'static Colour {
        match self {
            Kind::Init => &INIT,
            Kind::Sidecar => &SIDECAR,
            Kind::App => &APP,
        }
    }
}

/// One container's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// The container's name.
    pub name: String,
    /// Init, native sidecar or regular container.
    pub kind: Kind,
    /// The start-up step it starts in.
    pub start: usize,
    /// What the next step waits for: `exit`, `startupProbe`, `started`, or `none`.
    pub gate: String,
    /// The stop step it is stopped in; `None` for init containers.
    pub stop: Option<usize>,
    /// Its preStop hook, described (`sleep 5 s`, `exec`, `httpGet`).
    pub pre_stop: Option<String>,
}

/// A Pod's start-up and shutdown, laid out for drawing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    /// One per container, in start order.
    pub lanes: Vec<Lane>,
    /// How many start-up steps there are.
    pub start_steps: usize,
    /// How many stop steps there are.
    pub stop_steps: usize,
    /// `terminationGracePeriodSeconds`.
    pub grace_period_seconds: i64,
}

impl Timeline {
    /// The timeline of `facts`, with the preStop hooks of `pre_stops` (by container name).
    pub fn of(facts: &Facts, pre_stops: &BTreeMap<String, String>) -> Timeline {
        let mut lanes = Vec::new();
        for (start, step) in facts.startup.iter().enumerate() {
            for name in &step.containers {
                lanes.push(Lane {
                    name: name.clone(),
                    kind: Kind::of(&step.kind),
                    start,
                    gate: step.next_after.clone(),
                    stop: None,
                    pre_stop: pre_stops.get(name).cloned(),
                });
            }
        }
        for (stop, group) in facts.shutdown.order.iter().enumerate() {
            for name in group {
                if let Some(lane) = lanes
                    .iter_mut()
                    .find(|l| &l.name == name && l.kind != Kind::Init)
                {
                    lane.stop = Some(stop);
                }
            }
        }
        Timeline {
            lanes,
            start_steps: facts.startup.len(),
            stop_steps: facts.shutdown.order.len().max(1),
            grace_period_seconds: facts.shutdown.grace_period_seconds,
        }
    }

    /// The grace period as the picture labels it.
    pub fn grace_label(&self) -> String {
        format!("grace period {} s", self.grace_period_seconds)
    }

    /// The picture in words, for its `<desc>`.
    pub fn description(&self) -> String {
        let mut steps = Vec::new();
        for start in 0..self.start_steps {
            let lanes: Vec<&Lane> = self.lanes.iter().filter(|l| l.start == start).collect();
            let Some(first) = lanes.first() else { continue };
            let names: Vec<&str> = lanes.iter().map(|l| l.name.as_str()).collect();
            let what = match (first.kind, first.gate.as_str()) {
                (Kind::Init, _) => format!("init container {} runs to completion", names[0]),
                (Kind::Sidecar, "startupProbe") => format!(
                    "native sidecar {} starts and the next step waits for its startup probe",
                    names[0]
                ),
                (Kind::Sidecar, _) => format!(
                    "native sidecar {} starts and the next step follows as soon as it runs",
                    names[0]
                ),
                (Kind::App, _) => format!("containers {} start together", names.join(", ")),
            };
            steps.push(format!("{}. {what}", start + 1));
        }
        let mut stops = Vec::new();
        for stop in 0..self.stop_steps {
            let parts: Vec<String> = self
                .lanes
                .iter()
                .filter(|l| l.stop == Some(stop))
                .map(|l| match &l.pre_stop {
                    Some(hook) => format!("{} (preStop {hook}, then SIGTERM)", l.name),
                    None => format!("{} (SIGTERM)", l.name),
                })
                .collect();
            if !parts.is_empty() {
                stops.push(format!("{}. {}", stop + 1, parts.join(", ")));
            }
        }
        format!(
            "Start-up: {}. Shutdown, within a {} s grace period that includes the preStop hooks, after which what still runs is killed: {}.",
            steps.join("; "),
            self.grace_period_seconds,
            stops.join("; ")
        )
    }

    /// The picture; `id` makes its element ids unique on the page.
    pub fn to_svg(&self, id: &str, title: &str) -> String {
        let stop_left = LABEL_WIDTH + self.start_steps as f64 * START_WIDTH + GAP;
        let stop_right = stop_left + self.stop_steps as f64 * STOP_WIDTH;
        let lanes_bottom = HEADER + self.lanes.len() as f64 * LANE_HEIGHT;
        let grace_top = lanes_bottom + 10.0;
        let width = stop_right + TAIL + MARGIN;
        let height = grace_top + 28.0 + MARGIN;
        let title = format!("Start-up and shutdown: {title}");
        let id = escape(id);
        let mut svg = String::new();
        let _ = write!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline-diagram\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\" aria-describedby=\"timeline-{id}-desc\" font-family=\"sans-serif\" font-size=\"12\"><title id=\"timeline-{id}-title\">{}</title><desc id=\"timeline-{id}-desc\">{}</desc>",
            escape(&title),
            escape(&title),
            escape(&self.description())
        );
        let _ = write!(
            svg,
            "<rect x=\"0.5\" y=\"0.5\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{PANEL}\" stroke=\"{RULE}\"/>",
            width - 1.0,
            height - 1.0
        );
        self.draw_headers(&mut svg, stop_left, lanes_bottom);
        for (row, lane) in self.lanes.iter().enumerate() {
            self.draw_lane(&mut svg, row, lane, stop_left);
        }
        let _ = write!(
            svg,
            "<rect x=\"{stop_left}\" y=\"{grace_top}\" width=\"{}\" height=\"22\" rx=\"4\" fill=\"{}\" stroke=\"{}\"/><text x=\"{}\" y=\"{}\" fill=\"{TEXT}\">{}</text><text x=\"{}\" y=\"{}\" fill=\"{TEXT}\" font-weight=\"bold\">SIGKILL</text>",
            stop_right - stop_left,
            GRACE.fill,
            GRACE.stroke,
            stop_left + 8.0,
            grace_top + 15.0,
            escape(&self.grace_label()),
            stop_right + 8.0,
            grace_top + 15.0
        );
        svg.push_str("</svg>");
        svg
    }

    fn draw_headers(&self, svg: &mut String, stop_left: f64, lanes_bottom: f64) {
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"18\" fill=\"{TEXT}\" font-weight=\"bold\">Start-up</text><text x=\"{stop_left}\" y=\"18\" fill=\"{TEXT}\" font-weight=\"bold\">Shutdown</text>",
            LABEL_WIDTH
        );
        for step in 0..self.start_steps {
            let _ = write!(
                svg,
                "<text x=\"{}\" y=\"36\" fill=\"{MUTED}\">step {}</text>",
                LABEL_WIDTH + step as f64 * START_WIDTH + 4.0,
                step + 1
            );
        }
        for stop in 0..self.stop_steps {
            let caption = match stop {
                0 => "containers, together",
                1 => "then sidecars, last started first",
                _ => continue,
            };
            let _ = write!(
                svg,
                "<text x=\"{}\" y=\"36\" fill=\"{MUTED}\">{caption}</text>",
                stop_left + stop as f64 * STOP_WIDTH + 4.0
            );
        }
        let line = stop_left - GAP / 2.0;
        let _ = write!(
            svg,
            "<line x1=\"{line}\" y1=\"24\" x2=\"{line}\" y2=\"{lanes_bottom}\" stroke=\"{RULE}\" stroke-dasharray=\"4 3\"/>"
        );
    }

    fn draw_lane(&self, svg: &mut String, row: usize, lane: &Lane, stop_left: f64) {
        let top = HEADER + row as f64 * LANE_HEIGHT;
        let _ = write!(
            svg,
            "<text x=\"{MARGIN}\" y=\"{}\" fill=\"{TEXT}\" font-weight=\"bold\">{}</text><text x=\"{MARGIN}\" y=\"{}\" fill=\"{MUTED}\" font-size=\"11\">{}</text>",
            top + 14.0,
            escape(&shorten(&lane.name)),
            top + 28.0,
            lane.kind.label()
        );
        let colour = lane.kind.colour();
        let start = LABEL_WIDTH + lane.start as f64 * START_WIDTH;
        let (bar_top, bar_height) = (top + 6.0, 24.0);
        let running_until = match (lane.kind, lane.stop) {
            (Kind::Init, _) | (_, None) => start + START_WIDTH - 6.0,
            (_, Some(_)) => stop_left - 2.0,
        };
        let start_text = match (lane.kind, lane.gate.as_str()) {
            (Kind::Init, _) => "runs, exits 0",
            (Kind::Sidecar, "startupProbe") => "startupProbe passes",
            (Kind::Sidecar, _) => "started",
            (Kind::App, _) => "running",
        };
        bar(
            svg,
            start + 4.0,
            bar_top,
            running_until - start - 4.0,
            bar_height,
            colour,
            start_text,
        );
        if let Some(stop) = lane.stop {
            let left = stop_left + stop as f64 * STOP_WIDTH;
            if stop > 0 {
                bar(
                    svg,
                    stop_left,
                    bar_top,
                    left - stop_left,
                    bar_height,
                    colour,
                    "running",
                );
            }
            let (colour, text) = match &lane.pre_stop {
                Some(hook) => (&PRE_STOP, format!("preStop {hook}, SIGTERM")),
                None => (colour, "SIGTERM".to_owned()),
            };
            bar(
                svg,
                left + 2.0,
                bar_top,
                STOP_WIDTH - 8.0,
                bar_height,
                colour,
                &text,
            );
        }
    }
}

/// A bar with its text inside.
fn bar(svg: &mut String, x: f64, y: f64, width: f64, height: f64, colour: &Colour, text: &str) {
    let _ = write!(
        svg,
        "<rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{height}\" rx=\"4\" fill=\"{}\" stroke=\"{}\"/><text x=\"{}\" y=\"{}\" fill=\"{TEXT}\" font-size=\"11\">{}</text>",
        width.max(0.0),
        colour.fill,
        colour.stroke,
        x + 6.0,
        y + height / 2.0 + 4.0,
        escape(text)
    );
}

/// `name`, cut to [`NAME_CHARS`] characters with an ellipsis.
fn shorten(name: &str) -> String {
    if name.chars().count() <= NAME_CHARS {
        return name.to_owned();
    }
    let mut short: String = name.chars().take(NAME_CHARS - 1).collect();
    short.push('…');
    short
}

/// The diagram of an example manifest, or `None` when it has no workload to draw.
pub fn for_example(id: &str, title: &str, yaml: &str) -> Option<String> {
    let stream = read_stream(yaml, &Limits::default()).ok()?;
    let facts = validate_stream(&stream, &Options::default()).facts?;
    if facts.startup.iter().all(|step| step.containers.is_empty()) {
        return None;
    }
    let hooks = stream
        .documents
        .iter()
        .find_map(pod_spec)
        .map(pre_stops)
        .unwrap_or_default();
    Some(Timeline::of(&facts, &hooks).to_svg(id, title))
}

/// The Pod spec of a Pod or of a workload's template.
fn pod_spec(document: &Value) -> Option<&Value> {
    let kind: WorkloadKind = document.get("kind")?.as_str()?.parse().ok()?;
    kind.template_path()
        .iter()
        .chain(&["spec"])
        .try_fold(document, |at, key| at.get(*key))
}

/// Each container's preStop hook, described, by container name.
fn pre_stops(spec: &Value) -> BTreeMap<String, String> {
    ["initContainers", "containers"]
        .into_iter()
        .filter_map(|key| spec.get(key)?.as_array())
        .flatten()
        .filter_map(|container| {
            let name = container.get("name")?.as_str()?;
            let hook = container.pointer("/lifecycle/preStop")?;
            let described = if let Some(seconds) = hook.pointer("/sleep/seconds") {
                format!("sleep {seconds} s")
            } else if hook.get("exec").is_some() {
                "exec".to_owned()
            } else if hook.get("httpGet").is_some() {
                "httpGet".to_owned()
            } else {
                "hook".to_owned()
            };
            Some((name.to_owned(), described))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const INIT_CHAIN_WITH_SIDECAR: &str = r"
apiVersion: v1
kind: Pod
metadata: {name: orders}
spec:
  terminationGracePeriodSeconds: 45
  initContainers:
    - name: wait-for-db
      image: busybox:1.37
      command: [sh, -c, 'until nc -z db 5432; do sleep 1; done']
    - name: proxy
      image: envoyproxy/envoy:v1.32.3
      restartPolicy: Always
      startupProbe: {tcpSocket: {port: 9901}}
    - name: migrate
      image: example.com/orders-migrate:1.4.0
    - name: log-shipper
      image: fluent/fluent-bit:3.2.4
      restartPolicy: Always
  containers:
    - name: orders
      image: example.com/orders:1.4.0
      lifecycle: {preStop: {sleep: {seconds: 5}}}
    - name: metrics
      image: example.com/exporter:0.3.0
";

    fn timeline(yaml: &str) -> Timeline {
        let stream = read_stream(yaml, &Limits::default()).unwrap();
        let facts = validate_stream(&stream, &Options::default()).facts.unwrap();
        let hooks = stream
            .documents
            .iter()
            .find_map(pod_spec)
            .map(pre_stops)
            .unwrap_or_default();
        Timeline::of(&facts, &hooks)
    }

    #[test]
    fn lanes_follow_the_start_order_and_stop_in_reverse() {
        let timeline = timeline(INIT_CHAIN_WITH_SIDECAR);
        let lanes: Vec<(&str, Kind, usize, &str, Option<usize>)> = timeline
            .lanes
            .iter()
            .map(|l| (l.name.as_str(), l.kind, l.start, l.gate.as_str(), l.stop))
            .collect();
        assert_eq!(
            lanes,
            [
                ("wait-for-db", Kind::Init, 0, "exit", None),
                ("proxy", Kind::Sidecar, 1, "startupProbe", Some(2)),
                ("migrate", Kind::Init, 2, "exit", None),
                ("log-shipper", Kind::Sidecar, 3, "started", Some(1)),
                ("orders", Kind::App, 4, "none", Some(0)),
                ("metrics", Kind::App, 4, "none", Some(0)),
            ]
        );
        assert_eq!((timeline.start_steps, timeline.stop_steps), (5, 3));
        assert_eq!(timeline.lanes[4].pre_stop.as_deref(), Some("sleep 5 s"));
        assert_eq!(timeline.lanes[5].pre_stop, None);
    }

    #[test]
    fn the_grace_period_is_labelled_with_its_seconds_or_the_default() {
        assert_eq!(
            timeline(INIT_CHAIN_WITH_SIDECAR).grace_label(),
            "grace period 45 s"
        );
        let plain = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: web, image: nginx:1.27}\n";
        assert_eq!(timeline(plain).grace_label(), "grace period 30 s");
    }

    #[test]
    fn the_svg_has_a_lane_per_container_in_order_and_a_text_alternative() {
        let svg = for_example("orders", "Orders <with> proxy", INIT_CHAIN_WITH_SIDECAR).unwrap();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{svg}"
        );
        assert!(
            svg.contains("aria-label=\"Start-up and shutdown: Orders &lt;with&gt; proxy\""),
            "{svg}"
        );
        assert!(
            svg.contains("<title id=\"timeline-orders-title\">"),
            "{svg}"
        );
        assert!(
            svg.contains("aria-describedby=\"timeline-orders-desc\""),
            "{svg}"
        );
        let positions: Vec<usize> = [
            "wait-for-db",
            "proxy",
            "migrate",
            "log-shipper",
            "orders",
            "metrics",
        ]
        .iter()
        .map(|name| {
            let label = format!("font-weight=\"bold\">{name}</text>");
            svg.find(&label)
                .unwrap_or_else(|| panic!("{label} in {svg}"))
        })
        .collect();
        assert!(positions.is_sorted(), "{positions:?}");
        assert!(svg.contains(">preStop sleep 5 s, SIGTERM<"), "{svg}");
        assert!(svg.contains(">startupProbe passes<"), "{svg}");
        assert!(svg.contains(">grace period 45 s<"), "{svg}");
        assert!(!svg.contains("<script") && !svg.contains("style="), "{svg}");
    }

    #[test]
    fn the_description_tells_the_same_story() {
        let text = timeline(INIT_CHAIN_WITH_SIDECAR).description();
        assert!(
            text.starts_with("Start-up: 1. init container wait-for-db runs to completion; 2. native sidecar proxy starts and the next step waits for its startup probe;"),
            "{text}"
        );
        assert!(
            text.contains("5. containers orders, metrics start together"),
            "{text}"
        );
        assert!(
            text.contains("within a 45 s grace period")
                && text.contains("1. orders (preStop sleep 5 s, then SIGTERM), metrics (SIGTERM); 2. log-shipper (SIGTERM); 3. proxy (SIGTERM)"),
            "{text}"
        );
    }

    #[test]
    fn manifests_without_a_workload_get_no_diagram() {
        let config = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n";
        assert_eq!(for_example("c", "config", config), None);
        assert_eq!(for_example("bad", "broken", "kind: [unclosed"), None);
    }

    /// WCAG 2 relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |at: usize| {
            let c = f64::from(u8::from_str_radix(&hex[at..at + 2], 16).unwrap()) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    #[test]
    fn every_text_colour_passes_wcag_aa_on_every_background() {
        let backgrounds = [
            PANEL,
            INIT.fill,
            SIDECAR.fill,
            APP.fill,
            PRE_STOP.fill,
            GRACE.fill,
        ];
        for text in [TEXT, MUTED] {
            for background in backgrounds {
                let (a, b) = (luminance(text), luminance(background));
                let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
                assert!(ratio >= 4.5, "{text} on {background}: {ratio:.2}");
            }
        }
    }
}

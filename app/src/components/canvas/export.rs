//! The picture as a file for docs and reviews: a standalone SVG (its own
//! light-theme stylesheet, a title and a description in words, none of the
//! canvas's interaction chrome), and a PNG the browser renders from it
//! (the SVG loaded as an image, drawn on a canvas element).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, Element, HtmlCanvasElement, HtmlImageElement};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// The largest side of an exported PNG, in pixels (browsers refuse huge canvases).
const PNG_MAX_SIDE: f64 = 8192.0;
/// How many PNG pixels a picture unit takes, for a sharp image on review tools.
const PNG_SCALE: f64 = 2.0;

/// Shapes that only serve the pointer or the keyboard on the canvas.
const CHROME: &str = ".focus-ring, .hover-label, .mount-here, .drag-line, .insert-mark, path.hit";

/// Attributes that only serve the pointer or the keyboard on the canvas.
const INTERACTION: [&str; 5] = [
    "tabindex",
    "role",
    "aria-current",
    "aria-describedby",
    "aria-label",
];

/// The canvas rules of `style/main.css` in light-theme colours, so the file
/// reads the same wherever it is opened.
const STYLE: &str = "
svg { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; font-size: 12px; }
.background { fill: #ffffff; }
.section-label { fill: #5b6578; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; }
.container-card .shape { fill: #ffffff; stroke: #326ce5; stroke-width: 1.5; }
.container-card.role-sidecar .shape, .container-card.role-native-sidecar .shape { stroke: #7b4fd6; }
.container-card.role-ambassador .shape { stroke: #0f8a6c; }
.container-card.role-adapter .shape { stroke: #b5651d; }
.container-card.role-log-shipper .shape { stroke: #6b7d1f; }
.container-card.role-init .shape { stroke: #5b6578; stroke-dasharray: 6 3; }
.container-card.selected .shape, .volume-node.selected .shape { stroke-width: 3.5; }
.container-card.has-error .shape, .volume-node.has-error .shape { stroke: #c62828; }
.container-card .name, .volume-node .name { fill: #1c2330; font-weight: 700; font-size: 13px; }
.container-card .image, .volume-node .kind, .container-card .indicators { fill: #5b6578; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11px; }
.container-card .role { fill: #2557c7; font-size: 11px; font-weight: 600; }
.container-card .ports { fill: #1c2330; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11px; }
.volume-node .shape { fill: #e6eefc; stroke: #5b6578; stroke-width: 1.5; }
.mount-edge .line { fill: none; stroke: #5b6578; stroke-width: 1.6; }
.mount-edge.read-only .line { stroke-dasharray: 5 4; }
.mount-edge.read-write .line { stroke: #2557c7; stroke-width: 2; }
.mount-edge.active .line { stroke-width: 3.2; }
.mount-label { fill: #1c2330; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 10px; paint-order: stroke; stroke: #ffffff; stroke-width: 4px; stroke-linejoin: round; }
.network-band rect { fill: #e6eefc; stroke: #2557c7; stroke-dasharray: 3 3; }
.network-band.flagged rect { stroke: #8f5400; }
.network-band .band-title { fill: #2557c7; font-weight: 700; }
.network-band .band-ports { fill: #1c2330; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11px; }
.badge path { stroke: #ffffff; stroke-width: 2; }
.badge.error path { fill: #c62828; } .badge.warning path { fill: #8f5400; } .badge.info path { fill: #2f6f9f; }
.badge text { font-size: 11px; font-weight: 700; fill: #ffffff; }
";

/// An exported picture: the SVG text and its size in picture units.
pub struct Exported {
    /// The standalone SVG document.
    pub svg: String,
    /// Width and height.
    pub size: (f64, f64),
}

fn failed<E>(what: &str) -> impl Fn(E) -> String + '_ {
    move |_| format!("cannot {what}")
}

fn svg_element(name: &str) -> Result<Element, String> {
    leptos::prelude::document()
        .create_element_ns(Some(SVG_NS), name)
        .map_err(failed("draw the file"))
}

/// The drawn picture `drawn` (the canvas's `<svg>`) as a standalone SVG
/// document, named by `title` and described in words by `description`.
pub fn standalone_svg(drawn: &Element, title: &str, description: &str) -> Result<Exported, String> {
    let size = drawn
        .get_attribute("viewBox")
        .and_then(|b| {
            let numbers: Vec<f64> = b
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            (numbers.len() == 4).then(|| (numbers[2], numbers[3]))
        })
        .ok_or("the picture has no size")?;
    let copy: Element = drawn
        .clone_node_with_deep(true)
        .map_err(failed("copy the picture"))?
        .dyn_into()
        .map_err(failed("copy the picture"))?;
    let chrome = copy
        .query_selector_all(CHROME)
        .map_err(failed("copy the picture"))?;
    for index in 0..chrome.length() {
        if let Some(Ok(node)) = chrome.item(index).map(|n| n.dyn_into::<Element>()) {
            node.remove();
        }
    }
    let _ = copy.remove_attribute("style");
    let _ = copy.remove_attribute("data-testid");
    let all = copy
        .query_selector_all("*")
        .map_err(failed("copy the picture"))?;
    let nodes = (0..all.length())
        .filter_map(|i| all.item(i)?.dyn_into::<Element>().ok())
        .chain([copy.clone()]);
    for node in nodes {
        for name in INTERACTION {
            let _ = node.remove_attribute(name);
        }
    }
    let set = |name: &str, value: &str| {
        copy.set_attribute(name, value)
            .map_err(failed("draw the file"))
    };
    set("width", &size.0.to_string())?;
    set("height", &size.1.to_string())?;
    set("role", "img")?;
    set("aria-labelledby", "export-title export-desc")?;

    let background = svg_element("rect")?;
    for (name, value) in [
        ("class", "background"),
        ("width", "100%"),
        ("height", "100%"),
    ] {
        background
            .set_attribute(name, value)
            .map_err(failed("draw the file"))?;
    }
    let style = svg_element("style")?;
    style.set_text_content(Some(STYLE));
    let desc = svg_element("desc")?;
    desc.set_id("export-desc");
    desc.set_text_content(Some(description));
    let heading = svg_element("title")?;
    heading.set_id("export-title");
    heading.set_text_content(Some(title));
    for node in [&background, &style, &desc, &heading] {
        copy.prepend_with_node_1(node)
            .map_err(failed("draw the file"))?;
    }
    let text = web_sys::XmlSerializer::new()
        .and_then(|s| s.serialize_to_string(&copy))
        .map_err(failed("write the file"))?;
    Ok(Exported {
        svg: format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{text}\n"),
        size,
    })
}

/// Renders `picture` into a PNG, in the browser: the SVG loads as an image
/// from a data URL and is drawn onto a canvas element.
pub async fn png_from_svg(picture: &Exported) -> Result<Blob, String> {
    let (width, height) = picture.size;
    let scale = PNG_SCALE.min(PNG_MAX_SIDE / width.max(height).max(1.0));
    // A data URL: the page's Content-Security-Policy admits `data:` images, not `blob:` ones.
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        js_sys::encode_uri_component(&picture.svg)
    );
    let image = HtmlImageElement::new().map_err(failed("render the picture"))?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(&url);
    let outcome = JsFuture::from(loaded).await;
    image.set_onload(None);
    image.set_onerror(None);
    outcome.map_err(failed("render the picture"))?;

    let canvas: HtmlCanvasElement = leptos::prelude::document()
        .create_element("canvas")
        .map_err(failed("render the picture"))?
        .dyn_into()
        .map_err(failed("render the picture"))?;
    let (w, h) = ((width * scale).round(), (height * scale).round());
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or("this browser cannot draw pictures")?
        .dyn_into()
        .map_err(failed("render the picture"))?;
    context
        .draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, w, h)
        .map_err(failed("render the picture"))?;
    let mut error = None;
    let encoded = js_sys::Promise::new(&mut |resolve, _| {
        error = canvas.to_blob_with_type(&resolve, "image/png").err();
    });
    if error.is_some() {
        return Err("cannot encode the PNG".to_owned());
    }
    JsFuture::from(encoded)
        .await
        .ok()
        .and_then(|b| b.dyn_into::<Blob>().ok())
        .ok_or_else(|| "cannot encode the PNG".to_owned())
}

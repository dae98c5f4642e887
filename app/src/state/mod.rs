//! The designer's state: the design, the selection, undo and redo, the
//! server's latest view of the design, and autosave. Provided as a context.

pub mod finding_target;
mod history;
pub mod share;
mod storage;

use crate::api;
use finding_target::Element;
use history::History;
use leptos::prelude::*;
use leptos::task::spawn_local;
use podwright_core::api::{ErrorBody, Preview};
use podwright_core::model::edit::set_field;
use podwright_core::model::{Design, WorkloadKind};
use serde_json::Value;
use std::time::Duration;

/// How long the designer waits after an edit before asking the server.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// Everything the designer's components share.
#[derive(Clone, Copy)]
pub struct Store {
    /// The design being edited.
    pub design: RwSignal<Design>,
    /// The selected element, if any.
    pub selection: RwSignal<Option<Element>>,
    /// The field to focus in the inspector (a JSON pointer), after a finding was clicked.
    pub focus: RwSignal<Option<String>>,
    /// The server's latest export and report.
    pub preview: RwSignal<Option<Preview>>,
    /// Why the latest preview failed, if it did.
    pub preview_error: RwSignal<Option<String>>,
    /// The last action's outcome, announced to screen readers.
    pub status: RwSignal<String>,
    /// The YAML to compare edits against: as first exported after an import
    /// (or at start), or as last downloaded or copied.
    pub baseline: RwSignal<Option<String>>,
    baseline_pending: StoredValue<bool>,
    history: StoredValue<History<Design>>,
    generation: StoredValue<u64>,
    in_flight: StoredValue<Option<web_sys::AbortController>>,
}

impl Store {
    /// A store starting from a shared link, the autosaved design, or a new Pod.
    pub fn new() -> Self {
        let from_link = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .and_then(|hash| share::decode(&hash).ok());
        let design = from_link
            .or_else(storage::load)
            .unwrap_or_else(|| Design::new_pod("web"));
        let store = Store {
            design: RwSignal::new(design),
            selection: RwSignal::new(None),
            focus: RwSignal::new(None),
            preview: RwSignal::new(None),
            preview_error: RwSignal::new(None),
            status: RwSignal::new(String::new()),
            baseline: RwSignal::new(None),
            baseline_pending: StoredValue::new(true),
            history: StoredValue::new(History::default()),
            generation: StoredValue::new(0),
            in_flight: StoredValue::new(None),
        };
        Effect::new(move |_| {
            let design = store.design.get();
            storage::save(&design);
            store.request_preview(design);
        });
        store
    }

    /// Applies an edit; the design before it becomes undoable.
    pub fn edit(&self, change: impl FnOnce(&mut Design)) {
        let before = self.design.get_untracked();
        let mut after = before.clone();
        change(&mut after);
        if after != before {
            self.history.update_value(|h| h.record(before));
            self.design.set(after);
        }
    }

    /// Replaces the whole design (an import), keeping it undoable.
    pub fn replace(&self, design: Design) {
        self.selection.set(None);
        self.baseline_pending.set_value(true);
        self.edit(|d| *d = design);
    }

    /// Removes a container or volume (undoably); the selection moves to the
    /// element drawn after it (or before it, for the last), and the status says
    /// what went and how to get it back.
    pub fn remove(&self, element: Element) {
        let (Element::Container(id) | Element::Volume(id)) = element else {
            return;
        };
        let (name, next) = self.design.with_untracked(|d| {
            let order = drawing_order(d);
            let at = order.iter().position(|e| *e == element);
            let next = at.and_then(|at| {
                order
                    .get(at + 1)
                    .or(at.checked_sub(1).and_then(|b| order.get(b)))
            });
            let name = match element {
                Element::Container(_) => d
                    .pod
                    .container(id)
                    .map(|c| format!("container {}", c.spec.name)),
                _ => d.pod.volume(id).map(|v| format!("volume {}", v.spec.name)),
            };
            (name, next.copied())
        });
        let Some(name) = name else { return };
        self.edit(|d| {
            d.pod.remove(id);
        });
        self.selection.set(next);
        self.status
            .set(format!("Removed {name}; Undo (Ctrl+Z) brings it back"));
    }

    /// Sets one field of an element; a value the element's type refuses changes nothing.
    pub fn set(&self, element: Element, pointer: &str, value: Value) -> Result<(), String> {
        let mut result = Ok(());
        self.edit(|design| result = set_element_field(design, element, pointer, value));
        result
    }

    /// Reads one field of an element as JSON.
    pub fn get(&self, element: Element, pointer: &str) -> Value {
        self.design.with(|design| {
            element_json(design, element)
                .pointer(pointer)
                .cloned()
                .unwrap_or(Value::Null)
        })
    }

    /// Steps back one edit.
    pub fn undo(&self) {
        let current = self.design.get_untracked();
        if let Some(previous) = self.history.try_update_value(|h| h.undo(current)).flatten() {
            self.design.set(previous);
        }
    }

    /// Steps forward again.
    pub fn redo(&self) {
        let current = self.design.get_untracked();
        if let Some(next) = self.history.try_update_value(|h| h.redo(current)).flatten() {
            self.design.set(next);
        }
    }

    /// True when there is an edit to undo (tracks the design).
    pub fn can_undo(&self) -> bool {
        self.design.track();
        self.history.with_value(History::can_undo)
    }

    /// True when there is an undone edit to redo (tracks the design).
    pub fn can_redo(&self) -> bool {
        self.design.track();
        self.history.with_value(History::can_redo)
    }

    /// Turns the design into another workload kind.
    pub fn set_kind(&self, kind: WorkloadKind) {
        self.edit(|design| *design = podwright_core::convert::retarget(design, kind));
    }

    /// Asks the server for the design's YAML and findings after a pause,
    /// cancelling the request before it: only the newest answer is shown.
    fn request_preview(&self, design: Design) {
        let store = *self;
        let generation = store.generation.get_value() + 1;
        store.generation.set_value(generation);
        set_timeout(
            move || {
                if store.generation.get_value() != generation {
                    return;
                }
                if let Some(previous) = store.in_flight.get_value() {
                    previous.abort();
                }
                let controller = web_sys::AbortController::new().ok();
                store.in_flight.set_value(controller.clone());
                spawn_local(async move {
                    let signal = controller.as_ref().map(|c| c.signal());
                    let answer = api::preview(design, None, signal.as_ref()).await;
                    if store.generation.get_value() != generation {
                        return;
                    }
                    match answer {
                        Ok(preview) => {
                            if store.baseline_pending.get_value() {
                                store.baseline_pending.set_value(false);
                                store.baseline.set(Some(preview.yaml.clone()));
                            }
                            store.preview.set(Some(preview));
                            store.preview_error.set(None);
                        }
                        Err(ErrorBody { error, .. }) => store.preview_error.set(Some(error)),
                    }
                });
            },
            DEBOUNCE,
        );
    }
}

/// The containers and volumes in the order the canvas draws them: init
/// containers, app containers, then volumes.
pub fn drawing_order(design: &Design) -> Vec<Element> {
    design
        .pod
        .all_containers()
        .map(|c| Element::Container(c.id))
        .chain(design.pod.volumes.iter().map(|v| Element::Volume(v.id)))
        .collect()
}

/// The element as JSON, for reading fields.
fn element_json(design: &Design, element: Element) -> Value {
    let json = match element {
        Element::Container(id) => design
            .pod
            .container(id)
            .map(|c| serde_json::to_value(&c.spec)),
        Element::Volume(id) => design.pod.volume(id).map(|v| serde_json::to_value(&v.spec)),
        Element::Pod => Some(serde_json::to_value(&design.pod.settings)),
        Element::Workload => Some(Ok(Value::Object(design.workload.object.clone()))),
    };
    json.and_then(Result::ok).unwrap_or(Value::Null)
}

fn set_element_field(
    design: &mut Design,
    element: Element,
    pointer: &str,
    value: Value,
) -> Result<(), String> {
    match element {
        Element::Container(id) => {
            let container = design
                .pod
                .container_mut(id)
                .ok_or("the container is gone")?;
            set_field(&mut container.spec, pointer, value)
        }
        Element::Volume(id) => {
            let volume = design
                .pod
                .volumes
                .iter_mut()
                .find(|v| v.id == id)
                .ok_or("the volume is gone")?;
            set_field(&mut volume.spec, pointer, value)
        }
        Element::Pod => set_field(&mut design.pod.settings, pointer, value),
        Element::Workload => {
            let mut object = Value::Object(std::mem::take(&mut design.workload.object));
            let result = podwright_core::model::edit::set_pointer(&mut object, pointer, value);
            if let Value::Object(map) = object {
                design.workload.object = map;
            }
            result
        }
    }
}

//! The designer's state: the design, the selection, undo and redo, the
//! server's latest view of the design, and autosave. Provided as a context.

pub mod finding_target;
mod history;
pub mod share;
mod storage;

use crate::api::{self, PreviewFailure};
use crate::design::Design;
use finding_target::Element;
use history::History;
use leptos::prelude::*;
use leptos::task::spawn_local;
use podwright_core::api::{ErrorBody, Preview};
use podwright_core::model::WorkloadKind;
use podwright_core::model::edit::set_pointer;
use serde_json::Value;
use std::time::Duration;

/// How long the designer waits after an edit before asking the server: edits
/// made together (a drag, a paste, a form's several fields) go as one request.
/// The server answers a 10-container preview in about a millisecond, so a
/// longer wait would be most of the time from edit to YAML.
const DEBOUNCE: Duration = Duration::from_millis(10);

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
    /// The field whose value the server refused last (a value of the wrong
    /// type), and why; the edit was taken back. The field takes it (and
    /// clears it) to show the error.
    pub refused: RwSignal<Option<Refused>>,
    baseline_pending: StoredValue<bool>,
    unchecked_edit: StoredValue<Option<FieldEdit>>,
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
            refused: RwSignal::new(None),
            baseline_pending: StoredValue::new(true),
            unchecked_edit: StoredValue::new(None),
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

    /// Applies an edit; the design before it becomes undoable. True when
    /// the design changed.
    pub fn edit(&self, change: impl FnOnce(&mut Design)) -> bool {
        let before = self.design.get_untracked();
        let mut after = before.clone();
        change(&mut after);
        let changed = after != before;
        if changed {
            self.history.update_value(|h| h.record(before));
            self.design.set(after);
        }
        changed
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
                    .map(|c| format!("container {}", c.name())),
                _ => d.pod.volume(id).map(|v| format!("volume {}", v.name())),
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

    /// Sets one field of an element. A value the element's type refuses (the
    /// server says so, as it reads the design) is taken back, and
    /// [`Store::refused`] says why.
    pub fn set(&self, element: Element, pointer: &str, value: Value) -> Result<(), String> {
        let mut result = Ok(());
        if self.edit(|design| result = set_element_field(design, element, pointer, value)) {
            self.unchecked_edit.set_value(Some(FieldEdit {
                element,
                pointer: pointer.to_owned(),
                design: self.design.get_untracked(),
            }));
        }
        result
    }

    /// Reads one field of an element as JSON.
    pub fn get(&self, element: Element, pointer: &str) -> Value {
        self.design.with(|design| {
            let field = match element {
                Element::Container(id) => design.pod.container(id).map(|c| &c.spec),
                Element::Volume(id) => design.pod.volume(id).map(|v| &v.spec),
                Element::Pod => Some(&design.pod.settings),
                Element::Workload => {
                    return Value::Object(design.workload.object.clone())
                        .pointer(pointer)
                        .cloned()
                        .unwrap_or(Value::Null);
                }
            };
            field
                .and_then(|json| json.pointer(pointer))
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
        self.edit(|design| *design = design.retarget(kind));
    }

    /// Takes back the field edit the server refused: the design before it
    /// returns, and the edit cannot be redone.
    fn take_back(&self, edit: FieldEdit, error: String) {
        if let Some(previous) = self.history.try_update_value(History::forget).flatten() {
            self.design.set(previous);
        }
        self.refused.set(Some(Refused {
            element: edit.element,
            pointer: edit.pointer,
            error,
        }));
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
                    let answer = api::preview(&design, None, signal.as_ref()).await;
                    if store.generation.get_value() != generation {
                        return;
                    }
                    let edit = store
                        .unchecked_edit
                        .try_update_value(Option::take)
                        .flatten();
                    match answer {
                        Ok(preview) => {
                            if store.baseline_pending.get_value() {
                                store.baseline_pending.set_value(false);
                                store.baseline.set(Some(preview.yaml.clone()));
                            }
                            store.preview.set(Some(preview));
                            store.preview_error.set(None);
                        }
                        Err(PreviewFailure {
                            refused: true,
                            body,
                        }) if edit.as_ref().is_some_and(|e| e.design == design) => {
                            if let Some(edit) = edit {
                                store.take_back(edit, body.error);
                            }
                        }
                        Err(PreviewFailure {
                            body: ErrorBody { error, .. },
                            ..
                        }) => store.preview_error.set(Some(error)),
                    }
                });
            },
            DEBOUNCE,
        );
    }
}

/// A field edit whose design the server has not read yet.
#[derive(Clone, Debug)]
struct FieldEdit {
    element: Element,
    pointer: String,
    design: Design,
}

/// A field value the server refused.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    /// The element.
    pub element: Element,
    /// The field's JSON pointer inside it.
    pub pointer: String,
    /// Why, in the server's words.
    pub error: String,
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
            set_pointer(&mut container.spec, pointer, value)
        }
        Element::Volume(id) => {
            let volume = design.pod.volume_mut(id).ok_or("the volume is gone")?;
            set_pointer(&mut volume.spec, pointer, value)
        }
        Element::Pod => set_pointer(&mut design.pod.settings, pointer, value),
        Element::Workload => {
            let mut object = Value::Object(std::mem::take(&mut design.workload.object));
            let result = set_pointer(&mut object, pointer, value);
            if let Value::Object(map) = object {
                design.workload.object = map;
            }
            result
        }
    }
}

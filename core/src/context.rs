//! What rules and facts see of a workload: the object defaulted and as
//! written, its Pod, and each container with its place, path and role.

use crate::model::{PatternRole, Placement, WorkloadKind, infer_role};
use crate::object::WorkloadObject;
use crate::options::Options;
use crate::path::Descend;
use crate::path::FieldPath;
use k8s_openapi::api::core::v1::{Container, PodSpec, ResourceRequirements};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

/// Where a container runs in the Pod's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A plain init container: runs to completion before the next.
    Init,
    /// An init container with `restartPolicy: Always`.
    Sidecar,
    /// A regular container.
    App,
}

/// One container after defaulting, with its path and role.
pub struct CtrCtx<'a> {
    /// The container after defaulting.
    pub spec: &'a Container,
    /// Its resources as written, before defaulting copied limits into requests.
    pub written_resources: Option<&'a ResourceRequirements>,
    /// Init, native sidecar or regular.
    pub place: Place,
    /// Its index in its list.
    pub index: usize,
    /// `S.containers[i]` or `S.initContainers[i]`.
    pub path: FieldPath,
    /// Its part in the pattern.
    pub role: PatternRole,
}

/// The Pod part of a workload.
pub struct PodCtx<'a> {
    /// The spec after defaulting.
    pub spec: &'a PodSpec,
    /// `terminationGracePeriodSeconds` as written, before defaulting.
    pub written_grace_period: Option<i64>,
    /// The Pod's metadata (the template's for workloads).
    pub meta: Option<&'a ObjectMeta>,
    /// The spec path `S`.
    pub path: FieldPath,
    /// Where the API server reports template label errors: `metadata` for a
    /// Pod, `spec.template` (no `.metadata`, a quirk) for templates.
    pub meta_path: FieldPath,
    /// True for `kind: Pod`, false for templates.
    pub is_pod: bool,
    /// Init containers, then regular containers.
    pub containers: Vec<CtrCtx<'a>>,
}

impl PodCtx<'_> {
    /// The grace period the kubelet grants at shutdown.
    pub fn grace_period(&self) -> i64 {
        self.spec.termination_grace_period_seconds.unwrap_or(30)
    }

    /// The container named `name`, if any.
    pub fn container(&self, name: &str) -> Option<&CtrCtx<'_>> {
        self.containers.iter().find(|c| c.spec.name == name)
    }
}

/// What a workload rule sees.
pub struct Ctx<'a> {
    /// Validation options.
    pub options: &'a Options,
    /// The object after defaulting.
    pub object: &'a WorkloadObject,
    /// Its Pod, if it has a spec.
    pub pod: Option<PodCtx<'a>>,
    /// Whether the document writes `spec.selector`.
    pub selector_written: bool,
}

/// The few fields that defaulting changes and rules read as written, kept
/// before defaulting so that the object need not be copied whole.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// The Pod's `terminationGracePeriodSeconds`.
    grace_period: Option<i64>,
    /// Each container's resources, init containers first.
    resources: Vec<Option<ResourceRequirements>>,
    /// Whether the document writes `spec.selector` (the typed object cannot
    /// tell a missing selector from an empty one).
    selector: bool,
}

impl Written {
    /// What `object` (decoded from `document`) says, before defaulting, of
    /// the fields defaulting changes or decoding cannot tell apart.
    pub fn of(object: &WorkloadObject, document: &serde_json::Value) -> Self {
        let selector = document.pointer("/spec/selector").is_some();
        let Some(template) = object.pod_template() else {
            return Written {
                selector,
                ..Written::default()
            };
        };
        let spec = template.spec;
        Written {
            selector,
            grace_period: spec.termination_grace_period_seconds,
            resources: spec
                .init_containers
                .iter()
                .flatten()
                .chain(&spec.containers)
                .map(|c| c.resources.clone())
                .collect(),
        }
    }
}

impl<'a> Ctx<'a> {
    /// The context of `object` (defaulted) and what it said as `written`;
    /// `roles` lists the containers' roles (init containers first) when the
    /// design knows them.
    pub fn new(
        options: &'a Options,
        object: &'a WorkloadObject,
        written: &'a Written,
        roles: Option<&[PatternRole]>,
    ) -> Self {
        let pod = object.pod_template().map(|template| {
            let path = FieldPath::parse(template.spec_path);
            let is_pod = object.kind() == WorkloadKind::Pod;
            let meta_path = if is_pod {
                FieldPath::parse("metadata")
            } else {
                FieldPath::parse(template.spec_path.trim_end_matches(".spec"))
            };
            let spec = template.spec;
            let init = spec
                .init_containers
                .iter()
                .flatten()
                .enumerate()
                .map(|(index, c)| {
                    let native = c.restart_policy.as_deref() == Some("Always");
                    let place = if native { Place::Sidecar } else { Place::Init };
                    (c, place, index, path.child("initContainers").index(index))
                });
            let app =
                spec.containers.iter().enumerate().map(|(index, c)| {
                    (c, Place::App, index, path.child("containers").index(index))
                });
            let mut containers: Vec<CtrCtx<'a>> = init
                .chain(app)
                .zip(
                    written
                        .resources
                        .iter()
                        .map(Option::as_ref)
                        .chain(std::iter::repeat(None)),
                )
                .map(|((c, place, index, path), written_resources)| CtrCtx {
                    spec: c,
                    written_resources,
                    place,
                    index,
                    path: path.to_path(),
                    role: infer_role(
                        c,
                        if place == Place::App {
                            Placement::App
                        } else {
                            Placement::Init
                        },
                    ),
                })
                .collect();
            if let Some(roles) = roles.filter(|r| r.len() == containers.len()) {
                for (container, role) in containers.iter_mut().zip(roles) {
                    container.role = *role;
                }
            }
            PodCtx {
                spec,
                written_grace_period: written.grace_period,
                meta: template.metadata,
                path,
                meta_path,
                is_pod,
                containers,
            }
        });
        Ctx {
            options,
            object,
            pod,
            selector_written: written.selector,
        }
    }

    /// The workload's kind.
    pub fn kind(&self) -> WorkloadKind {
        self.object.kind()
    }

    /// True for kinds whose Pods are meant to run until stopped.
    pub fn is_long_running(&self) -> bool {
        match self.kind() {
            WorkloadKind::Job | WorkloadKind::CronJob => false,
            WorkloadKind::Pod => self
                .pod
                .as_ref()
                .is_none_or(|p| p.spec.restart_policy.as_deref() == Some("Always")),
            _ => true,
        }
    }
}

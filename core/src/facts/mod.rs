//! Derived facts about a Pod: what it asks the scheduler for, its QoS class,
//! the ports of its shared network namespace, and the order its containers
//! start and stop in.

use crate::context::{Place, PodCtx};
use crate::quantity::Quantity;
use k8s_openapi::api::core::v1::Container;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as ApiQuantity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything derived about one Pod.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Facts {
    /// What the scheduler reserves for the Pod.
    pub resources: EffectiveResources,
    /// `Guaranteed`, `Burstable` or `BestEffort`.
    pub qos_class: QosClass,
    /// Every declared port of every container, and where they clash.
    pub ports: PortMap,
    /// The order containers start in.
    pub startup: Vec<StartupStep>,
    /// The order containers stop in, and the time they have.
    pub shutdown: Shutdown,
}

/// Effective Pod requests and limits per resource, as Kubernetes counts them:
/// for each init step its request plus the native sidecars started before it;
/// the Pod's value is the larger of the worst init step and all native
/// sidecars plus all app containers, plus the Pod overhead.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EffectiveResources {
    /// Effective requests by resource name.
    pub requests: BTreeMap<String, String>,
    /// Effective limits by resource name (only resources every long-running container limits).
    pub limits: BTreeMap<String, String>,
    /// The overhead included, if the Pod sets one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub overhead: BTreeMap<String, String>,
}

/// A Pod's quality-of-service class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum QosClass {
    /// Every container has equal cpu and memory requests and limits.
    Guaranteed,
    /// Some requests or limits, not Guaranteed.
    Burstable,
    /// No cpu or memory requests or limits at all.
    #[default]
    BestEffort,
}

/// The ports of the Pod's one network namespace.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortMap {
    /// Every declared port.
    pub ports: Vec<PortFact>,
    /// Ports or names declared by more than one container.
    pub conflicts: Vec<PortConflict>,
}

/// One declared port.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortFact {
    /// The container declaring it.
    pub container: String,
    /// Its name, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The port number.
    pub port: i32,
    /// TCP, UDP or SCTP.
    pub protocol: String,
}

/// Two or more containers declaring the same port or port name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortConflict {
    /// `8080/TCP` or the name.
    pub port: String,
    /// The containers declaring it.
    pub containers: Vec<String>,
}

/// One step of start-up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartupStep {
    /// The containers starting in this step (several only for the app step).
    pub containers: Vec<String>,
    /// `init`, `sidecar` or `app`.
    pub kind: String,
    /// What lets the next step begin: `exit` (the init container completed),
    /// `startupProbe` (a native sidecar's startup probe succeeded), `started`
    /// (a native sidecar without a startup probe: as soon as it runs), or
    /// `none` for the last step.
    pub next_after: String,
}

/// Shutdown order and budget.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shutdown {
    /// Groups of containers in the order they are stopped: app containers
    /// together, then native sidecars one by one in reverse start order.
    pub order: Vec<Vec<String>>,
    /// `terminationGracePeriodSeconds`: the whole budget, preStop hooks included.
    pub grace_period_seconds: i64,
}

impl Facts {
    /// The facts of a (defaulted) Pod.
    pub fn of(pod: &PodCtx<'_>) -> Facts {
        let amounts: Vec<Amounts> = pod.containers.iter().map(|c| Amounts::of(c.spec)).collect();
        Facts {
            resources: effective_resources(pod, &amounts),
            qos_class: qos_class(&amounts),
            ports: port_map(pod),
            startup: startup(pod),
            shutdown: shutdown(pod),
        }
    }
}

/// A container's requests and limits, parsed; requests default to limits as in a Pod.
struct Amounts {
    requests: BTreeMap<String, Quantity>,
    limits: BTreeMap<String, Quantity>,
}

impl Amounts {
    fn of(c: &Container) -> Self {
        let parse = |m: Option<&BTreeMap<String, ApiQuantity>>| -> BTreeMap<String, Quantity> {
            m.into_iter()
                .flatten()
                .filter_map(|(k, v)| Quantity::parse(&v.0).ok().map(|q| (k.clone(), q)))
                .collect()
        };
        let resources = c.resources.as_ref();
        let limits = parse(resources.and_then(|r| r.limits.as_ref()));
        let mut requests = parse(resources.and_then(|r| r.requests.as_ref()));
        for (k, v) in &limits {
            requests.entry(k.clone()).or_insert(*v);
        }
        Amounts { requests, limits }
    }

    fn get(&self, limits: bool) -> &BTreeMap<String, Quantity> {
        if limits { &self.limits } else { &self.requests }
    }
}

fn aggregate(pod: &PodCtx<'_>, amounts: &[Amounts], limits: bool) -> BTreeMap<String, Quantity> {
    let mut sidecars: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut init_max: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut apps: BTreeMap<String, Quantity> = BTreeMap::new();
    for (c, own) in pod.containers.iter().zip(amounts) {
        let own = own.get(limits);
        match c.place {
            Place::Sidecar => {
                for (k, v) in own {
                    let total = sidecars.entry(k.clone()).or_default();
                    *total = total.plus(*v);
                }
                for (k, v) in &sidecars {
                    let step = init_max.entry(k.clone()).or_default();
                    *step = step.larger(*v);
                }
            }
            Place::Init => {
                for (k, v) in own {
                    let with_sidecars = v.plus(sidecars.get(k).copied().unwrap_or_default());
                    let step = init_max.entry(k.clone()).or_default();
                    *step = step.larger(with_sidecars);
                }
            }
            Place::App => {
                for (k, v) in own {
                    let total = apps.entry(k.clone()).or_default();
                    *total = total.plus(*v);
                }
            }
        }
    }
    for (k, v) in sidecars {
        let total = apps.entry(k).or_default();
        *total = total.plus(v);
    }
    for (k, v) in init_max {
        let total = apps.entry(k).or_default();
        *total = total.larger(v);
    }
    apps
}

fn effective_resources(pod: &PodCtx<'_>, amounts: &[Amounts]) -> EffectiveResources {
    let overhead: BTreeMap<String, Quantity> = pod
        .spec
        .overhead
        .iter()
        .flatten()
        .filter_map(|(k, v)| Quantity::parse(&v.0).ok().map(|q| (k.clone(), q)))
        .collect();
    let with_overhead = |mut totals: BTreeMap<String, Quantity>| {
        for (k, v) in &overhead {
            if let Some(total) = totals.get_mut(k) {
                *total = total.plus(*v);
            }
        }
        totals
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect()
    };
    let mut limits = aggregate(pod, amounts, true);
    let long_running = pod
        .containers
        .iter()
        .zip(amounts)
        .filter(|(c, _)| c.place != Place::Init);
    limits.retain(|k, _| {
        long_running
            .clone()
            .all(|(_, own)| own.limits.contains_key(k))
    });
    EffectiveResources {
        requests: with_overhead(aggregate(pod, amounts, false)),
        limits: with_overhead(limits),
        overhead: overhead
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect(),
    }
}

fn qos_class(amounts: &[Amounts]) -> QosClass {
    let mut any = false;
    let mut guaranteed = true;
    for own in amounts {
        for r in ["cpu", "memory"] {
            let (req, lim) = (own.requests.get(r), own.limits.get(r));
            any |= req.is_some_and(|q| *q != Quantity::ZERO)
                || lim.is_some_and(|q| *q != Quantity::ZERO);
            if lim.is_none() || req != lim {
                guaranteed = false;
            }
        }
    }
    if !any {
        QosClass::BestEffort
    } else if guaranteed {
        QosClass::Guaranteed
    } else {
        QosClass::Burstable
    }
}

fn port_map(pod: &PodCtx<'_>) -> PortMap {
    let mut ports = Vec::new();
    for c in &pod.containers {
        for p in c.spec.ports.iter().flatten() {
            ports.push(PortFact {
                container: c.spec.name.clone(),
                name: p.name.clone().filter(|n| !n.is_empty()),
                port: p.container_port,
                protocol: p.protocol.clone().unwrap_or_else(|| "TCP".to_owned()),
            });
        }
    }
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in &ports {
        groups
            .entry(format!("{}/{}", p.port, p.protocol))
            .or_default()
            .push(p.container.clone());
        if let Some(name) = &p.name {
            groups
                .entry(name.clone())
                .or_default()
                .push(p.container.clone());
        }
    }
    let conflicts = groups
        .into_iter()
        .filter_map(|(port, mut containers)| {
            containers.dedup();
            (containers.len() > 1).then_some(PortConflict { port, containers })
        })
        .collect();
    PortMap { ports, conflicts }
}

fn startup(pod: &PodCtx<'_>) -> Vec<StartupStep> {
    let mut steps: Vec<StartupStep> = pod
        .containers
        .iter()
        .filter(|c| c.place != Place::App)
        .map(|c| {
            let (kind, next_after) = match c.place {
                Place::Sidecar if c.spec.startup_probe.is_some() => ("sidecar", "startupProbe"),
                Place::Sidecar => ("sidecar", "started"),
                _ => ("init", "exit"),
            };
            StartupStep {
                containers: vec![c.spec.name.clone()],
                kind: kind.to_owned(),
                next_after: next_after.to_owned(),
            }
        })
        .collect();
    steps.push(StartupStep {
        containers: pod
            .containers
            .iter()
            .filter(|c| c.place == Place::App)
            .map(|c| c.spec.name.clone())
            .collect(),
        kind: "app".to_owned(),
        next_after: "none".to_owned(),
    });
    steps
}

fn shutdown(pod: &PodCtx<'_>) -> Shutdown {
    let mut order = vec![
        pod.containers
            .iter()
            .filter(|c| c.place == Place::App)
            .map(|c| c.spec.name.clone())
            .collect::<Vec<_>>(),
    ];
    order.extend(
        pod.containers
            .iter()
            .rev()
            .filter(|c| c.place == Place::Sidecar)
            .map(|c| vec![c.spec.name.clone()]),
    );
    Shutdown {
        order,
        grace_period_seconds: pod.grace_period(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::validate;

    const POD: &str = r"
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - name: migrate
    image: flyway:11
    resources: {requests: {cpu: '2', memory: 100Mi}}
  - name: proxy
    image: envoyproxy/envoy:v1.32.3
    restartPolicy: Always
    startupProbe: {tcpSocket: {port: 9901}}
    ports: [{containerPort: 8080, name: http}]
    resources: {requests: {cpu: 500m, memory: 64Mi}, limits: {cpu: 500m, memory: 64Mi}}
  - name: seed
    image: busybox:1.37
    resources: {requests: {cpu: '1'}}
  containers:
  - name: app
    image: nginx:1.27
    ports: [{containerPort: 8080, name: web}]
    resources: {requests: {cpu: 250m, memory: 128Mi}}
  overhead: {cpu: 100m}
";

    #[test]
    fn effective_requests_count_sidecars_and_init_steps() {
        let facts = validate(POD).facts.unwrap();
        let requests = &facts.resources.requests;
        assert_eq!(requests["cpu"], "2100m");
        assert_eq!(
            requests["memory"],
            Quantity::parse("192Mi").unwrap().to_string()
        );
        assert!(facts.resources.limits.is_empty());
        assert_eq!(facts.qos_class, QosClass::Burstable);
    }

    #[test]
    fn ports_and_order() {
        let facts = validate(POD).facts.unwrap();
        assert_eq!(facts.ports.ports.len(), 2);
        assert_eq!(facts.ports.conflicts[0].port, "8080/TCP");
        assert_eq!(facts.ports.conflicts[0].containers, ["proxy", "app"]);
        let kinds: Vec<&str> = facts
            .startup
            .iter()
            .map(|s| s.next_after.as_str())
            .collect();
        assert_eq!(kinds, ["exit", "startupProbe", "exit", "none"]);
        assert_eq!(
            facts.shutdown.order,
            [vec!["app".to_owned()], vec!["proxy".to_owned()]]
        );
        assert_eq!(facts.shutdown.grace_period_seconds, 30);
    }

    #[test]
    fn qos_classes() {
        let guaranteed = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n    resources: {limits: {cpu: '1', memory: 1Gi}}\n";
        assert_eq!(
            validate(guaranteed).facts.unwrap().qos_class,
            QosClass::Guaranteed
        );
        let none = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: nginx:1.27}\n";
        assert_eq!(
            validate(none).facts.unwrap().qos_class,
            QosClass::BestEffort
        );
    }
}

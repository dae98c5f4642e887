//! The form for one volume: its name and source, of any source type.

use super::fields::{Alternative, Field, OneOf};
use super::{Docs, Kind};
use crate::state::finding_target::Element;
use leptos::prelude::*;
use serde_json::json;

/// Volume sources, common ones first; each starts with settings worth editing.
const SOURCES: &[Alternative] = &[
    ("emptyDir", || json!({})),
    ("configMap", || json!({ "name": "app-config" })),
    ("secret", || json!({ "secretName": "app-secret" })),
    ("persistentVolumeClaim", || json!({ "claimName": "data" })),
    ("projected", || json!({ "sources": [] })),
    ("downwardAPI", || json!({ "items": [] })),
    ("hostPath", || json!({ "path": "/var/log" })),
    (
        "ephemeral",
        || json!({ "volumeClaimTemplate": { "spec": { "accessModes": ["ReadWriteOnce"], "resources": { "requests": { "storage": "1Gi" } } } } }),
    ),
    ("csi", || json!({ "driver": "example.csi.k8s.io" })),
    (
        "image",
        || json!({ "reference": "registry.example.com/data:1.0" }),
    ),
    (
        "nfs",
        || json!({ "server": "nfs.example.com", "path": "/exports" }),
    ),
    (
        "iscsi",
        || json!({ "targetPortal": "10.0.0.1:3260", "iqn": "iqn.2001-04.com.example:storage", "lun": 0 }),
    ),
    ("fc", || json!({ "targetWWNs": [], "lun": 0 })),
    (
        "gitRepo",
        || json!({ "repository": "https://example.com/repo.git" }),
    ),
    ("cephfs", || json!({ "monitors": [] })),
    ("rbd", || json!({ "monitors": [], "image": "image" })),
    ("cinder", || json!({ "volumeID": "id" })),
    (
        "azureDisk",
        || json!({ "diskName": "disk", "diskURI": "uri" }),
    ),
    (
        "azureFile",
        || json!({ "secretName": "azure", "shareName": "share" }),
    ),
    ("awsElasticBlockStore", || json!({ "volumeID": "id" })),
    ("gcePersistentDisk", || json!({ "pdName": "disk" })),
    ("flexVolume", || json!({ "driver": "example/driver" })),
    ("flocker", || json!({ "datasetName": "data" })),
    (
        "glusterfs",
        || json!({ "endpoints": "glusterfs", "path": "vol" }),
    ),
    ("portworxVolume", || json!({ "volumeID": "id" })),
    (
        "quobyte",
        || json!({ "registry": "registry:7861", "volume": "vol" }),
    ),
    (
        "scaleIO",
        || json!({ "gateway": "https://gateway", "system": "system", "secretRef": { "name": "scaleio" } }),
    ),
    ("storageos", || json!({ "volumeName": "vol" })),
    (
        "vsphereVolume",
        || json!({ "volumePath": "[datastore] volumes/vol" }),
    ),
    ("photonPersistentDisk", || json!({ "pdID": "id" })),
];

/// The volume form.
#[component]
pub fn VolumeForm(
    /// The volume's id.
    id: u32,
) -> impl IntoView {
    let element = Element::Volume(id);
    view! {
        <h2>"Volume"</h2>
        <Docs catalog="shared-volumes" reference="config-and-storage-resources/volume/" />
        <Field element pointer="/name" label="Name" kind=Kind::Text help="Mounts refer to the volume by this name." />
        <OneOf element pointer="" label="Source" options=SOURCES />
        <small class="help">"emptyDir takes medium: Memory and a sizeLimit; configMap and secret take defaultMode and items."</small>
    }
}

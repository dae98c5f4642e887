//! The sources a `Volume` may have, by their API field names, read straight
//! off the typed value.

use k8s_openapi::api::core::v1::Volume;

/// A volume source's API field name, and whether a volume sets it.
type Source = (&'static str, fn(&Volume) -> bool);

/// Every volume source, in the order `pkg/apis/core/validation/validation.go`
/// `validateVolumeSource` looks for them: the first one a volume sets is the
/// one the API server validates, and each later one is an error.
const SOURCES: [Source; 30] = [
    ("hostPath", |v| v.host_path.is_some()),
    ("emptyDir", |v| v.empty_dir.is_some()),
    ("gcePersistentDisk", |v| v.gce_persistent_disk.is_some()),
    ("awsElasticBlockStore", |v| {
        v.aws_elastic_block_store.is_some()
    }),
    ("gitRepo", |v| v.git_repo.is_some()),
    ("secret", |v| v.secret.is_some()),
    ("nfs", |v| v.nfs.is_some()),
    ("iscsi", |v| v.iscsi.is_some()),
    ("glusterfs", |v| v.glusterfs.is_some()),
    ("persistentVolumeClaim", |v| {
        v.persistent_volume_claim.is_some()
    }),
    ("rbd", |v| v.rbd.is_some()),
    ("flexVolume", |v| v.flex_volume.is_some()),
    ("cinder", |v| v.cinder.is_some()),
    ("cephfs", |v| v.cephfs.is_some()),
    ("flocker", |v| v.flocker.is_some()),
    ("downwardAPI", |v| v.downward_api.is_some()),
    ("fc", |v| v.fc.is_some()),
    ("azureFile", |v| v.azure_file.is_some()),
    ("configMap", |v| v.config_map.is_some()),
    ("vsphereVolume", |v| v.vsphere_volume.is_some()),
    ("quobyte", |v| v.quobyte.is_some()),
    ("azureDisk", |v| v.azure_disk.is_some()),
    ("photonPersistentDisk", |v| {
        v.photon_persistent_disk.is_some()
    }),
    ("portworxVolume", |v| v.portworx_volume.is_some()),
    ("projected", |v| v.projected.is_some()),
    ("scaleIO", |v| v.scale_io.is_some()),
    ("storageos", |v| v.storageos.is_some()),
    ("csi", |v| v.csi.is_some()),
    ("ephemeral", |v| v.ephemeral.is_some()),
    ("image", |v| v.image.is_some()),
];

/// The names of the volume sources `volume` sets, in the order the API server looks for them.
pub fn volume_sources(volume: &Volume) -> impl Iterator<Item = &'static str> + '_ {
    SOURCES
        .iter()
        .filter(move |(_, is_set)| is_set(volume))
        .map(|(name, _)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Every source the type knows is found under its API name.
    #[test]
    fn each_source_is_found_under_its_api_name() {
        let names = [
            "awsElasticBlockStore",
            "azureDisk",
            "azureFile",
            "cephfs",
            "cinder",
            "configMap",
            "csi",
            "downwardAPI",
            "emptyDir",
            "ephemeral",
            "fc",
            "flexVolume",
            "flocker",
            "gcePersistentDisk",
            "gitRepo",
            "glusterfs",
            "hostPath",
            "image",
            "iscsi",
            "nfs",
            "persistentVolumeClaim",
            "photonPersistentDisk",
            "portworxVolume",
            "projected",
            "quobyte",
            "rbd",
            "scaleIO",
            "secret",
            "storageos",
            "vsphereVolume",
        ];
        for name in names {
            let mut value = json!({"name": "v"});
            value[name] = json!({});
            let volume: Volume = serde_json::from_value(value.clone()).unwrap_or_else(|_| {
                let mut filled = value.clone();
                filled[name] = required_fields(name);
                serde_json::from_value(filled).expect(name)
            });
            assert_eq!(
                volume_sources(&volume).collect::<Vec<_>>(),
                [name],
                "{name}"
            );
        }
        let both: Volume =
            serde_json::from_value(json!({"name": "v", "secret": {}, "configMap": {}})).unwrap();
        assert_eq!(
            volume_sources(&both).collect::<Vec<_>>(),
            ["secret", "configMap"]
        );
    }

    /// The fields a source cannot be decoded without.
    fn required_fields(name: &str) -> serde_json::Value {
        match name {
            "awsElasticBlockStore"
            | "gcePersistentDisk"
            | "photonPersistentDisk"
            | "portworxVolume"
            | "vsphereVolume" => {
                json!({"volumeID": "x", "pdName": "x", "pdID": "x", "volumePath": "x"})
            }
            "azureDisk" => json!({"diskName": "x", "diskURI": "x"}),
            "azureFile" => json!({"secretName": "x", "shareName": "x"}),
            "cephfs" => json!({"monitors": []}),
            "cinder" => json!({"volumeID": "x"}),
            "csi" | "flexVolume" => json!({"driver": "x"}),
            "gitRepo" => json!({"repository": "x"}),
            "glusterfs" => json!({"endpoints": "x", "path": "x"}),
            "hostPath" => json!({"path": "/x"}),
            "iscsi" => json!({"iqn": "x", "lun": 0, "targetPortal": "x"}),
            "nfs" => json!({"path": "/x", "server": "x"}),
            "persistentVolumeClaim" => json!({"claimName": "x"}),
            "quobyte" => json!({"registry": "x", "volume": "x"}),
            "rbd" => json!({"image": "x", "monitors": []}),
            "scaleIO" => json!({"gateway": "x", "secretRef": {}, "system": "x"}),
            _ => json!({}),
        }
    }
}

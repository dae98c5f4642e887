//! The sources a `Volume` may have, by their API field names, read straight
//! off the typed value (as `k8s.io/api/core/v1` `VolumeSource` lists them).

use k8s_openapi::api::core::v1::Volume;

/// The names of the volume sources `volume` sets, in the API's field order.
pub fn volume_sources(volume: &Volume) -> Vec<&'static str> {
    let set = [
        (
            "awsElasticBlockStore",
            volume.aws_elastic_block_store.is_some(),
        ),
        ("azureDisk", volume.azure_disk.is_some()),
        ("azureFile", volume.azure_file.is_some()),
        ("cephfs", volume.cephfs.is_some()),
        ("cinder", volume.cinder.is_some()),
        ("configMap", volume.config_map.is_some()),
        ("csi", volume.csi.is_some()),
        ("downwardAPI", volume.downward_api.is_some()),
        ("emptyDir", volume.empty_dir.is_some()),
        ("ephemeral", volume.ephemeral.is_some()),
        ("fc", volume.fc.is_some()),
        ("flexVolume", volume.flex_volume.is_some()),
        ("flocker", volume.flocker.is_some()),
        ("gcePersistentDisk", volume.gce_persistent_disk.is_some()),
        ("gitRepo", volume.git_repo.is_some()),
        ("glusterfs", volume.glusterfs.is_some()),
        ("hostPath", volume.host_path.is_some()),
        ("image", volume.image.is_some()),
        ("iscsi", volume.iscsi.is_some()),
        ("nfs", volume.nfs.is_some()),
        (
            "persistentVolumeClaim",
            volume.persistent_volume_claim.is_some(),
        ),
        (
            "photonPersistentDisk",
            volume.photon_persistent_disk.is_some(),
        ),
        ("portworxVolume", volume.portworx_volume.is_some()),
        ("projected", volume.projected.is_some()),
        ("quobyte", volume.quobyte.is_some()),
        ("rbd", volume.rbd.is_some()),
        ("scaleIO", volume.scale_io.is_some()),
        ("secret", volume.secret.is_some()),
        ("storageos", volume.storageos.is_some()),
        ("vsphereVolume", volume.vsphere_volume.is_some()),
    ];
    set.into_iter()
        .filter_map(|(name, is_set)| is_set.then_some(name))
        .collect()
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
            assert_eq!(volume_sources(&volume), [name], "{name}");
        }
        let both: Volume =
            serde_json::from_value(json!({"name": "v", "secret": {}, "configMap": {}})).unwrap();
        assert_eq!(volume_sources(&both), ["configMap", "secret"]);
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

//! Checks on the built-in catalog's example manifests, read as YAML: the
//! mistakes that would make an example fail once applied (a helper writing
//! into a read-only mount, a log shipper that never finds its file, a plain
//! gRPC exporter that insists on TLS, a helper that gates readiness, a log
//! that outgrows its volume) stay fixed.

use super::ContentSource;
use super::content::read_page;
use podwright_core::quantity::Quantity;
use podwright_core::yaml::{Limits, read_documents};
use serde_json::Value;

/// One parsed document of one example, named for failure messages.
struct Document {
    name: String,
    value: Value,
}

/// Every document of every example of the built-in catalog, anti-patterns
/// included (read without rendering the pages, which takes much longer).
fn documents() -> Vec<Document> {
    let source = ContentSource::BuiltIn;
    let mut documents = Vec::new();
    for file in source.page_files().unwrap() {
        let page = read_page(&source, &file).unwrap();
        for (example, yaml) in &page.examples {
            let name = format!("{}/{}", page.front.slug, example.id);
            for value in read_documents(yaml, &Limits::default()).unwrap() {
                documents.push(Document {
                    name: name.clone(),
                    value,
                });
            }
        }
    }
    assert!(
        !documents.is_empty(),
        "the built-in catalog has no examples"
    );
    documents
}

/// The Pod spec of a Pod or of a workload's template.
fn pod_spec(document: &Value) -> Option<&Value> {
    match document["kind"].as_str()? {
        "Pod" => document.get("spec"),
        "CronJob" => document.pointer("/spec/jobTemplate/spec/template/spec"),
        _ => document.pointer("/spec/template/spec"),
    }
}

/// Init containers (native sidecars among them) and app containers.
fn containers(spec: &Value) -> impl Iterator<Item = &Value> {
    ["initContainers", "containers"]
        .into_iter()
        .filter_map(|key| spec.get(key)?.as_array())
        .flatten()
}

fn image(container: &Value) -> &str {
    container["image"].as_str().unwrap_or_default()
}

/// The value of the environment variable `name`, if set literally.
fn env<'a>(container: &'a Value, name: &str) -> Option<&'a str> {
    container["env"]
        .as_array()?
        .iter()
        .find(|e| e["name"] == name)?["value"]
        .as_str()
}

/// The mount of `container` whose path holds `file`, the deepest one.
fn mount_holding<'a>(container: &'a Value, file: &str) -> Option<&'a Value> {
    container["volumeMounts"]
        .as_array()?
        .iter()
        .filter(|m| {
            let path = m["mountPath"].as_str().unwrap_or_default();
            file.strip_prefix(path)
                .is_some_and(|rest| rest.starts_with('/'))
        })
        .max_by_key(|m| m["mountPath"].as_str().unwrap_or_default().len())
}

fn volume<'a>(spec: &'a Value, name: &str) -> Option<&'a Value> {
    spec["volumes"]
        .as_array()?
        .iter()
        .find(|v| v["name"] == name)
}

/// The data of the ConfigMap named `name` among the documents of the same example.
fn config_map<'a>(documents: &'a [Document], example: &str, name: &str) -> Option<&'a Value> {
    documents
        .iter()
        .filter(|d| d.name == example && d.value["kind"] == "ConfigMap")
        .find(|d| d.value["metadata"]["name"] == name)
        .map(|d| &d.value["data"])
}

/// `key = value` settings of an INI file, section names ignored.
fn ini_setting<'a>(ini: &'a str, key: &str) -> Option<&'a str> {
    ini.lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim())
    })
}

#[test]
fn pgbouncer_finds_its_auth_file_without_writing_into_a_read_only_mount() {
    let documents = documents();
    let mut checked = 0;
    for document in &documents {
        let Some(spec) = pod_spec(&document.value) else {
            continue;
        };
        for container in containers(spec).filter(|c| image(c).contains("pgbouncer")) {
            let name = &document.name;
            assert!(
                container.get("command").is_none(),
                "{name}: check this test: it assumes the image's entrypoint runs"
            );
            // The entrypoint creates the auth file (AUTH_FILE, or its default) when missing.
            let auth_file = env(container, "AUTH_FILE").unwrap_or("/etc/pgbouncer/userlist.txt");
            let mount = mount_holding(container, auth_file)
                .unwrap_or_else(|| panic!("{name}: {auth_file} is on the read-only root"));
            let source = volume(spec, mount["name"].as_str().unwrap_or_default())
                .unwrap_or_else(|| panic!("{name}: no volume for {mount}"));
            let file_name = auth_file.rsplit('/').next().unwrap();
            if let Some(map) = source["configMap"]["name"].as_str() {
                let data = config_map(&documents, name, map);
                assert!(
                    data.is_some_and(|d| d.get(file_name).is_some()),
                    "{name}: {auth_file} would be created inside ConfigMap {map}'s read-only mount"
                );
            } else {
                assert!(
                    source.get("secret").is_some() || mount["readOnly"] != true,
                    "{name}: {auth_file} is on a read-only mount that does not provide it"
                );
            }
            // PgBouncer must read the file the entrypoint looked at.
            let config = mount_holding(container, "/etc/pgbouncer/pgbouncer.ini")
                .and_then(|m| volume(spec, m["name"].as_str()?))
                .and_then(|v| config_map(&documents, name, v["configMap"]["name"].as_str()?))
                .and_then(|data| data["pgbouncer.ini"].as_str())
                .unwrap_or_else(|| panic!("{name}: no pgbouncer.ini from a ConfigMap"));
            assert_eq!(ini_setting(config, "auth_file"), Some(auth_file), "{name}");
            checked += 1;
        }
    }
    assert!(checked >= 2, "only {checked} PgBouncer containers checked");
}

/// The longest `Refresh_Interval` that still suits a short Job, in seconds.
const MAX_REFRESH_SECONDS: u64 = 10;

/// The `tail` inputs of a classic Fluent Bit config: each one's settings, keys lower-cased.
fn fluent_bit_tail_inputs(config: &str) -> Vec<Vec<(String, String)>> {
    let mut sections: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in config.lines().map(str::trim) {
        if line.starts_with('[') {
            sections.push((line.to_ascii_uppercase(), Vec::new()));
        } else if let (Some((_, settings)), Some((key, value))) =
            (sections.last_mut(), line.split_once(char::is_whitespace))
        {
            settings.push((key.to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    sections
        .into_iter()
        .filter(|(header, settings)| {
            header == "[INPUT]"
                && settings
                    .iter()
                    .any(|(k, v)| k == "name" && v.eq_ignore_ascii_case("tail"))
        })
        .map(|(_, settings)| settings)
        .collect()
}

/// The `tail` inputs given on a Fluent Bit command line (`-i tail -p key=value ...`).
fn command_line_tail_inputs(args: &[&str]) -> Vec<Vec<(String, String)>> {
    let mut inputs = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    let mut words = args.iter();
    while let Some(word) = words.next() {
        match *word {
            "-i" | "-o" | "-F" => {
                inputs.extend(current.take());
                if *word == "-i" && words.next() == Some(&"tail") {
                    current = Some(Vec::new());
                }
            }
            "-p" => {
                if let (Some(settings), Some((key, value))) = (
                    current.as_mut(),
                    words.next().and_then(|p| p.split_once('=')),
                ) {
                    settings.push((key.to_ascii_lowercase(), value.to_owned()));
                }
            }
            _ => {}
        }
    }
    inputs.extend(current);
    inputs
}

#[test]
fn every_fluent_bit_tail_input_looks_for_new_files_within_seconds() {
    let mut inputs = Vec::new();
    for document in documents() {
        if document.value["kind"] == "ConfigMap" {
            for text in document.value["data"].as_object().into_iter().flatten() {
                for input in fluent_bit_tail_inputs(text.1.as_str().unwrap_or_default()) {
                    inputs.push((document.name.clone(), input));
                }
            }
        }
        let Some(spec) = pod_spec(&document.value) else {
            continue;
        };
        for container in containers(spec).filter(|c| image(c).contains("fluent-bit")) {
            let args: Vec<&str> = ["command", "args"]
                .iter()
                .filter_map(|key| container[key].as_array())
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            for input in command_line_tail_inputs(&args) {
                inputs.push((document.name.clone(), input));
            }
        }
    }
    assert!(
        inputs.len() >= 10,
        "only {} tail inputs found",
        inputs.len()
    );
    for (name, settings) in inputs {
        let refresh = settings
            .iter()
            .find(|(key, _)| key == "refresh_interval")
            .map(|(_, value)| value.parse::<u64>());
        match refresh {
            Some(Ok(seconds)) => assert!(
                (1..=MAX_REFRESH_SECONDS).contains(&seconds),
                "{name}: Refresh_Interval {seconds}"
            ),
            _ => panic!("{name}: a tail input without a numeric Refresh_Interval: {settings:?}"),
        }
    }
}

/// Helpers whose outage should not take the app out of service: log
/// shippers, exporters and telemetry collectors (see the probes page).
fn never_gates_readiness(image: &str) -> bool {
    let name = image.rsplit('/').next().unwrap_or(image);
    let name = name.split([':', '@']).next().unwrap_or(name);
    ["fluent-bit", "fluentd", "filebeat", "promtail", "vector"].contains(&name)
        || name.ends_with("-exporter")
        || name.starts_with("opentelemetry-collector")
}

#[test]
fn shippers_exporters_and_collectors_have_no_readiness_probe() {
    let mut checked = 0;
    for document in documents() {
        let Some(spec) = pod_spec(&document.value) else {
            continue;
        };
        for container in containers(spec).filter(|c| never_gates_readiness(image(c))) {
            assert!(
                container.get("readinessProbe").is_none(),
                "{}: {} has a readinessProbe",
                document.name,
                container["name"]
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} helpers checked");
}

#[test]
fn the_helper_classes_are_recognised_by_image_name() {
    assert!(never_gates_readiness("fluent/fluent-bit:3.2.4"));
    assert!(never_gates_readiness("prom/statsd-exporter:v0.28.0"));
    assert!(never_gates_readiness(
        "otel/opentelemetry-collector-contrib:0.116.1"
    ));
    assert!(!never_gates_readiness("edoburu/pgbouncer:v1.23.1-p3"));
    assert!(!never_gates_readiness("envoyproxy/envoy:v1.32.3"));
}

#[test]
fn otlp_exporters_to_in_cluster_gateways_turn_tls_off_explicitly() {
    let mut checked = 0;
    for document in documents() {
        if document.value["kind"] != "ConfigMap" {
            continue;
        }
        for (key, text) in document.value["data"].as_object().into_iter().flatten() {
            let Ok(mut parsed) =
                read_documents(text.as_str().unwrap_or_default(), &Limits::default())
            else {
                continue;
            };
            let Some(config) = parsed.pop() else { continue };
            for (exporter, settings) in config["exporters"].as_object().into_iter().flatten() {
                let endpoint = settings["endpoint"].as_str().unwrap_or_default();
                let plaintext_in_cluster =
                    endpoint.contains(".svc") && !endpoint.starts_with("https://");
                if exporter.starts_with("otlp") && plaintext_in_cluster {
                    assert_eq!(
                        settings["tls"]["insecure"], true,
                        "{} ({key}): exporter {exporter} to {endpoint} would insist on TLS",
                        document.name
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 3, "only {checked} OTLP exporters checked");
}

/// `n` bytes as a Kubernetes quantity says them.
fn bytes(quantity: &str) -> i128 {
    Quantity::parse(quantity).unwrap().milli() / 1000
}

#[test]
fn file_access_logs_are_rotated_well_inside_their_volume() {
    let documents = documents();
    let mut checked = 0;
    for document in &documents {
        let Some(spec) = pod_spec(&document.value) else {
            continue;
        };
        let name = &document.name;
        for container in containers(spec) {
            for mount in container["volumeMounts"].as_array().into_iter().flatten() {
                let Some(config) = volume(spec, mount["name"].as_str().unwrap_or_default())
                    .and_then(|v| config_map(&documents, name, v["configMap"]["name"].as_str()?))
                else {
                    continue;
                };
                let logs = config
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter_map(|(_, text)| text.as_str())
                    .flat_map(str::lines)
                    .filter_map(|line| line.trim().strip_prefix("access_log "))
                    .filter_map(|rest| rest.split([' ', ';']).next())
                    .filter(|path| path.starts_with('/') && !path.starts_with("/dev/"));
                for log in logs {
                    let holder = mount_holding(container, log)
                        .unwrap_or_else(|| panic!("{name}: {log} is on the root filesystem"));
                    let logs_volume = volume(spec, holder["name"].as_str().unwrap()).unwrap();
                    let limit = logs_volume["emptyDir"]["sizeLimit"]
                        .as_str()
                        .unwrap_or_else(|| panic!("{name}: {log} has no bounded emptyDir"));
                    let rotator = containers(spec)
                        .find(|c| env(c, "LOG_FILE") == Some(log))
                        .unwrap_or_else(|| panic!("{name}: nothing rotates {log}"));
                    let max = env(rotator, "MAX_BYTES")
                        .and_then(|m| m.parse::<i128>().ok())
                        .unwrap_or_else(|| panic!("{name}: the rotator sets no MAX_BYTES"));
                    // The live file and one copy, with room for growth between checks.
                    assert!(
                        2 * max <= bytes(limit) / 2,
                        "{name}: two {max}-byte files crowd a {limit} volume"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 2, "only {checked} access logs checked");
}

#[test]
fn every_kubectl_debug_command_names_a_profile() {
    let source = ContentSource::BuiltIn;
    let mut checked = 0;
    for file in source.page_files().unwrap() {
        let text = source.read(&file).unwrap();
        // A command may continue on the next line after a backslash.
        let joined = text.replace("\\\n", " ");
        for (at, _) in joined.match_indices("kubectl debug ") {
            let command: String = joined[at..]
                .chars()
                .take_while(|c| !matches!(c, '`' | '\n'))
                .collect();
            if command.contains(" -- ") || command.contains("--image") {
                assert!(command.contains("--profile="), "{file}: {command}");
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 4,
        "only {checked} kubectl debug commands checked"
    );
}

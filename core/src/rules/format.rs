//! The API server's format checks for names, keys and values, each returning
//! the messages it would print (empty when the value is valid). Upstream:
//! apimachinery `pkg/util/validation/validation.go` (`IsDNS1123Label`,
//! `IsDNS1123Subdomain`, `IsQualifiedName`, `IsValidLabelValue`,
//! `IsValidPortName`, `IsValidPortNum`, `IsEnvVarName`, `IsConfigMapKey`,
//! `IsHTTPHeaderName`, `IsValidPercent`) and
//! `pkg/apis/core/validation/validation.go` `validateLocalDescendingPath`.

use crate::version::KubeVersion;

const LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART_MSG: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const CONFIG_KEY_MSG: &str = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

fn is_label_shape(s: &str) -> bool {
    let bytes = s.as_bytes();
    let inner = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-';
    let edge = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    !bytes.is_empty() && bytes.iter().all(inner) && edge(&bytes[0]) && edge(&bytes[bytes.len() - 1])
}

fn is_subdomain_shape(s: &str) -> bool {
    s.split('.').all(is_label_shape)
}

/// DNS-1123 label: container, volume and port-less names.
pub fn dns_label(s: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if s.len() > 63 {
        errors.push("must be no more than 63 characters".to_owned());
    }
    if !is_label_shape(s) {
        if is_subdomain_shape(s) {
            errors.push("must not contain dots".to_owned());
        } else {
            errors.push(LABEL_MSG.to_owned());
        }
    }
    errors
}

/// DNS-1123 subdomain: object names, service account names, ...
pub fn dns_subdomain(s: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if s.len() > 253 {
        errors.push("must be no more than 253 characters".to_owned());
    }
    if !is_subdomain_shape(s) {
        errors.push(SUBDOMAIN_MSG.to_owned());
    }
    errors
}

fn is_name_part(s: &str) -> bool {
    let bytes = s.as_bytes();
    let alnum = |c: &u8| c.is_ascii_alphanumeric();
    !bytes.is_empty()
        && bytes
            .iter()
            .all(|c| alnum(c) || matches!(c, b'-' | b'_' | b'.'))
        && alnum(&bytes[0])
        && alnum(&bytes[bytes.len() - 1])
}

fn length_word(version: KubeVersion) -> &'static str {
    if version.at_least(35) {
        "bytes"
    } else {
        "characters"
    }
}

/// A qualified name (label key, annotation key, resource name): `[prefix/]name`.
pub fn qualified_name(s: &str, version: KubeVersion) -> Vec<String> {
    let mut errors = Vec::new();
    let parts: Vec<&str> = s.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errors.push("prefix part must be non-empty".to_owned());
            } else {
                errors.extend(
                    dns_subdomain(prefix)
                        .into_iter()
                        .map(|m| format!("prefix part {m}")),
                );
            }
            name
        }
        _ => {
            errors.push("a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')".to_owned());
            return errors;
        }
    };
    if name.is_empty() {
        errors.push("name part must be non-empty".to_owned());
    } else {
        if name.len() > 63 {
            errors.push(format!(
                "name part must be no more than 63 {}",
                length_word(version)
            ));
        }
        if !is_name_part(name) {
            errors.push(NAME_PART_MSG.to_owned());
        }
    }
    errors
}

/// A label value (may be empty).
pub fn label_value(s: &str, version: KubeVersion) -> Vec<String> {
    let mut errors = Vec::new();
    if s.len() > 63 {
        errors.push(format!("must be no more than 63 {}", length_word(version)));
    }
    if !s.is_empty() && !is_name_part(s) {
        errors.push(LABEL_VALUE_MSG.to_owned());
    }
    errors
}

/// An IANA service name, as port names must be.
pub fn port_name(s: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if s.len() > 15 {
        errors.push("must be no more than 15 characters".to_owned());
    }
    if !s
        .bytes()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        || s.is_empty()
    {
        errors.push(
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_owned(),
        );
    }
    if !s.bytes().any(|c| c.is_ascii_lowercase()) {
        errors.push("must contain at least one letter (a-z)".to_owned());
    }
    if s.contains("--") {
        errors.push("must not contain consecutive hyphens".to_owned());
    }
    if s.starts_with('-') || s.ends_with('-') {
        errors.push("must not begin or end with a hyphen".to_owned());
    }
    errors
}

/// A port number: 1 to 65535.
pub fn port_number(port: i32) -> Vec<String> {
    if (1..=65535).contains(&port) {
        Vec::new()
    } else {
        vec!["must be between 1 and 65535, inclusive".to_owned()]
    }
}

/// An environment variable name under the relaxed rules (1.32 and later).
pub fn env_var_name(s: &str) -> Vec<String> {
    if s.is_empty() {
        return vec!["environment variable name must be non-empty".to_owned()];
    }
    if s.chars().all(|c| (' '..='~').contains(&c) && c != '=') {
        Vec::new()
    } else {
        vec!["a valid environment variable name must consist only of printable ASCII characters other than '='".to_owned()]
    }
}

/// A ConfigMap or Secret key.
pub fn config_map_key(s: &str) -> Vec<String> {
    let mut errors = Vec::new();
    if s.len() > 253 {
        errors.push("must be no more than 253 characters".to_owned());
    }
    if s.is_empty()
        || !s
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
    {
        errors.push(CONFIG_KEY_MSG.to_owned());
    }
    if s == "." {
        errors.push("must not be '.'".to_owned());
    } else if s == ".." {
        errors.push("must not be '..'".to_owned());
    } else if s.starts_with("..") {
        errors.push("must not start with '..'".to_owned());
    }
    errors
}

/// A path that must stay inside its volume: relative, no `..` element.
pub fn local_relative_path(s: &str) -> Vec<String> {
    let mut errors = Vec::new();
    let normal = s.replace('\\', "/");
    if normal.starts_with('/') {
        errors.push("must be a relative path".to_owned());
    }
    if normal.split('/').any(|part| part == "..") {
        errors.push("must not contain '..'".to_owned());
    } else if normal.starts_with("..") {
        errors.push("must not start with '..'".to_owned());
    }
    errors
}

/// An HTTP header name.
pub fn http_header_name(s: &str) -> Vec<String> {
    if !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') {
        Vec::new()
    } else {
        vec!["a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')".to_owned()]
    }
}

/// A percentage such as `25%`, as IntOrString fields accept.
pub fn is_percent(s: &str) -> bool {
    s.strip_suffix('%')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
}

/// The percent-format message.
pub const PERCENT_MSG: &str = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_labels() {
        assert!(dns_label("web-1").is_empty());
        assert_eq!(dns_label("a.b"), ["must not contain dots"]);
        assert_eq!(dns_label("Web").len(), 1);
        assert_eq!(
            dns_label(&"a".repeat(64)),
            ["must be no more than 63 characters"]
        );
        assert!(dns_subdomain("a.b-c").is_empty());
        assert_eq!(dns_subdomain("a_b").len(), 1);
    }

    #[test]
    fn qualified_names_and_values() {
        let v = KubeVersion::NEWEST;
        assert!(qualified_name("app.kubernetes.io/name", v).is_empty());
        assert_eq!(qualified_name("/x", v), ["prefix part must be non-empty"]);
        assert_eq!(qualified_name("a/b/c", v).len(), 1);
        assert_eq!(
            qualified_name(&"a".repeat(64), KubeVersion::OLDEST),
            ["name part must be no more than 63 characters"]
        );
        assert!(label_value("", v).is_empty());
        assert_eq!(label_value("{{uid}}", v).len(), 1);
    }

    #[test]
    fn port_names_collect_every_message() {
        assert!(port_name("http-metrics").is_empty());
        assert_eq!(
            port_name("8080"),
            ["must contain at least one letter (a-z)"]
        );
        assert_eq!(port_name("-a--b-").len(), 2);
        assert_eq!(port_name("a-very-long-port-name").len(), 1);
    }

    #[test]
    fn paths_keys_and_env_names() {
        assert_eq!(local_relative_path("/etc"), ["must be a relative path"]);
        assert_eq!(local_relative_path("a/../b"), ["must not contain '..'"]);
        assert!(local_relative_path("a/b").is_empty());
        assert!(config_map_key("app.conf").is_empty());
        assert_eq!(config_map_key("..x"), ["must not start with '..'"]);
        assert!(env_var_name("1_OK").is_empty());
        assert_eq!(env_var_name("A=B").len(), 1);
        assert!(is_percent("25%") && !is_percent("25"));
        assert!(http_header_name("X-A").is_empty() && !http_header_name("X A").is_empty());
    }
}

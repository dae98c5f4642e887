//! Kubernetes' URL library: `url('https://example.com:8080/path?q=1')` and its getters.
//! Only absolute URLs with a scheme and a host, and absolute paths, are accepted.

use super::failure;
use cel::extractors::This;
use cel::objects::Opaque;
use cel::{Context, DeclarationError, ExecutionError, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// A parsed URL: the parts the getters return.
#[derive(Clone, Debug, PartialEq, Eq)]
struct CelUrl {
    scheme: String,
    host: String,
    path: String,
    query: String,
}

impl Opaque for CelUrl {
    fn runtime_type_name(&self) -> &str {
        "kubernetes.URL"
    }
}

impl CelUrl {
    fn parse(text: &str) -> Option<CelUrl> {
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let text = text.split('#').next().unwrap_or_default();
        if text.starts_with('/') {
            let (path, query) = text.split_once('?').unwrap_or((text, ""));
            return Some(CelUrl {
                scheme: String::new(),
                host: String::new(),
                path: path.to_owned(),
                query: query.to_owned(),
            });
        }
        let (scheme, rest) = text.split_once("://")?;
        let scheme_ok = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if !scheme_ok {
            return None;
        }
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, rest) = rest.split_at(end);
        let host = authority
            .rsplit_once('@')
            .map_or(authority, |(_, host)| host);
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        Some(CelUrl {
            scheme: scheme.to_owned(),
            host: host.to_owned(),
            path: path.to_owned(),
            query: query.to_owned(),
        })
    }

    /// The host without its port (and without the brackets of an IPv6 address).
    fn hostname(&self) -> &str {
        if let Some(rest) = self.host.strip_prefix('[') {
            return rest.split(']').next().unwrap_or_default();
        }
        self.host
            .rsplit_once(':')
            .map_or(&self.host, |(name, _)| name)
    }

    fn port(&self) -> &str {
        let after = self
            .host
            .rsplit_once(']')
            .map_or(self.host.as_str(), |(_, rest)| rest);
        after.rsplit_once(':').map_or("", |(_, port)| port)
    }

    fn query_map(&self) -> Value {
        let mut map: HashMap<String, Vec<Value>> = HashMap::new();
        for pair in self.query.split('&').filter(|pair| !pair.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            map.entry(key.to_owned())
                .or_default()
                .push(Value::String(Arc::new(value.to_owned())));
        }
        Value::from(
            map.into_iter()
                .map(|(k, v)| (k, Value::List(Arc::new(v))))
                .collect::<HashMap<String, Value>>(),
        )
    }
}

fn string(text: &str) -> Value {
    Value::String(Arc::new(text.to_owned()))
}

fn unwrap<'a>(function: &str, value: &'a Value) -> Result<&'a CelUrl, ExecutionError> {
    match value {
        Value::Opaque(opaque) => opaque
            .downcast_ref::<CelUrl>()
            .ok_or_else(|| failure(function, "expects a URL")),
        other => Err(failure(function, format!("expects a URL, got {other:?}"))),
    }
}

/// Adds `url`, `isURL` and the getters.
pub fn register(context: &mut Context<'static, 'static>) -> Result<(), DeclarationError> {
    context.add_function("url", |text: Arc<String>| {
        CelUrl::parse(&text)
            .map(|url| Value::Opaque(Arc::new(url)))
            .ok_or_else(|| failure("url", format!("{text:?} is not a URL")))
    })?;
    context.add_function("isURL", |text: Arc<String>| CelUrl::parse(&text).is_some())?;
    context.add_function("getScheme", |This(u): This<Value>| {
        unwrap("getScheme", &u).map(|u| string(&u.scheme))
    })?;
    context.add_function("getHost", |This(u): This<Value>| {
        unwrap("getHost", &u).map(|u| string(&u.host))
    })?;
    context.add_function("getHostname", |This(u): This<Value>| {
        unwrap("getHostname", &u).map(|u| string(u.hostname()))
    })?;
    context.add_function("getPort", |This(u): This<Value>| {
        unwrap("getPort", &u).map(|u| string(u.port()))
    })?;
    context.add_function("getEscapedPath", |This(u): This<Value>| {
        unwrap("getEscapedPath", &u).map(|u| string(&u.path))
    })?;
    context.add_function("getQuery", |This(u): This<Value>| {
        unwrap("getQuery", &u).map(CelUrl::query_map)
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{eval, is_true};

    #[test]
    fn urls_split_into_their_parts() {
        is_true("url('https://example.com:8080/a/b?x=1&x=2').getScheme() == 'https'");
        is_true("url('https://example.com:8080/a').getHost() == 'example.com:8080'");
        is_true("url('https://example.com:8080/a').getHostname() == 'example.com'");
        is_true(
            "url('https://[::1]:80/').getHostname() == '::1' && url('https://[::1]:80/').getPort() == '80'",
        );
        is_true("url('https://e.com/a/b?x=1&x=2').getEscapedPath() == '/a/b'");
        is_true("url('https://e.com/?x=1&x=2').getQuery() == {'x': ['1', '2']}");
        is_true("isURL('/path') && !isURL('no scheme') && !isURL('1http://x')");
        assert!(eval("url('nope')").is_err());
    }
}

//! The CEL environment policies run in: the standard library, the strings and
//! lists extensions, optional values, and Kubernetes' own libraries (regex,
//! quantity, URL, IP and CIDR, list helpers) as far as we implement them.

mod lists;
mod net;
mod quantity;
mod regex;
mod url;

use cel::{Context, Env, ExecutionError, Value};
use serde_json::Value as Json;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

/// Functions and macros an expression may call, as a program's references
/// name them. Anything else is reported as unsupported when the policy loads.
pub const SUPPORTED: &[&str] = &[
    // The standard library (macros are expanded while compiling).
    "size",
    "contains",
    "startsWith",
    "endsWith",
    "matches",
    "int",
    "uint",
    "double",
    "string",
    "bool",
    "bytes",
    "type",
    "dyn",
    "has",
    "all",
    "exists",
    "exists_one",
    "map",
    "filter",
    // Optional values.
    "optional.of",
    "optional.none",
    "optional.ofNonZeroValue",
    "hasValue",
    "value",
    "orValue",
    "or",
    "optMap",
    "optFlatMap",
    // The strings extension.
    "charAt",
    "indexOf",
    "lastIndexOf",
    "lowerAscii",
    "upperAscii",
    "replace",
    "split",
    "substring",
    "trim",
    "join",
    "format",
    "strings.quote",
    "reverse",
    // The lists extension.
    "distinct",
    "flatten",
    "sort",
    "sortBy",
    "slice",
    // Kubernetes' list library.
    "isSorted",
    "sum",
    "min",
    "max",
    // Kubernetes' regex library.
    "find",
    "findAll",
    // Kubernetes' quantity library.
    "quantity",
    "isQuantity",
    "isInteger",
    "asInteger",
    "asApproximateFloat",
    "sign",
    "add",
    "sub",
    "compareTo",
    "isGreaterThan",
    "isLessThan",
    // Kubernetes' URL library.
    "url",
    "isURL",
    "getScheme",
    "getHost",
    "getHostname",
    "getPort",
    "getEscapedPath",
    "getQuery",
    // Kubernetes' IP and CIDR libraries.
    "ip",
    "isIP",
    "ip.isCanonical",
    "family",
    "isUnspecified",
    "isLoopback",
    "isLinkLocalMulticast",
    "isLinkLocalUnicast",
    "isGlobalUnicast",
    "cidr",
    "isCIDR",
    "containsIP",
    "containsCIDR",
    "masked",
    "prefixLength",
    // Programs list a namespaced call by its last name: `optional.of` as `of`.
    "of",
    "none",
    "ofNonZeroValue",
    "isCanonical",
    "quote",
];

/// Whether `name`, as a program's references list it, is an operator (`_==_`,
/// `@in`, `!_`), which the standard library always has.
pub fn is_operator(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('@') || name.starts_with('!') || name == "in"
}

/// The environment every expression compiles and runs in.
pub fn env() -> Arc<Env> {
    static ENV: LazyLock<Arc<Env>> = LazyLock::new(|| {
        let mut env = Env::stdlib();
        env.add_extension(cel::extensions::strings)
            .and_then(|()| env.add_extension(cel::extensions::lists))
            .expect("the extensions declare distinct overloads");
        Arc::new(env)
    });
    Arc::clone(&ENV)
}

/// A root context with Kubernetes' functions, ready for variables.
pub fn context() -> Result<Context<'static, 'static>, cel::DeclarationError> {
    let mut context = Context::with_env(env());
    regex::register(&mut context)?;
    lists::register(&mut context)?;
    quantity::register(&mut context)?;
    url::register(&mut context)?;
    net::register(&mut context)?;
    Ok(context)
}

/// A JSON value as CEL sees it.
pub fn to_cel(value: &Json) -> Value {
    match value {
        Json::Null => Value::Null,
        Json::Bool(flag) => Value::Bool(*flag),
        Json::Number(number) => match (number.as_i64(), number.as_u64()) {
            (Some(int), _) => Value::Int(int),
            (None, Some(uint)) => Value::UInt(uint),
            _ => Value::Float(number.as_f64().unwrap_or(f64::NAN)),
        },
        Json::String(text) => Value::String(Arc::new(text.clone())),
        Json::Array(items) => Value::List(Arc::new(items.iter().map(to_cel).collect())),
        Json::Object(entries) => Value::from(
            entries
                .iter()
                .map(|(key, value)| (key.clone(), to_cel(value)))
                .collect::<HashMap<String, Value>>(),
        ),
    }
}

/// An error from one of our functions.
fn failure(function: &str, message: impl std::fmt::Display) -> ExecutionError {
    ExecutionError::function_error(function, message)
}

/// A string argument, or an error naming `function`.
fn text(function: &str, value: &Value) -> Result<Arc<String>, ExecutionError> {
    match value {
        Value::String(text) => Ok(Arc::clone(text)),
        other => Err(failure(
            function,
            format!("expects a string, got {other:?}"),
        )),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Evaluates `expression` with `object` bound.
    pub fn eval(expression: &str) -> Result<Value, String> {
        let program = env().compile(expression).map_err(|e| e.to_string())?;
        let mut context = context().map_err(|e| e.to_string())?;
        context.add_variable_from_value(
            "object",
            to_cel(
                &serde_json::json!({"metadata": {"name": "web", "labels": {"app": "web"}},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}),
            ),
        );
        program.execute(&context).map_err(|e| e.to_string())
    }

    pub fn is_true(expression: &str) {
        assert_eq!(eval(expression), Ok(Value::Bool(true)), "{expression}");
    }

    #[test]
    fn the_standard_library_and_extensions_answer() {
        for expression in [
            "size(object.spec.containers) == 1",
            "object.spec.containers.all(c, c.image.contains(':'))",
            "object.spec.containers.exists(c, c.name.startsWith('w'))",
            "object.spec.containers.exists_one(c, c.name.endsWith('b'))",
            "object.spec.containers.map(c, c.name) == ['web']",
            "object.spec.containers.filter(c, c.name == 'x') == []",
            "has(object.metadata.labels) && !has(object.metadata.annotations)",
            "object.metadata.name.matches('^w.b$')",
            "int('3') == 3 && uint(3) == 3u && double(1) == 1.0 && string(1) == '1'",
            "type(1) == int && dyn(1) == 1 && bool('true') && bytes('a') == b'a'",
            "object.metadata.?annotations.orValue({}) == {}",
            "object.metadata.?labels.app.orValue('') == 'web'",
            "optional.of(1).hasValue() && optional.none().orValue(2) == 2 && optional.of(3).value() == 3",
            "optional.none().or(optional.of(1)).value() == 1",
            "optional.ofNonZeroValue('').hasValue() == false",
            "optional.of(2).optMap(x, x * 2).value() == 4",
            "optional.of(2).optFlatMap(x, optional.of(x)).value() == 2",
            "'abc'.charAt(1) == 'b' && 'abcb'.indexOf('b') == 1 && 'abcb'.lastIndexOf('b') == 3",
            "'Ab'.lowerAscii() == 'ab' && 'ab'.upperAscii() == 'AB' && ' a '.trim() == 'a'",
            "'a-b'.replace('-', '.') == 'a.b' && 'a/b'.split('/') == ['a', 'b']",
            "'abc'.substring(1) == 'bc' && ['a', 'b'].join('-') == 'a-b'",
            "'%s:%d'.format(['a', 1]) == 'a:1' && strings.quote('a') == '\"a\"'",
            "'ab'.reverse() == 'ba'",
            "[1, 1, 2].distinct() == [1, 2] && [[1], [2]].flatten() == [1, 2]",
            "[2, 1].sort() == [1, 2] && [1, 2, 3].slice(1, 2) == [2]",
            "[{'n': 2}, {'n': 1}].sortBy(e, e.n)[0].n == 1",
        ] {
            is_true(expression);
        }
    }

    #[test]
    fn every_supported_name_is_listed_once() {
        let mut names = SUPPORTED.to_vec();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before);
    }
}

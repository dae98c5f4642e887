//! Kubernetes' regex library: `find` and `findAll` (`matches` is standard).

use super::{failure, text};
use cel::extractors::{Arguments, This};
use cel::{Context, DeclarationError, ExecutionError, Value};
use std::sync::Arc;

/// Longest pattern accepted: the regex crate's own size limits bound the rest.
const MAX_PATTERN: usize = 4096;

/// Adds `find` and `findAll`.
pub fn register(context: &mut Context<'static, 'static>) -> Result<(), DeclarationError> {
    context.add_function("find", find)?;
    context.add_function("findAll", find_all)
}

fn compile(function: &str, pattern: &str) -> Result<::regex::Regex, ExecutionError> {
    if pattern.len() > MAX_PATTERN {
        return Err(failure(function, "pattern too long"));
    }
    ::regex::Regex::new(pattern).map_err(|error| failure(function, error))
}

fn find(This(this): This<Arc<String>>, pattern: Arc<String>) -> Result<Value, ExecutionError> {
    let regex = compile("find", &pattern)?;
    Ok(Value::String(Arc::new(
        regex
            .find(&this)
            .map(|m| m.as_str().to_owned())
            .unwrap_or_default(),
    )))
}

fn find_all(
    This(this): This<Arc<String>>,
    Arguments(args): Arguments,
) -> Result<Value, ExecutionError> {
    let pattern = text("findAll", args.first().unwrap_or(&Value::Null))?;
    let limit = match args.get(1) {
        None => usize::MAX,
        Some(Value::Int(limit)) if *limit < 0 => usize::MAX,
        Some(Value::Int(limit)) => usize::try_from(*limit).unwrap_or(usize::MAX),
        Some(other) => {
            return Err(failure(
                "findAll",
                format!("expects an int limit, got {other:?}"),
            ));
        }
    };
    let regex = compile("findAll", &pattern)?;
    Ok(Value::List(Arc::new(
        regex
            .find_iter(&this)
            .take(limit)
            .map(|m| Value::String(Arc::new(m.as_str().to_owned())))
            .collect(),
    )))
}

#[cfg(test)]
mod tests {
    use super::super::tests::is_true;

    #[test]
    fn find_and_find_all_return_matches() {
        is_true("'abc 123'.find('[0-9]+') == '123'");
        is_true("'abc'.find('[0-9]+') == ''");
        is_true("'a1b2c3'.findAll('[0-9]') == ['1', '2', '3']");
        is_true("'a1b2c3'.findAll('[0-9]', 2) == ['1', '2']");
    }
}

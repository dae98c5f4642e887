//! Kubernetes' list library: `isSorted`, `sum`, `min` and `max`.

use super::failure;
use cel::extractors::This;
use cel::{Context, DeclarationError, ExecutionError, Value};
use std::cmp::Ordering;
use std::sync::Arc;

/// Adds the list functions.
pub fn register(context: &mut Context<'static, 'static>) -> Result<(), DeclarationError> {
    context.add_function("isSorted", is_sorted)?;
    context.add_function("sum", sum)?;
    context.add_function("min", |This(list): This<Arc<Vec<Value>>>| {
        extreme("min", &list, Ordering::Less)
    })?;
    context.add_function("max", |This(list): This<Arc<Vec<Value>>>| {
        extreme("max", &list, Ordering::Greater)
    })
}

fn compare(function: &str, a: &Value, b: &Value) -> Result<Ordering, ExecutionError> {
    a.partial_cmp(b)
        .ok_or_else(|| failure(function, format!("cannot compare {a:?} with {b:?}")))
}

fn is_sorted(This(list): This<Arc<Vec<Value>>>) -> Result<bool, ExecutionError> {
    for pair in list.windows(2) {
        if compare("isSorted", &pair[0], &pair[1])? == Ordering::Greater {
            return Ok(false);
        }
    }
    Ok(true)
}

fn sum(This(list): This<Arc<Vec<Value>>>) -> Result<Value, ExecutionError> {
    let overflow = || failure("sum", "overflow");
    match list.first() {
        None | Some(Value::Int(_)) => {
            list.iter()
                .try_fold(Value::Int(0), |total, item| match (total, item) {
                    (Value::Int(total), Value::Int(item)) => total
                        .checked_add(*item)
                        .map(Value::Int)
                        .ok_or_else(overflow),
                    (_, item) => Err(failure("sum", format!("mixed types: {item:?}"))),
                })
        }
        Some(Value::UInt(_)) => {
            list.iter()
                .try_fold(Value::UInt(0), |total, item| match (total, item) {
                    (Value::UInt(total), Value::UInt(item)) => total
                        .checked_add(*item)
                        .map(Value::UInt)
                        .ok_or_else(overflow),
                    (_, item) => Err(failure("sum", format!("mixed types: {item:?}"))),
                })
        }
        Some(Value::Float(_)) => {
            list.iter()
                .try_fold(Value::Float(0.0), |total, item| match (total, item) {
                    (Value::Float(total), Value::Float(item)) => Ok(Value::Float(total + item)),
                    (_, item) => Err(failure("sum", format!("mixed types: {item:?}"))),
                })
        }
        Some(other) => Err(failure("sum", format!("cannot add {other:?}"))),
    }
}

fn extreme(function: &str, list: &[Value], wanted: Ordering) -> Result<Value, ExecutionError> {
    let mut items = list.iter();
    let mut best = items
        .next()
        .ok_or_else(|| failure(function, "the list is empty"))?;
    for item in items {
        if compare(function, item, best)? == wanted {
            best = item;
        }
    }
    Ok(best.clone())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{eval, is_true};

    #[test]
    fn list_helpers_answer_as_kubernetes_does() {
        is_true("[1, 2, 2].isSorted() && ![2, 1].isSorted()");
        is_true("[1, 2, 3].sum() == 6 && [].sum() == 0 && [1.5, 1.5].sum() == 3.0");
        is_true("[3, 1, 2].min() == 1 && [3, 1, 2].max() == 3");
        assert!(eval("[].min()").is_err());
    }
}

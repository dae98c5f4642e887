//! Kubernetes' quantity library: `quantity('500m')` and its methods.

use super::{failure, text};
use cel::extractors::This;
use cel::objects::Opaque;
use cel::{Context, DeclarationError, ExecutionError, Value};
use podwright_core::quantity::Quantity;
use std::cmp::Ordering;
use std::sync::Arc;

/// A quantity as a CEL value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct CelQuantity(Quantity);

impl Opaque for CelQuantity {
    fn runtime_type_name(&self) -> &str {
        "kubernetes.Quantity"
    }
}

/// Adds `quantity`, `isQuantity` and the quantity methods.
pub fn register(context: &mut Context<'static, 'static>) -> Result<(), DeclarationError> {
    context.add_function("quantity", |text: Arc<String>| {
        parse("quantity", &text).map(wrap)
    })?;
    context.add_function("isQuantity", |text: Arc<String>| {
        Quantity::parse(&text).is_ok()
    })?;
    context.add_function("isInteger", |This(q): This<Value>| {
        unwrap("isInteger", &q).map(|q| q.is_integer())
    })?;
    context.add_function("asInteger", |This(q): This<Value>| {
        let q = unwrap("asInteger", &q)?;
        if !q.is_integer() {
            return Err(failure("asInteger", "the quantity is not an integer"));
        }
        i64::try_from(q.milli() / 1000).map_err(|_| failure("asInteger", "overflow"))
    })?;
    context.add_function("asApproximateFloat", |This(q): This<Value>| {
        unwrap("asApproximateFloat", &q).map(|q| q.milli() as f64 / 1000.0)
    })?;
    context.add_function("sign", |This(q): This<Value>| {
        unwrap("sign", &q).map(|q| match q.cmp(&Quantity::ZERO) {
            Ordering::Less => -1_i64,
            Ordering::Equal => 0,
            Ordering::Greater => 1,
        })
    })?;
    context.add_function("add", |This(q): This<Value>, other: Value| {
        Ok::<_, ExecutionError>(wrap(unwrap("add", &q)?.plus(operand("add", &other)?)))
    })?;
    context.add_function("sub", |This(q): This<Value>, other: Value| {
        let other = operand("sub", &other)?;
        Ok::<_, ExecutionError>(wrap(
            unwrap("sub", &q)?.plus(Quantity::from_milli(-other.milli())),
        ))
    })?;
    context.add_function("compareTo", |This(q): This<Value>, other: Value| {
        Ok::<_, ExecutionError>(
            match unwrap("compareTo", &q)?.cmp(&unwrap("compareTo", &other)?) {
                Ordering::Less => -1_i64,
                Ordering::Equal => 0,
                Ordering::Greater => 1,
            },
        )
    })?;
    context.add_function("isGreaterThan", |This(q): This<Value>, other: Value| {
        Ok::<_, ExecutionError>(unwrap("isGreaterThan", &q)? > unwrap("isGreaterThan", &other)?)
    })?;
    context.add_function("isLessThan", |This(q): This<Value>, other: Value| {
        Ok::<_, ExecutionError>(unwrap("isLessThan", &q)? < unwrap("isLessThan", &other)?)
    })
}

fn parse(function: &str, text: &str) -> Result<Quantity, ExecutionError> {
    Quantity::parse(text).map_err(|error| failure(function, format!("{text:?}: {error}")))
}

fn wrap(quantity: Quantity) -> Value {
    Value::Opaque(Arc::new(CelQuantity(quantity)))
}

fn unwrap(function: &str, value: &Value) -> Result<Quantity, ExecutionError> {
    match value {
        Value::Opaque(opaque) => opaque
            .downcast_ref::<CelQuantity>()
            .map(|q| q.0)
            .ok_or_else(|| failure(function, "expects a quantity")),
        other => Err(failure(
            function,
            format!("expects a quantity, got {other:?}"),
        )),
    }
}

/// A quantity, or an int, as `add` and `sub` take them.
fn operand(function: &str, value: &Value) -> Result<Quantity, ExecutionError> {
    match value {
        Value::Int(int) => Ok(Quantity::from_milli(i128::from(*int) * 1000)),
        Value::String(_) => parse(function, &text(function, value)?),
        other => unwrap(function, other),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{eval, is_true};

    #[test]
    fn quantities_compare_and_add() {
        is_true("quantity('500m').isLessThan(quantity('1'))");
        is_true("quantity('1Gi').isGreaterThan(quantity('1G'))");
        is_true("quantity('1k').compareTo(quantity('1000')) == 0");
        is_true("quantity('1').add(quantity('500m')).compareTo(quantity('1500m')) == 0");
        is_true(
            "quantity('2').sub(1).asInteger() == 1 && quantity('1.5').asApproximateFloat() == 1.5",
        );
        is_true("isQuantity('100Mi') && !isQuantity('lots')");
        is_true("quantity('-1').sign() == -1 && !quantity('500m').isInteger()");
        is_true("quantity('1') == quantity('1000m')");
        assert!(eval("quantity('lots')").is_err());
    }
}

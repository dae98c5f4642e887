//! Policies as loaded: each expression compiled once, problems noted with the
//! file and line they come from.

use crate::admission::{Binding, ParamKind, Policy, Validation};
use crate::library::{SUPPORTED, env, is_operator};
use crate::load::{Place, SourceDocument};
use podwright_core::report::Severity;
use serde_json::Value;
use std::sync::atomic::AtomicBool;

/// Variables the API server binds that we cannot: using one is reported.
const UNSUPPORTED_VARIABLES: &[&str] = &["authorizer"];

/// Something wrong with a policy file that does not stop the others from loading.
pub use podwright_core::api::PolicyIssue as Issue;

/// One CEL expression, compiled, or why it cannot run.
#[derive(Debug)]
pub struct Expression {
    /// The CEL as written.
    pub source: String,
    /// Where it is written.
    pub place: Place,
    /// The program, when it compiled and uses only what we support.
    pub program: Result<cel::Program, String>,
}

impl Expression {
    fn compile(source: &str, document: &SourceDocument) -> Expression {
        let place = document.place_of(source);
        let program = match env().compile(source) {
            Err(error) => Err(format!(
                "does not compile: {}",
                one_line(&error.to_string())
            )),
            Ok(program) => {
                let references = program.references();
                let unsupported = references
                    .functions()
                    .into_iter()
                    .find(|name| !is_operator(name) && !SUPPORTED.contains(name))
                    .map(|name| format!("function `{name}`"))
                    .or_else(|| {
                        UNSUPPORTED_VARIABLES
                            .iter()
                            .find(|name| references.has_variable(name))
                            .map(|name| format!("variable `{name}`"))
                    });
                match unsupported {
                    Some(what) => Err(format!("uses {what}, which Podwright does not support")),
                    None => Ok(program),
                }
            }
        };
        Expression {
            source: source.to_owned(),
            place,
            program,
        }
    }
}

/// `text` with its runs of white space (line breaks included) as single spaces.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A validation, compiled.
#[derive(Debug)]
pub struct Check {
    /// Must be true.
    pub expression: Expression,
    /// The fixed message.
    pub message: Option<String>,
    /// The message's CEL.
    pub message_expression: Option<Expression>,
    /// The API server's reason for refusing, `Invalid` by default.
    pub reason: String,
    /// The field the check is about, when the policy names one.
    pub field_path: Option<String>,
}

/// A ValidatingAdmissionPolicy, compiled, with what binds it.
#[derive(Debug)]
pub struct CompiledPolicy {
    /// Its name.
    pub name: String,
    /// Where it starts.
    pub place: Place,
    /// Its spec as written.
    pub policy: Policy,
    /// `matchConditions`, by name.
    pub conditions: Vec<(String, Expression)>,
    /// `variables`, by name.
    pub variables: Vec<(String, Expression)>,
    /// `validations`.
    pub checks: Vec<Check>,
    /// The bindings that name it.
    pub bindings: Vec<Binding>,
    /// Objects of its `paramKind` found in the files.
    pub params: Vec<Value>,
    /// Set once an evaluation ran over its budget: it is not run again.
    pub stopped: AtomicBool,
}

impl CompiledPolicy {
    /// Compiles every expression of `policy`.
    pub fn compile(policy: Policy, document: &SourceDocument) -> CompiledPolicy {
        let named = |list: &[crate::admission::NamedExpression]| {
            list.iter()
                .map(|named| {
                    (
                        named.name.clone(),
                        Expression::compile(&named.expression, document),
                    )
                })
                .collect()
        };
        let checks = policy
            .spec
            .validations
            .iter()
            .map(|validation: &Validation| Check {
                expression: Expression::compile(&validation.expression, document),
                message: validation.message.clone(),
                message_expression: validation
                    .message_expression
                    .as_deref()
                    .map(|source| Expression::compile(source, document)),
                reason: validation
                    .reason
                    .clone()
                    .unwrap_or_else(|| "Invalid".to_owned()),
                field_path: validation
                    .field_path
                    .as_deref()
                    .map(|path| path.trim_start_matches('.').to_owned()),
            })
            .collect();
        CompiledPolicy {
            name: policy.metadata.name.clone(),
            place: document.place_of(&format!("name: {}", policy.metadata.name)),
            conditions: named(&policy.spec.match_conditions),
            variables: named(&policy.spec.variables),
            checks,
            policy,
            bindings: Vec::new(),
            params: Vec::new(),
            stopped: AtomicBool::new(false),
        }
    }

    /// The rule id of its validation `index`.
    pub fn rule(&self, index: usize) -> String {
        format!("policy:{}/{index}", self.name)
    }

    /// Whether an error in an expression counts as a failed check (`Fail`, the default).
    pub fn fails_closed(&self) -> bool {
        self.policy.spec.failure_policy.as_deref() != Some("Ignore")
    }

    /// Its `paramKind`.
    pub fn param_kind(&self) -> Option<&ParamKind> {
        self.policy.spec.param_kind.as_ref()
    }

    /// What is wrong with it: expressions that cannot run, a missing binding or parameters.
    pub fn issues(&self) -> Vec<Issue> {
        let issue = |place: &Place, rule: String, severity, message: String| Issue {
            file: place.file.clone(),
            line: place.line,
            rule,
            severity,
            message,
        };
        let mut issues = Vec::new();
        let policy_rule = format!("policy:{}", self.name);
        for (kind, list) in [
            ("match condition", &self.conditions),
            ("variable", &self.variables),
        ] {
            for (name, expression) in list {
                if let Err(problem) = &expression.program {
                    issues.push(issue(
                        &expression.place,
                        policy_rule.clone(),
                        Severity::Warning,
                        format!(
                            "policy {}: {kind} {name:?} ({}) {problem}; the policy is not checked",
                            self.name,
                            one_line(&expression.source)
                        ),
                    ));
                }
            }
        }
        for (index, check) in self.checks.iter().enumerate() {
            for expression in std::iter::once(&check.expression).chain(&check.message_expression) {
                if let Err(problem) = &expression.program {
                    issues.push(issue(
                        &expression.place,
                        self.rule(index),
                        Severity::Warning,
                        format!(
                            "policy {}: expression `{}` {problem}; this validation is not checked",
                            self.name,
                            one_line(&expression.source)
                        ),
                    ));
                }
            }
        }
        if self.policy.spec.match_constraints.is_none() {
            issues.push(issue(
                &self.place,
                policy_rule.clone(),
                Severity::Warning,
                format!("policy {} has no spec.matchConstraints: the API server refuses such a policy, and it matches nothing here", self.name),
            ));
        }
        if self.bindings.is_empty() {
            issues.push(issue(
                &self.place,
                policy_rule.clone(),
                Severity::Info,
                format!("policy {} is not bound: no ValidatingAdmissionPolicyBinding in the policy files names it; its checks are reported as warnings", self.name),
            ));
        }
        if let Some(kind) = self.param_kind().filter(|_| self.params.is_empty()) {
            issues.push(issue(
                &self.place,
                policy_rule,
                Severity::Warning,
                format!(
                    "policy {} takes parameters of kind {} ({}), and the policy files hold none: it cannot be evaluated without them",
                    self.name, kind.kind, kind.api_version
                ),
            ));
        }
        issues
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::read_text;

    fn compile(expression: &str) -> Expression {
        let document = &read_text("p.yaml", "a: 1\n").unwrap()[0];
        Expression::compile(expression, document)
    }

    #[test]
    fn supported_functions_compile_and_others_are_named() {
        for source in [
            "object.spec.containers.all(c, c.image.startsWith('r/') && !c.image.endsWith(':latest'))",
            "object.metadata.?labels.orValue({}).exists(k, k == 'team') || has(object.spec.x)",
            "quantity('1').isLessThan(quantity('2')) && 'a'.find('a') == 'a' && url('https://a').getHost() == 'a'",
            "cidr('10.0.0.0/8').containsIP(ip('10.0.0.1')) && [1].isSorted() && '%s'.format(['a']) == 'a'",
            "optional.of(1).hasValue() && optional.none().orValue(1) == 1 && 'abc'.matches('b')",
        ] {
            let expression = compile(source);
            assert!(
                expression.program.is_ok(),
                "{source}: {:?}",
                expression.program.err()
            );
        }
        let unknown = compile("object.metadata.name.sha256() == ''");
        assert_eq!(
            unknown.program.unwrap_err(),
            "uses function `sha256`, which Podwright does not support"
        );
        let authorizer = compile("authorizer.group('').resource('pods').check('get').allowed()");
        assert!(authorizer.program.is_err());
        let range = compile("lists.range(10).size() > 0");
        assert!(range.program.unwrap_err().contains("`range`"));
        let broken = compile("object.spec.(");
        assert!(broken.program.unwrap_err().starts_with("does not compile"));
    }
}

//! A team's policies, checked before apply: ValidatingAdmissionPolicy objects
//! (CEL expressions, evaluated here as the API server would) and Podwright's
//! own settings document.

pub mod library;

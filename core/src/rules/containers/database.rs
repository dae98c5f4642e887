//! Lints about what does not belong in a multi-container Pod.

use crate::model::WorkloadKind;
use crate::path::Descend;
use crate::report::Severity;
use crate::rules::messages::who;
use crate::rules::{Case, Check, Ctx, Origin, Place, Rule, Sink};

/// Database images, by the last segment of their repository.
const DATABASES: &[&str] = &[
    "postgres",
    "postgresql",
    "mysql",
    "mariadb",
    "mongo",
    "mongodb",
    "cassandra",
    "cockroach",
    "couchdb",
    "neo4j",
];

/// `database-beside-app`: a database runs as a regular container next to the app.
pub(crate) static DATABASE_BESIDE_APP: Rule = Rule {
    id: "database-beside-app",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "A database runs in the same Pod as the app in a replicated workload: every replica gets its own private database.",
    explanation: "Containers of one Pod scale together. A database beside the app in a Deployment, ReplicaSet or DaemonSet means one database per replica, none sharing data, each losing it when its Pod goes (unless a volume outlives the Pod). Run the database as its own StatefulSet behind a Service, and let the app reach it over the network.",
    fail: &[Case {
        yaml: deployment!(
            r#"
      containers:
      - {name: web, image: registry.example.com/web:2.0.1}
      - {name: db, image: postgres:17.2}
"#
        ),
        expect: &[(
            "spec.template.spec.containers[1].image",
            r#"app container "db" runs a database beside the app in a Deployment: each replica gets its own database"#,
        )],
    }],
    pass: &[deployment!(
        r#"
      containers:
      - {name: web, image: registry.example.com/web:2.0.1}
"#
    )],
    check: Check::Workload(database_beside_app),
};

fn database_beside_app(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    if !matches!(
        ctx.kind(),
        WorkloadKind::Deployment | WorkloadKind::ReplicaSet | WorkloadKind::DaemonSet
    ) {
        return;
    }
    let regular: Vec<_> = pod
        .containers
        .iter()
        .filter(|c| c.place == Place::App)
        .collect();
    if regular.len() < 2 {
        return;
    }
    for c in regular {
        let image = c.spec.image.as_deref().unwrap_or_default();
        let repository = image.split(['@', ':']).next().unwrap_or(image);
        let name = repository.rsplit('/').next().unwrap_or(repository);
        if DATABASES.contains(&name) {
            sink.lint(
                c.path.child("image"),
                format!("{} runs a database beside the app in a {}: each replica gets its own database", who(c), ctx.kind()),
                "run the database as its own StatefulSet with a Service, and connect over the network",
                "/catalog/when-not-to-use",
            );
        }
    }
}

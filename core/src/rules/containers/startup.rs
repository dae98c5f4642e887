//! Lints about start-up order: what an init container may wait for.

use crate::report::Severity;
use crate::rules::messages::who;
use crate::rules::{Case, Check, Ctx, Origin, Place, Rule, Sink};

/// `init-waits-for-app-container`: an init container polls a port that only a
/// regular container serves, which starts after every init container: a deadlock.
pub(crate) static INIT_WAITS_FOR_APP_CONTAINER: Rule = Rule {
    id: "init-waits-for-app-container",
    origin: Origin::Lint,
    severity: Severity::Warning,
    summary: "An init container waits on a localhost port that only a regular container serves: the Pod never starts.",
    explanation: "Regular containers start only after every init container has finished. An init container that loops until `localhost:PORT` answers, where PORT belongs to a regular container (a classic sidecar such as a cache or proxy), waits forever and the Pod stays in `Init`. Make the container that serves the port a native sidecar (an init container with `restartPolicy: Always`) placed before the waiting one, with a startup or readiness probe.",
    fail: &[Case {
        yaml: r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: wait, image: busybox:1.37.0, command: [sh, -c, 'until nc -z 127.0.0.1 6379; do sleep 2; done']}
  containers:
  - {name: app, image: app:1.0}
  - {name: cache, image: redis:7.4.2, ports: [{containerPort: 6379}]}
"#,
        expect: &[(
            "spec.initContainers[0]",
            r#"init container "wait" waits on localhost:6379, which only app container "cache" serves; regular containers start after every init container, so the Pod never starts"#,
        )],
    }],
    pass: &[
        r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: cache, image: redis:7.4.2, restartPolicy: Always, ports: [{containerPort: 6379}]}
  - {name: wait, image: busybox:1.37.0, command: [sh, -c, 'until nc -z 127.0.0.1 6379; do sleep 2; done']}
  containers:
  - {name: app, image: app:1.0}
"#,
        r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: wait, image: busybox:1.37.0, command: [sh, -c, 'until nc -z db.example 5432; do sleep 2; done']}
  containers:
  - {name: app, image: app:1.0, ports: [{containerPort: 5432}]}
"#,
    ],
    check: Check::Workload(init_waits_for_app_container),
};

fn init_waits_for_app_container(ctx: &Ctx<'_>, sink: &mut Sink) {
    let Some(pod) = &ctx.pod else { return };
    for waiting in pod.containers.iter().filter(|c| c.place == Place::Init) {
        let command: Vec<&str> = waiting
            .spec
            .command
            .iter()
            .flatten()
            .chain(waiting.spec.args.iter().flatten())
            .map(String::as_str)
            .collect();
        for port in local_ports(&command.join(" ")) {
            let server = pod.containers.iter().find(|c| {
                c.place == Place::App
                    && c.spec
                        .ports
                        .iter()
                        .flatten()
                        .any(|p| p.container_port == port)
            });
            if let Some(server) = server {
                sink.lint(
                    &waiting.path,
                    format!(
                        "{} waits on localhost:{port}, which only {} serves; regular containers start after every init container, so the Pod never starts",
                        who(waiting),
                        who(server)
                    ),
                    format!("make {:?} a native sidecar (initContainers, restartPolicy: Always) placed before {:?}", server.spec.name, waiting.spec.name),
                    "/catalog/lifecycle",
                );
            }
        }
    }
}

/// The ports a command line talks to on this Pod's own network namespace:
/// `localhost:P`, `127.0.0.1:P`, `nc -z localhost P`, `nc -z 127.0.0.1 P`.
fn local_ports(command: &str) -> Vec<i32> {
    let words: Vec<&str> = command
        .split(|c: char| c.is_whitespace() || c == ';' || c == '"' || c == '\'')
        .collect();
    let mut ports = Vec::new();
    for (i, word) in words.iter().enumerate() {
        for host in ["localhost", "127.0.0.1"] {
            let url_port = word
                .match_indices(host)
                .find_map(|(at, _)| word[at + host.len()..].strip_prefix(':'))
                .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|digits| digits.parse().ok());
            if let Some(port) = url_port {
                ports.push(port);
            }
            if *word == host
                && let Some(port) = words.get(i + 1).and_then(|next| next.parse().ok())
            {
                ports.push(port);
            }
        }
    }
    ports
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_ports_are_read_from_common_wait_loops() {
        assert_eq!(
            local_ports("until nc -z 127.0.0.1 6379; do sleep 2; done"),
            [6379]
        );
        assert_eq!(local_ports("wget -q http://localhost:8080/ready"), [8080]);
        assert_eq!(
            local_ports("until nc -z db.example 5432; do sleep 1; done"),
            Vec::<i32>::new()
        );
    }
}

#!/usr/bin/env bash
# Counts the instructions one core operation takes on the benchmarks' generated
# Pod, with callgrind: unlike times, the counts are the same run after run on a
# busy machine, so they show what a change saves. Prints the count per
# operation and the functions that spend the most.
#
#   scripts/profile.sh OPERATION [CONTAINERS] [TIMES]
#
# OPERATION: events, read, validate, design, import or export (see core/examples/profile.rs);
# CONTAINERS defaults to 6, TIMES to 20. Installs valgrind from Debian when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/tools.sh
operation=${1:?usage: scripts/profile.sh OPERATION [CONTAINERS] [TIMES]}
containers=${2:-6}
times=${3:-20}

if ! command -v valgrind >/dev/null; then
    step "installing valgrind from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq valgrind >/dev/null
fi
step "building the profile example (release)"
cargo build --quiet --release --locked -p podwright-core --example profile
target_dir=$(cargo_target_dir)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# count N: instructions spent in `run` when it runs the operation N times.
count() {
    valgrind --tool=callgrind --toggle-collect='profile::run' \
        --callgrind-out-file="$out/$1.out" \
        "$target_dir/release/examples/profile" "$operation" "$containers" "$1" 2>/dev/null
    callgrind_annotate "$out/$1.out" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
}
step "counting $operation of a $containers-container Pod, $times times and once without"
with=$(count "$times")
without=$(count 0)
echo "$operation/$containers: $(((with - without) / times)) instructions per operation"
step "where they go: each function's own instructions per operation, largest first"
python3 - "$out/$times.out" "$out/0.out" "$times" <<'PY'
import re, subprocess, sys
def own(path):
    text = subprocess.run(["callgrind_annotate", path], capture_output=True, text=True).stdout
    counts = {}
    for line in text.splitlines():
        found = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+(.*?)( \[.*\])?$", line)
        if found and "PROGRAM TOTALS" not in line:
            counts[found[2]] = int(found[1].replace(",", ""))
    return counts
with_ops, without, times = own(sys.argv[1]), own(sys.argv[2]), int(sys.argv[3])
spent = {name: (n - without.get(name, 0)) / times for name, n in with_ops.items()}
for name, n in sorted(spent.items(), key=lambda item: -item[1])[:20]:
    print(f"{n:>10,.0f}  {name[:110]}")
PY

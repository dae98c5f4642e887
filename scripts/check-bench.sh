# The side-by-side benchmark of `podwright check` (sourced by scripts/bench.sh):
# a folder of realistic manifests, made from the catalog's examples and the
# shared corpus's valid files, checked by the release binary and by
# kubernetes-validate (the Kubernetes JSON schemas), one after the other.
#
# Settings: CHECK_FILES (1000), CHECK_RUNS (5, podwright's runs; the median counts).

CHECK_FILES="${CHECK_FILES:-1000}"
CHECK_RUNS="${CHECK_RUNS:-5}"

# make_manifest_folder DIR: writes CHECK_FILES manifests into DIR, each a copy
# of a catalog example or corpus file with its own metadata.name.
make_manifest_folder() {
    python3 - "$1" "$CHECK_FILES" "$REPO_ROOT/content" "$REPO_ROOT/../shared/corpus/valid" <<'PY'
import pathlib, re, sys
out, count, sources = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
files = sorted(p for s in sources for p in pathlib.Path(s).rglob("*.yaml") if p.is_file())
if not files:
    sys.exit("no source manifests found")
out.mkdir(parents=True, exist_ok=True)
for i in range(count):
    source = files[i % len(files)]
    text = source.read_text()
    # A name of its own per copy; the first `name:` is the object's.
    text = re.sub(r"^(  name: )(\S+)", lambda m: f"{m.group(1)}{m.group(2)}-{i}", text, count=1, flags=re.M)
    (out / f"{i:04d}-{source.parent.name}-{source.name}").write_text(text)
print(f"{count} manifests from {len(files)} sources")
PY
}

# seconds COMMAND...: runs the command, prints its wall time in seconds.
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}

# median VALUES...: the median of the numbers given.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# run_check_bench: builds the release binary, makes the folder, times both tools.
run_check_bench() {
    local dir binary validator times=() podwright_s schema_s
    dir="$(mktemp -d)"
    trap 'rm -rf "$dir"' RETURN
    step "building podwright (release)"
    cargo build --release --locked -p podwright-server --bin podwright
    binary="$TARGET_DIR/release/podwright"
    validator="$(podwright_tools_path | tr ':' '\n' | grep kubernetes-validate)/kubernetes-validate"
    [[ -x $validator ]] || { install_tools --test; }
    step "making $CHECK_FILES manifests"
    make_manifest_folder "$dir/manifests"
    step "podwright check, $CHECK_RUNS runs"
    for _ in $(seq "$CHECK_RUNS"); do
        times+=("$(seconds "$binary" check --fail-on none "$dir/manifests")")
    done
    podwright_s=$(median "${times[@]}")
    echo "runs: ${times[*]} s"
    step "kubernetes-validate --strict, once (it is slow)"
    schema_s=$(seconds "$validator" --strict --quiet --kubernetes-version 1.37.0 "$dir"/manifests/*)
    step "summary ($CHECK_FILES files, $(nproc) cores)"
    awk -v n="$CHECK_FILES" -v p="$podwright_s" -v k="$schema_s" 'BEGIN {
        printf "podwright check       %8.3f s  %9.0f files/s (median of runs)\n", p, n / p
        printf "kubernetes-validate   %8.3f s  %9.0f files/s\n", k, n / k
        printf "ratio                 %8.1f x\n", k / p
    }'
}

# Sourced by the bench/ scripts (not run on its own).
# Builds bench, the modules it depends on and any modules named as arguments (e.g. jobs) from
# the current sources (offline when the local Maven repository has everything, online
# otherwise), moves to the repository root and sets BENCH_CP and JAVA.

build_bench() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  local modules
  modules="$(IFS=,; echo "bench${*:+,$*}")"
  # bench depends on jobs, which resolves encryption's test-jar: maven.test.skip would not build it.
  local args=(-B -q -pl "$modules" -am package -DskipTests)
  local out
  if ! out=$(./mvnw -o "${args[@]}" 2>&1); then
    echo "bench: offline build failed, retrying online:" >&2
    echo "$out" | grep -E 'ERROR' | head -5 >&2
    ./mvnw "${args[@]}" >&2
  fi
  BENCH_CP="bench/target/classes:$(cat bench/target/classpath.txt)"
  JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
}

# record_run NAME COMMAND...: runs COMMAND (the bench's measuring step), its output shown as it
# goes, then appends the run to bench/results/NAME.jsonl: one JSON object with the date, commit,
# machine, the bench command as typed and the figures of the output's machine-readable lines
# (bench/README.md, "Results"). A failed run records nothing; BENCH_RECORD=off records nothing.
record_run() {
  local name=$1 log started finished load rc=0 commit command
  shift
  log=$(mktemp)
  started=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
  load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  git diff --quiet HEAD 2>/dev/null || commit="$commit+uncommitted"
  command=$(tr '\0' '\n' < /proc/$$/cmdline | tail -n +2 | while IFS= read -r a; do
    printf '%q ' "$a"; done)
  "$@" | tee "$log" || rc=$?
  finished=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
  if [ "$rc" -eq 0 ] && [ "${BENCH_RECORD:-on}" != off ]; then
    "$JAVA" -cp "$BENCH_CP" io.trainguard.bench.ResultLog --bench "$name" --started "$started" \
      --finished "$finished" \
      --commit "$commit" --load-before "$load" --command "${command% }" \
      --out "bench/results/$name.jsonl" < "$log" || echo "bench: run not recorded" >&2
  fi
  rm -f "$log"
  return "$rc"
}

# Sourced by bench/accuracy, bench/detector and bench/poisoning (not run on its own).
# Builds bench (or the modules listed in $1, e.g. bench,jobs) and the modules they depend on from
# the current sources (offline when the local Maven repository has everything, online
# otherwise), moves to the repository root and sets BENCH_CP and JAVA.

build_bench() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  local args=(-B -q -pl "${1:-bench}" -am package -Dmaven.test.skip=true)
  local out
  if ! out=$(./mvnw -o "${args[@]}" 2>&1); then
    echo "bench: offline build failed, retrying online:" >&2
    echo "$out" | grep -E 'ERROR' | head -5 >&2
    ./mvnw "${args[@]}" >&2
  fi
  BENCH_CP="bench/target/classes:$(cat bench/target/classpath.txt)"
  JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
}

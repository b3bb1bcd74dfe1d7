# Sourced by the bench/ scripts (not run on its own).
# Builds bench, the modules it depends on and any modules named as arguments (e.g. jobs) from
# the current sources (offline when the local Maven repository has everything, online
# otherwise), moves to the repository root and sets BENCH_CP and JAVA.

build_bench() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  local modules skip=-Dmaven.test.skip=true
  modules="$(IFS=,; echo "bench${*:+,$*}")"
  # jobs resolves encryption's test-jar, which maven.test.skip does not build.
  [ $# -gt 0 ] && skip=-DskipTests
  local args=(-B -q -pl "$modules" -am package "$skip")
  local out
  if ! out=$(./mvnw -o "${args[@]}" 2>&1); then
    echo "bench: offline build failed, retrying online:" >&2
    echo "$out" | grep -E 'ERROR' | head -5 >&2
    ./mvnw "${args[@]}" >&2
  fi
  BENCH_CP="bench/target/classes:$(cat bench/target/classpath.txt)"
  JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
}

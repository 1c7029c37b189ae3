#!/usr/bin/env bash
# The one command of bench/README.md: builds the hub jar and the harness, generates the files with the
# samples generator, runs every case and prints one table (also written to bench/RESULTS.md).
# Parameters are -Dbench.<name>=<value> arguments, e.g. a quick run:
#   bench/run.sh -Dbench.runs=1 -Dbench.rows=100000 -Dbench.sizes=100000 -Dbench.latency-files=5
# Set BENCH_SKIP_BUILD=1 to reuse the jars of the last build, MAVEN_ARGS for extra Maven flags (e.g. -o).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q ${MAVEN_ARGS:-} -Pbench -DskipTests package
fi
command -v /usr/bin/time >/dev/null || { echo "bench needs /usr/bin/time (Debian package: time)" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench needs curl" >&2; exit 2; }
exec java -Xmx1g "$@" -cp "bench/target/trace-hub-bench.jar:$(cat bench/target/classpath.txt)" org.tracehub.bench.BenchRunner

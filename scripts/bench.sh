#!/usr/bin/env bash
# Builds the JMH benchmark jar (bench/target/benchmarks.jar) and runs it; every argument goes to JMH.
#   bash scripts/bench.sh                      the whole suite (about 3 minutes), JMH's table and an MB/s summary
#   bash scripts/bench.sh 'AesGmacSiv'         only the benchmarks matching a regex
#   bash scripts/bench.sh AesGmacSiv -prof gc  with JMH's allocation profiler
#   bash scripts/bench.sh -l                   list the benchmarks
#   bash scripts/bench.sh --controller         the controller's config requests with 10,000 members, SQLite and
#                                              PostgreSQL (about 2 minutes each); further arguments go to JMH
#   sudo bash scripts/bench.sh --tunnel        the virtual Ethernet tunnel against the direct veth (iperf3, ping) in
#                                              network namespaces, as root: runs bench/tunnel.sh with the other arguments
# The whole suite leaves the controller benchmark out (it needs a database server); --controller runs it alone.
# Its PostgreSQL half uses ZTJ_TEST_PG_URL, ZTJ_TEST_PG_USER and ZTJ_TEST_PG_PASSWORD (scripts/test.sh starts such
# a server as root and prints nothing when one is running); without ZTJ_TEST_PG_URL only SQLite runs.
# ZTJ_BENCH_NO_BUILD=1 skips the build and runs the jar as it is.
# The benchmarks are single-threaded on purpose (targets are per core); see docs/performance.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"

if [[ "${1:-}" == --tunnel ]]; then      # needs no Maven here: bench/tunnel.sh finds the JDK and builds itself
    shift
    exec bash "$ROOT/bench/tunnel.sh" "$@"
fi

if [[ -f "$ROOT/scripts/env.sh" ]]; then
    # shellcheck source=scripts/env.sh
    source "$ROOT/scripts/env.sh"
else
    if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" ]]; then
        export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
    fi
    export PATH="$JAVA_HOME/bin:$PATH"
fi

JAR="$ROOT/bench/target/benchmarks.jar"

if [[ "${ZTJ_BENCH_NO_BUILD:-0}" != 1 ]]; then
    printf 'ztj: building %s (mvn -B -q -pl bench -am package -DskipTests)\n' "${JAR#"$ROOT"/}" >&2
    mvn -B -q -pl bench -am package -DskipTests >&2
fi
if [[ ! -f "$JAR" ]]; then
    printf 'ztj: %s is missing; build it with: mvn -B -pl bench -am package -DskipTests\n' "$JAR" >&2
    exit 1
fi

if [[ "${1:-}" == --controller ]]; then
    shift
    if [[ -z "${ZTJ_TEST_PG_URL:-}" ]]; then
        printf 'ztj: ZTJ_TEST_PG_URL is not set: PostgreSQL skipped, SQLite only\n' >&2
        set -- -p store=sqlite "$@"
    fi
    set -- 'ControllerRequestBench' "$@"
elif (( $# == 0 )); then
    set -- -e 'ControllerRequestBench'
fi

exec "$JAVA_HOME/bin/java" -jar "$JAR" "$@"

#!/usr/bin/env bash
# Builds every module and leaves the runnable jar at app/target/zerotier.jar.
#   bash scripts/build.sh            build when a source or pom.xml changed since the jar was made
#   bash scripts/build.sh --force    build anyway
# Any further arguments are passed to Maven.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"

force=0
if [[ "${1:-}" == --force ]]; then
    force=1
    shift
fi

ZTJ_NO_MAVEN=1
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"

JAR="$ROOT/app/target/zerotier.jar"

# True when the jar exists and no file under */src and no pom.xml is newer than it.
jar_is_fresh() {
    [[ -f "$JAR" ]] || return 1
    local inputs=() newer
    shopt -s nullglob
    inputs=(pom.xml */pom.xml */src)
    shopt -u nullglob
    newer="$(find "${inputs[@]}" -newer "$JAR" -print -quit 2>/dev/null)"
    [[ -z "$newer" ]]
}

AOT="$ROOT/app/target/zerotier.aot"

# The JDK's ahead-of-time cache for the daemon (JEP 483/514): a training run of the jar (local.conf parsing, the
# controller's SQLite store, the data path in memory; loopback only) with the daemon's own JVM options, so the
# daemon starts with its classes already loaded and linked. The launchers use it only when it is newer than the
# jar; a failed training leaves no cache and the daemon starts without one.
train_aot() {
    local log
    log="$(mktemp)"
    rm -f "$AOT"
    if "$JAVA_HOME/bin/java" "@$ROOT/bin/zerotier-one.jvm-options" -XX:AOTCacheOutput="$AOT" \
            -Dztj.argv0=ztj-aot-training -jar "$JAR" >"$log" 2>&1 && [[ -f "$AOT" ]]; then
        ztj_info "ahead-of-time cache: $AOT ($(( $(stat -c %s "$AOT") / 1048576 )) MiB)"
    else
        rm -f "$AOT"
        ztj_error "warning: no ahead-of-time cache (the daemon starts without it); the training run said:" \
            "$(tail -n 5 "$log")"
    fi
    rm -f "$log"
}

if (( ! force )) && (( $# == 0 )) && jar_is_fresh; then
    [[ -f "$AOT" && "$AOT" -nt "$JAR" ]] || train_aot
    exit 0
fi

ztj_ensure_maven
ztj_info "building (mvn -B -q -DskipTests install)"
started="$(mktemp)"
trap 'rm -f "$started"' EXIT
mvn -B -q -DskipTests install "$@"

if [[ ! -f "$JAR" ]]; then
    ztj_error "the build finished but $JAR is missing"
    exit 1
fi
# Date the jar to the start of the build: a file edited while Maven ran is then newer and triggers the next
# build, and a jar Maven did not rewrite still counts as fresh.
touch -r "$started" "$JAR"
train_aot

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

if (( ! force )) && (( $# == 0 )) && jar_is_fresh; then
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

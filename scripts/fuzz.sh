#!/usr/bin/env bash
# Runs Jazzer fuzz tests in fuzzing mode (the normal build only replays their corpus).
#   bash scripts/fuzz.sh [--time 600] [--list] [TestClass#method ...]
# Without targets, fuzzes every target one after the other. --time is the fuzzing time per target in seconds
# (default 600). Always runs under nice -n 19. Each target's output goes to target/fuzz/<Class>#<method>.log in its
# module, with libFuzzer's statistics (executions, coverage) summarized at the end. A crashing input is written by
# Jazzer into the target's corpus directory (src/test/resources/<package>/<Class>Inputs/<method>/crash-<sha1>), so
# it is replayed as a regression input by every later build; the script lists the new ones. Slow inputs
# (libFuzzer's slow-unit-*, not failures) are moved out of the corpus into target/fuzz/. The corpus Jazzer
# grows while fuzzing stays out of the repository (<module>/.cifuzz-corpus/, ignored by git).
# Exits non-zero if any target found a crash.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"

# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"

time_s=600
list=0
targets=()
while (( $# )); do
    case "$1" in
        --time) time_s="$2"; shift 2 ;;
        --time=*) time_s="${1#--time=}"; shift ;;
        --list) list=1; shift ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *#*) targets+=("$1"); shift ;;
        *) ztj_error "not a target (TestClass#method): $1"; exit 2 ;;
    esac
done
[[ "$time_s" =~ ^[0-9]+$ ]] || { ztj_error "--time takes seconds"; exit 2; }

# Every @FuzzTest method as Class#method, found in the sources.
all_targets() {
    grep -rl --include='*FuzzTest.java' '@FuzzTest' -- */src/test/java 2>/dev/null | sort | while read -r f; do
        cls="$(basename "$f" .java)"
        awk '/@FuzzTest/ {grab=1; next} grab && /void [a-zA-Z0-9_]+\(/ {
                 match($0, /void [a-zA-Z0-9_]+\(/); print substr($0, RSTART + 5, RLENGTH - 6); grab=0 }' "$f" \
            | sed "s/^/$cls#/"
    done
}

if (( list )); then all_targets; exit 0; fi
if (( ${#targets[@]} == 0 )); then mapfile -t targets < <(all_targets); fi

found=0
for target in "${targets[@]}"; do
    cls="${target%%#*}"
    method="${target#*#}"
    src="$(grep -rl --include="$cls.java" '@FuzzTest' -- */src/test/java | head -n 1)"
    [[ -n "$src" ]] || { ztj_error "no fuzz test class $cls"; exit 2; }
    module="${src%%/src/test/java/*}"
    rel="${src#*/src/test/java/}"
    inputs="$module/src/test/resources/${rel%.java}Inputs/$method"
    mkdir -p "$inputs" "$module/target/fuzz"   # Jazzer writes crashing inputs here when the directory exists
    log="$module/target/fuzz/$cls#$method.log"
    before="$(mktemp)"
    ls -1 "$inputs" >"$before"
    ztj_info "fuzzing $target for ${time_s}s (module $module, log $log)"
    rc=0
    JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${time_s}s" nice -n 19 mvn -B -pl "$module" -am test \
        -Dtest="$cls#$method" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || rc=$?
    new="$(ls -1 "$inputs" | grep -vxF -f "$before" || true)"
    rm -f "$before"
    # libFuzzer also writes the slowest input there (slow-unit-*) when one took over 10 s, which on a loaded
    # machine is mostly scheduling; it is not a failure: keep it beside the log to look at, out of the corpus.
    for f in $new; do
        if [[ "$f" == slow-unit-* ]]; then
            mv -- "$inputs/$f" "$module/target/fuzz/"
            ztj_info "$target: slow input (not a failure) moved to $module/target/fuzz/$f"
        fi
    done
    new="$(printf '%s\n' $new | grep -v '^slow-unit-' || true)"
    # libFuzzer's last status line: executions, coverage, features, corpus size
    grep -aE '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -n 1 || true
    grep -aE '^Done [0-9]+ runs' "$log" | tail -n 1 || true
    if [[ -n "$new" ]]; then
        found=1
        ztj_error "$target: new crashing inputs, now regression inputs in $inputs:"
        printf '  %s\n' $new >&2
    elif (( rc != 0 )); then
        found=1
        ztj_error "$target: the run failed (exit $rc); see $log"
    fi
done
exit "$found"

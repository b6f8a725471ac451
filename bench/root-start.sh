#!/usr/bin/env bash
# Measures a root's start to ONLINE (issue 9): how long from starting our daemon until `GET /status` answers
# `"online": true`. The root is started the way bench/tunnel.sh starts its root: in a network namespace of its own
# with one veth address, our genplanet's planet naming it as the only root, bin/zerotier-one.jvm-options and the
# jar's ahead-of-time cache (when scripts/build.sh made one), `-U <home>`, no local.conf. The client polls
# `GET /status` with curl and jq every 10 ms from inside the namespace (the time includes them, as tunnel.sh's
# does). Each start gets a fresh home with the same identity and planet; the daemon is stopped after each.
#
#   sudo bash bench/root-start.sh                       5 starts of app/target/zerotier.jar
#   sudo bash bench/root-start.sh --starts 8            8 starts
#   sudo bash bench/root-start.sh --base DIR            alternate DIR's build with this one, start by start
#                                                       (base, this, this, base, base, this, ...); DIR holds
#                                                       zerotier.jar and, optionally, zerotier.aot
#   sudo bash bench/root-start.sh --profile DIR         one start of this build under async-profiler (wall clock,
#                                                       1 ms, per thread); the flame graph, the collapsed
#                                                       stacks and a JFR recording (with times) are left in DIR
#   sudo bash bench/root-start.sh --java-opts '-Xlog:class+load:file=/tmp/cl.txt'   extra JVM options
#
# --profile needs ASYNC_PROFILER set to async-profiler's libasyncProfiler.so. Needs root
# (namespaces), iproute2, curl and jq. Everything it creates (two namespaces, the veth, the homes) is removed on
# exit, also after a failure or Ctrl-C. An AOT cache is used only when it is newer than its jar; a copied build
# keeps its cache valid when copied with its time stamps (cp -p) and the JVM accepts it at the new path (check with
# --java-opts -Xlog:aot).
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)"
starts=5
base=""
profile=""
extra_opts=""
usage() { sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while (( $# )); do
    case "$1" in
        --starts) starts="${2:?--starts needs a number}"; shift 2 ;;
        --base) base="${2:?--base needs a folder}"; shift 2 ;;
        --profile) profile="${2:?--profile needs a folder}"; shift 2 ;;
        --java-opts) extra_opts="${2?--java-opts needs a value}"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) printf 'root-start.sh: unknown option %s\n' "$1" >&2; usage >&2; exit 2 ;;
    esac
done
die() { printf 'root-start.sh: %s\n' "$*" >&2; exit 1; }
[[ "$starts" =~ ^[1-9][0-9]*$ ]] || die "--starts must be a positive number"
[[ "$(id -u)" == 0 ]] || die "must run as root (network namespaces): sudo bash bench/root-start.sh"
for t in ip curl jq; do command -v "$t" >/dev/null 2>&1 || die "missing: $t"; done
if [[ -n "$base" ]]; then
    base="$(cd "$base" 2>/dev/null && pwd -P)" || die "--base: no such folder"
    [[ -f "$base/zerotier.jar" ]] || die "--base: $base/zerotier.jar is missing"
fi
AP="${ASYNC_PROFILER:-}"
[[ -z "$profile" || -f "$AP" ]] || die "--profile: no libasyncProfiler.so (set ASYNC_PROFILER)"

# shellcheck disable=SC2034  # both read by scripts/env.sh
ZTJ_QUIET=1 ZTJ_NO_MAVEN=1
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"
JAVA="$JAVA_HOME/bin/java"
[[ -f "$ROOT/app/target/zerotier.jar" ]] || die "app/target/zerotier.jar is missing: bash scripts/build.sh"

NS="ztrs-$$"; PEER="ztrs-$$-peer"; SUBNET="10.214.0"
TOP="$(mktemp -d "${TMPDIR:-/tmp}/ztrs.XXXXXX")"
DPID=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    [[ -n "$DPID" ]] && kill -9 "$DPID" 2>/dev/null
    for pid in $(ip netns pids "$NS" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$NS" 2>/dev/null || true
    ip netns del "$PEER" 2>/dev/null || true
    rm -rf "$TOP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ip netns add "$NS"; ip netns add "$PEER"
ip -n "$NS" link add eth0 type veth peer name eth0 netns "$PEER"
ip -n "$NS" addr add "$SUBNET.1/24" dev eth0
ip -n "$PEER" addr add "$SUBNET.2/24" dev eth0
ip -n "$NS" link set eth0 up; ip -n "$PEER" link set eth0 up; ip -n "$NS" link set lo up

tool() { "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dztj.argv0="$1" -jar "$ROOT/app/target/zerotier.jar" "${@:2}"; }
mkdir -p "$TOP/id"
tool zerotier-idtool generate "$TOP/id/identity.secret" "$TOP/id/identity.public" >/dev/null
tool zerotier-idtool genplanet "$TOP/id/planet" "$TOP/id/identity.public@$SUBNET.1/9993" >/dev/null
now_ms() { local t; t="$(date +%s%N)"; echo $(( t / 1000000 )); }

# one_start <dir with zerotier.jar [and zerotier.aot]> [extra JVM option...]: prints the start to ONLINE in ms
one_start() {
    local dir="$1" home="$TOP/home" t0 token port limit opts=("@$ROOT/bin/zerotier-one.jvm-options")
    shift
    [[ -f "$dir/zerotier.aot" && "$dir/zerotier.aot" -nt "$dir/zerotier.jar" ]] && opts+=(-XX:AOTCache="$dir/zerotier.aot")
    # shellcheck disable=SC2206
    opts+=($extra_opts "$@")
    rm -rf "$home"; mkdir -p "$home"
    cp "$TOP/id/identity.secret" "$TOP/id/identity.public" "$TOP/id/planet" "$home/"
    chmod 600 "$home/identity.secret"
    t0="$(now_ms)"
    ip netns exec "$NS" "$JAVA" "${opts[@]}" -Dztj.argv0=zerotier-one -jar "$dir/zerotier.jar" -U "$home" \
        >"$TOP/daemon.log" 2>&1 &
    DPID=$!
    limit=$(( SECONDS + 60 ))
    while :; do
        kill -0 "$DPID" 2>/dev/null || { tail -n 20 "$TOP/daemon.log" >&2; die "the daemon exited"; }
        (( SECONDS < limit )) || die "not ONLINE within 60 s"
        if [[ -s "$home/zerotier-one.port" && -s "$home/authtoken.secret" ]]; then
            token="$(cat "$home/authtoken.secret")"; port="$(cat "$home/zerotier-one.port")"
            if [[ "$(ip netns exec "$NS" curl -fsS --max-time 5 -H "X-ZT1-Auth: $token" \
                    "http://127.0.0.1:$port/status" 2>/dev/null | jq -r .online 2>/dev/null)" == true ]]; then
                echo $(( $(now_ms) - t0 ))
                break
            fi
        fi
        sleep 0.01
    done
    kill "$DPID" 2>/dev/null || true
    wait "$DPID" 2>/dev/null || true
    DPID=""
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

THIS="$TOP/this"; mkdir -p "$THIS"
ln -s "$ROOT/app/target/zerotier.jar" "$THIS/zerotier.jar"
[[ -f "$ROOT/app/target/zerotier.aot" ]] && ln -s "$ROOT/app/target/zerotier.aot" "$THIS/zerotier.aot"

if [[ -n "$profile" ]]; then
    mkdir -p "$profile"
    for fmt in html collapsed jfr; do
        ms="$(one_start "$THIS" "-agentpath:$AP=start,event=wall,interval=1ms,threads,file=$profile/root-start.$fmt")"
        printf 'profiled start (%s): ONLINE after %s ms\n' "$fmt" "$ms"
    done
    exit 0
fi

this_ms=(); base_ms=()
for (( i = 0; i < starts; i++ )); do
    if [[ -n "$base" ]]; then
        # base, this, this, base, ...: neither side always goes first
        if (( i % 2 == 0 )); then order=(base this); else order=(this base); fi
    else
        order=(this)
    fi
    for side in "${order[@]}"; do
        if [[ $side == base ]]; then ms="$(one_start "$base")"; base_ms+=("$ms")
        else ms="$(one_start "$THIS")"; this_ms+=("$ms"); fi
        printf 'start %d %-4s ONLINE after %s ms\n' "$((i + 1))" "$side" "$ms"
    done
done
printf 'this: %s ms (median %s)\n' "$(printf '%s\n' "${this_ms[@]}" | sort -n | paste -sd/)" \
    "$(printf '%s\n' "${this_ms[@]}" | median)"
if [[ -n "$base" ]]; then
    printf 'base: %s ms (median %s)\n' "$(printf '%s\n' "${base_ms[@]}" | sort -n | paste -sd/)" \
        "$(printf '%s\n' "${base_ms[@]}" | median)"
fi

#!/usr/bin/env bash
# Benchmarks the virtual Ethernet tunnel, ours against another zerotier-one (e.g. ZeroTier One 1.14 that you built
# from its public source) on the same machine in the same run. A private ZeroTier world in network namespaces: a root
# (the only root of a planet made by our genplanet), a controller and two members A and B, each daemon in its own
# namespace with a veth on one bridge. The controller creates a network and authorizes A and B, which join it; then
# from A to B through the tunnel (B's address on its tap): ping at 200 ms and 1 s intervals (an idle tunnel, as SSH
# keystrokes see it) and in a burst, iperf3 TCP with 1 stream (cold: the first run after joining, and again warm)
# and 4 streams; the resident memory (VmRSS) of A and B idle, under load and after; each daemon's start-to-ONLINE.
#
#   sudo bash bench/tunnel.sh                        ours only, 1 round, 10 s per iperf3 run
#   sudo bash bench/tunnel.sh --ref DIR --rounds 3   DIR/zerotier-one too, alternating ours / theirs round by round
#   sudo bash bench/tunnel.sh --relay                A and B cannot reach each other (nftables drop on the bridge):
#                                                    everything goes through the root's relay
#   sudo bash bench/tunnel.sh --duration 30          longer iperf3 runs
#   sudo bash bench/tunnel.sh --no-build             use app/target/zerotier.jar as it is
#   sudo bash bench/tunnel.sh --threads              also print our daemons' per-thread CPU during the 1-stream run
#   sudo bash bench/tunnel.sh --memory               also print where member A's resident memory goes (bench/jvm-memory.sh)
#                                                    idle and after load; our daemons run with native memory tracking
#   sudo bash bench/tunnel.sh --keep                 leave the last topology up at the end (prints how to remove it)
#   sudo bash bench/tunnel.sh --pings FILE           append every ping reply (ping -D: with its time stamp), each
#                                                    daemon's start time and our daemons' warm-up lines to FILE
#   sudo bash bench/tunnel.sh --java-opts '-XX:+UseParallelGC'   extra JVM options for our four daemons
#   sudo bash bench/tunnel.sh --ref DIR --mix ref,ours,ours,ref  one world of mixed kinds (root, controller, A, B):
#                                                    an interoperability check measured like the others
#
# --ref DIR: a folder holding another zerotier-one executable (ZeroTier One 1.14 built by you, e.g. with
# `make ZT_SSO_SUPPORTED=0 one` in a checkout of its tag 1.14.1). The script never builds or fetches it. All four
# daemons of a round are of one kind; the identities, the planet and the controller API calls are the same for both.
# Rounds alternate: ours then theirs in odd rounds, theirs then ours in even ones.
#
# Needs root (namespaces, veth, tap), iproute2, iperf3, ping, curl, jq and (for --relay) nftables; installs the
# missing ones with apt-get. Nothing leaves the namespaces it creates: the bridge lives in a namespace of its own
# with no uplink, and every daemon uses our test planet (never a built-in one). Everything (daemons, iperf3,
# namespaces with their bridge and veths, temporary homes) is removed after each round and on exit, also after a
# failure or Ctrl-C, unless --keep.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)"
JAR="$ROOT/app/target/zerotier.jar"

duration=10
build=1
keep=0
pings_file=""
threads=0
rounds=1
relay=0
ref=""
mix=""
extra_opts=""
memory=0
usage() { sed -n '2,35p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while (( $# )); do
    case "$1" in
        --duration) duration="${2:?--duration needs a number of seconds}"; shift 2 ;;
        --duration=*) duration="${1#*=}"; shift ;;
        --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
        --rounds=*) rounds="${1#*=}"; shift ;;
        --ref) ref="${2:?--ref needs a folder}"; shift 2 ;;
        --ref=*) ref="${1#*=}"; shift ;;
        --relay) relay=1; shift ;;
        --mix) mix="${2:?--mix needs four kinds, e.g. ref,ours,ours,ref}"; shift 2 ;;
        --mix=*) mix="${1#*=}"; shift ;;
        --no-build) build=0; shift ;;
        --keep) keep=1; shift ;;
        --pings) pings_file="${2:?--pings needs a file}"; shift 2 ;;
        --threads) threads=1; shift ;;
        --memory) memory=1; shift ;;
        --java-opts) extra_opts="${2?--java-opts needs a value}"; shift 2 ;;
        --java-opts=*) extra_opts="${1#*=}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) printf 'tunnel.sh: unknown option %s\n' "$1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$duration" =~ ^[1-9][0-9]*$ ]] || { echo "tunnel.sh: --duration must be a positive number of seconds" >&2; exit 2; }
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "tunnel.sh: --rounds must be a positive number" >&2; exit 2; }
if [[ -n "$mix" ]]; then
    [[ "$mix" =~ ^(ours|ref),(ours|ref),(ours|ref),(ours|ref)$ ]] || { echo "tunnel.sh: --mix takes four of ours/ref: root,ctl,a,b" >&2; exit 2; }
    [[ "$mix" == *ref* && -z "$ref" ]] && { echo "tunnel.sh: --mix with ref needs --ref DIR" >&2; exit 2; }
fi

say() { printf '[tunnel %5ds] %s\n' "$SECONDS" "$*" >&2; }
die() { printf 'tunnel.sh: %s\n' "$*" >&2; exit 1; }

[[ "$(id -u)" == 0 ]] || die "must run as root (network namespaces, veth, tap): sudo bash bench/tunnel.sh"
if [[ -n "$ref" ]]; then
    ref="$(cd "$ref" 2>/dev/null && pwd -P)" || die "--ref: no such folder"
    [[ -x "$ref/zerotier-one" ]] || die "--ref: $ref/zerotier-one is missing or not executable"
fi

# --- tools ---------------------------------------------------------------------------------------------------
missing=()
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v iperf3 >/dev/null 2>&1 || missing+=(iperf3)
command -v ping >/dev/null 2>&1 || missing+=(iputils-ping)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v jq >/dev/null 2>&1 || missing+=(jq)
(( relay )) && ! command -v nft >/dev/null 2>&1 && missing+=(nftables)
if (( ${#missing[@]} )); then
    command -v apt-get >/dev/null 2>&1 || die "missing: ${missing[*]} (and no apt-get to install them)"
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# shellcheck disable=SC2034  # both read by scripts/env.sh
ZTJ_QUIET=1 ZTJ_NO_MAVEN=1
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"
JAVA="$JAVA_HOME/bin/java"
if (( build )); then
    bash "$ROOT/scripts/build.sh" >&2          # rebuilds only when the sources are newer than the jar
fi
[[ -f "$JAR" ]] || die "$JAR is missing: build it with bash scripts/build.sh (or run without --no-build)"

# Our daemons run exactly as bin/zerotier-one runs them (its JVM options file and the ahead-of-time cache of this
# jar, when scripts/build.sh made one), plus --java-opts.
AOT="$ROOT/app/target/zerotier.aot"
DAEMON_OPTS=("@$ROOT/bin/zerotier-one.jvm-options")
[[ -f "$AOT" && "$AOT" -nt "$JAR" ]] && DAEMON_OPTS+=(-XX:AOTCache="$AOT")
(( memory )) && DAEMON_OPTS+=(-XX:NativeMemoryTracking=summary)
# shellcheck disable=SC2206
DAEMON_OPTS+=($extra_opts)

# --- one world per round ---------------------------------------------------------------------------------------
SUBNET="10.213.0"          # bridge addresses: root .1, controller .2, A .3, B .4 (exist only in our namespaces)
ZTNET="10.213.100"         # the ZeroTier network's pool
NAMES=(root ctl a b)
TOP="$(mktemp -d "${TMPDIR:-/tmp}/ztb.XXXXXX")"
P=""; WORK=""; SW=""
declare -A PID=() NS=() IP=()
namespaces=()
IPERF_PID=""

teardown() {
    local ns pid n
    for ns in "${namespaces[@]}"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    done
    for n in "${!PID[@]}"; do
        pid="${PID[$n]}"
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
    done
    for ns in "${namespaces[@]}"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    done
    # deleting a namespace deletes its interfaces: the bridge, the veths (both ends), the taps
    for (( i=${#namespaces[@]}-1; i>=0; i-- )); do ip netns del "${namespaces[i]}" 2>/dev/null || true; done
    namespaces=(); PID=()
}

cleanup() {
    local rc=$? n
    trap - EXIT INT TERM
    if (( keep )) && (( rc == 0 )) && (( ${#namespaces[@]} )); then
        say "--keep: topology left up. Namespaces: ${namespaces[*]}; homes and logs in $WORK"
        say "remove it with: for ns in \$(ip netns list | awk '/^$P-/ {print \$1}'); do ip netns pids \$ns | xargs -r kill; ip netns del \$ns; done; rm -rf $TOP"
        exit 0
    fi
    if (( rc != 0 && rc != 130 && rc != 143 )) && [[ -n "$WORK" ]]; then
        say "failed (exit $rc); the daemons' logs end with:"
        for n in "${NAMES[@]}"; do
            [[ -f "$WORK/$n.log" ]] && { printf -- '--- %s.log (tail) ---\n' "$n" >&2; tail -n 15 "$WORK/$n.log" >&2; }
        done
    fi
    teardown
    rm -rf "$TOP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

in_ns() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }
tool() { "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dztj.argv0="$1" -jar "$JAR" "${@:2}"; }
now_ms() { local t; t="$(date +%s%N)"; echo $(( t / 1000000 )); }

# Identities and planet: made once, used by every round and both kinds (so both see the same addresses).
for name in "${NAMES[@]}"; do
    mkdir -p "$TOP/ids/$name"
    tool zerotier-idtool generate "$TOP/ids/$name/identity.secret" "$TOP/ids/$name/identity.public" >/dev/null
done
tool zerotier-idtool genplanet "$TOP/planet" "$TOP/ids/root/identity.public@$SUBNET.1/9993" >/dev/null
addr() { cut -c1-10 "$TOP/ids/$1/identity.public"; }

# The local API of a daemon, from inside its namespace: api <name> <method> <path> [body]
api() {
    local name="$1" method="$2" path="$3" body="${4:-}" token port
    token="$(cat "$WORK/$name/authtoken.secret")"
    port="$(cat "$WORK/$name/zerotier-one.port")"
    if [[ -n "$body" ]]; then
        in_ns "${NS[$name]}" curl -fsS --max-time 20 -X "$method" -H "X-ZT1-Auth: $token" \
            -H 'Content-Type: application/json' --data-binary "$body" "http://127.0.0.1:$port$path"
    else
        in_ns "${NS[$name]}" curl -fsS --max-time 20 -X "$method" -H "X-ZT1-Auth: $token" "http://127.0.0.1:$port$path"
    fi
}

# await <seconds> <what> <command...>: polls every 0.1 s until the command succeeds
await() {
    local limit=$(( SECONDS + $1 )) what="$2"; shift 2
    until "$@" >/dev/null 2>&1; do
        (( SECONDS < limit )) || die "timed out waiting for $what"
        for n in "${!PID[@]}"; do kill -0 "${PID[$n]}" 2>/dev/null || die "daemon $n exited (see its log above)"; done
        sleep 0.1
    done
}

online() {
    [[ -s "$WORK/$1/zerotier-one.port" && -s "$WORK/$1/authtoken.secret" ]] || return 1
    [[ "$(api "$1" GET /status 2>/dev/null | jq -r .online)" == true ]]
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# Samples the peak VmRSS of A and B every 0.2 s into $WORK/rss-peak.{a,b} until killed.
rss_sampler() {
    local pa=0 pb=0 ra rb
    while :; do
        ra="$(rss_kb "${PID[a]}")"; rb="$(rss_kb "${PID[b]}")"
        (( ra > pa )) && { pa=$ra; echo "$pa" >"$WORK/rss-peak.a"; }
        (( rb > pb )) && { pb=$rb; echo "$pb" >"$WORK/rss-peak.b"; }
        sleep 0.2
    done
}

# ping_stats <target> <count> <interval>: prints "avg max" RTT in ms
ping_stats() {
    local out
    out="$(in_ns "${NS[a]}" ping -D -c "$2" -i "$3" -W 2 "$1")" || die "ping $1 failed: $out"
    # every reply with its time stamp, for a look at the first seconds ping by ping
    [[ -n "$pings_file" ]] && { echo "# ${kind:-direct} round ${r:-0}: ping -c $2 -i $3 $1"; grep '^\[' <<<"$out"; } >>"$pings_file"
    sed -n 's|.*= [0-9.]*/\([0-9.]*\)/\([0-9.]*\)/.*|\1 \2|p' <<<"$out"
}

# iperf_gbps <target> <streams> <seconds>: prints end.sum_received.bits_per_second in Gbit/s
iperf_gbps() {
    local out bps
    out="$(in_ns "${NS[a]}" iperf3 -c "$1" -P "$2" -t "$3" -J)" || die "iperf3 to $1 failed: $out"
    bps="$(jq -r '.end.sum_received.bits_per_second' <<<"$out")"
    awk -v b="$bps" 'BEGIN { printf "%.3f", b / 1e9 }'
}

# Per-thread CPU of A's and B's daemons, sampled over 5 s in the middle of the single-stream run.
thread_sample() {
    sleep $(( duration > 8 ? duration / 2 - 2 : 1 ))
    {
        echo "--- per-thread CPU over 5 s (top -H), A = pid ${PID[a]}, B = pid ${PID[b]}, during iperf3 -P 1 through the tunnel ---"
        top -H -b -d 5 -n 2 -w 200 -p "${PID[a]},${PID[b]}" | awk '/^top -/ { n++ } n == 2' | sed -n '1,40p'
    } >"$TOP/threads-$1.txt" 2>&1
}

# memory_breakdown <when>: where member A's resident memory goes now (ours, --memory), kept for the report
memory_breakdown() {
    (( memory )) && [[ $kind == ours || ( $kind == mix && ${MIXKIND[a]} == ours ) ]] || return 0
    { echo "--- member A ($kind round $r), $1"; bash "$ROOT/bench/jvm-memory.sh" "${PID[a]}"; } >>"$TOP/memory.txt" 2>&1
}

declare -A R=()     # results: R[<kind>.<round>.<figure>]
KINDS=(ours)
[[ -n "$ref" ]] && KINDS+=(ref)
[[ -n "$mix" ]] && KINDS=(mix)
declare -A MIXKIND=()
if [[ -n "$mix" ]]; then IFS=, read -r MIXKIND[root] MIXKIND[ctl] MIXKIND[a] MIXKIND[b] <<<"$mix"; fi

# run_round <kind> <round>: builds the world, measures, tears it down
run_round() {
    local kind="$1" r="$2" name n=0 ns t0 nwid dev v4 out key="$1.$2" sampler
    P="ztb-$$-$r-$kind"; SW="$P-sw"; WORK="$TOP/$kind-$r"
    mkdir -p "$WORK"
    ip netns add "$SW"; namespaces+=("$SW")
    ip -n "$SW" link add br0 type bridge
    ip -n "$SW" link set br0 up
    for name in "${NAMES[@]}"; do
        n=$((n + 1)); ns="$P-$name"
        ip netns add "$ns"; namespaces+=("$ns")
        ip -n "$ns" link add eth0 type veth peer name "p$n" netns "$SW"
        ip -n "$SW" link set "p$n" master br0
        ip -n "$SW" link set "p$n" up
        ip -n "$ns" addr add "$SUBNET.$n/24" dev eth0
        ip -n "$ns" link set eth0 up
        ip -n "$ns" link set lo up
        NS[$name]="$ns"; IP[$name]="$SUBNET.$n"
        mkdir -p "$WORK/$name"
        cp "$TOP/ids/$name/identity.secret" "$TOP/ids/$name/identity.public" "$TOP/planet" "$WORK/$name/"
        chmod 600 "$WORK/$name/identity.secret"
    done
    if (( relay )); then
        # A and B cannot reach each other directly: every packet between them goes through the root
        in_ns "$SW" nft -f - <<EOF
table bridge ztbench {
    chain forward {
        type filter hook forward priority 0; policy accept;
        ip saddr ${IP[a]} ip daddr ${IP[b]} drop
        ip saddr ${IP[b]} ip daddr ${IP[a]} drop
    }
}
EOF
    fi

    # The root first (as users have it: their roots are up), then the controller and both members together.
    declare -A START=()
    start_daemon() {
        local name="$1" k="$kind"
        [[ $k == mix ]] && k="${MIXKIND[$name]}"
        START[$name]="$(now_ms)"
        # ip netns exec execs the program, so $! is the daemon's pid (no function here: it would add a subshell)
        if [[ $k == ours ]]; then
            ip netns exec "${NS[$name]}" "$JAVA" "${DAEMON_OPTS[@]}" -Dztj.argv0=zerotier-one -jar "$JAR" -U "$WORK/$name" \
                >"$WORK/$name.log" 2>&1 &
        else
            ip netns exec "${NS[$name]}" "$ref/zerotier-one" -U "$WORK/$name" >"$WORK/$name.log" 2>&1 &
        fi
        PID[$name]=$!
    }
    # await_online <name...>: polls every 50 ms, records each daemon's start-to-ONLINE
    await_online() {
        local pending=("$@") still name limit=$(( SECONDS + 120 ))
        while (( ${#pending[@]} )); do
            still=()
            for name in "${pending[@]}"; do
                kill -0 "${PID[$name]}" 2>/dev/null || die "daemon $name ($kind) exited"
                if online "$name"; then R[$key.online.$name]=$(( $(now_ms) - START[$name] )); else still+=("$name"); fi
            done
            pending=("${still[@]}")
            (( ${#pending[@]} == 0 )) && break
            (( SECONDS < limit )) || die "timed out waiting for ${pending[*]} ($kind) to be ONLINE"
            sleep 0.05
        done
    }
    start_daemon root
    await_online root
    for name in ctl a b; do start_daemon "$name"; done
    await_online ctl a b
    say "$kind round $r: ONLINE after root ${R[$key.online.root]} ms, ctl ${R[$key.online.ctl]} ms, A ${R[$key.online.a]} ms, B ${R[$key.online.b]} ms"

    nwid="$(api ctl POST "/controller/network/$(addr ctl)______" '{"name":"bench","private":true,
      "v4AssignMode":{"zt":true},"ipAssignmentPools":[{"ipRangeStart":"'"$ZTNET"'.10","ipRangeEnd":"'"$ZTNET"'.250"}],
      "routes":[{"target":"'"$ZTNET"'.0/24"}]}' | jq -r .id)"
    [[ "$nwid" =~ ^[0-9a-f]{16}$ ]] || die "the controller did not create a network (got: $nwid)"
    for name in a b; do
        api ctl POST "/controller/network/$nwid/member/$(addr "$name")" '{"authorized":true}' >/dev/null
        api "$name" POST "/network/$nwid" '{}' >/dev/null
    done
    declare -A DEV=() ZIP=()
    port_ready() {
        local name="$1" net
        net="$(api "$name" GET "/network/$nwid")"
        [[ "$(jq -r .status <<<"$net")" == OK ]] || return 1
        dev="$(jq -r '.portDeviceName // empty' <<<"$net")"
        v4="$(jq -r '[.assignedAddresses[] | select(contains(":") | not)][0] // empty | split("/")[0]' <<<"$net")"
        [[ -n "$dev" && -n "$v4" ]] || return 1
        in_ns "${NS[$name]}" ip -o -4 addr show dev "$dev" | grep -q " $v4/" || return 1
        DEV[$name]="$dev"; ZIP[$name]="$v4"
    }
    for name in a b; do await 90 "$name's tap to carry its IPv4" port_ready "$name"; done
    await 60 "A to ping B through the tunnel" in_ns "${NS[a]}" ping -c 1 -W 1 "${ZIP[b]}"
    say "$kind round $r: network $nwid, A ${DEV[a]} ${ZIP[a]}, B ${DEV[b]} ${ZIP[b]}; measuring (no warm-up)"
    R[$key.rss_idle.a]="$(rss_kb "${PID[a]}")"; R[$key.rss_idle.b]="$(rss_kb "${PID[b]}")"
    memory_breakdown idle

    ip netns exec "${NS[b]}" iperf3 -s >"$WORK/iperf3-server.log" 2>&1 &
    IPERF_PID=$!
    await 10 "the iperf3 server" bash -c "ip netns exec '${NS[b]}' ss -Hltn 'sport = :5201' | grep -q ."

    local target="${ZIP[b]}"
    read -r "R[$key.p200]" "R[$key.p200max]" < <(ping_stats "$target" 30 0.2)
    read -r "R[$key.p1s]" "R[$key.p1smax]" < <(ping_stats "$target" 10 1)
    read -r "R[$key.burst]" "R[$key.burstmax]" < <(ping_stats "$target" 200 0.005)
    echo 0 >"$WORK/rss-peak.a"; echo 0 >"$WORK/rss-peak.b"
    rss_sampler & sampler=$!
    local top_pid=""
    if [[ $kind == ours ]] && (( threads )); then thread_sample "$r" & top_pid=$!; fi
    R[$key.cold1]="$(iperf_gbps "$target" 1 "$duration")"
    R[$key.p4]="$(iperf_gbps "$target" 4 "$duration")"
    R[$key.warm1]="$(iperf_gbps "$target" 1 "$duration")"
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
    [[ -n "$top_pid" ]] && { wait "$top_pid" 2>/dev/null || true; }
    R[$key.rss_load.a]="$(cat "$WORK/rss-peak.a")"; R[$key.rss_load.b]="$(cat "$WORK/rss-peak.b")"
    read -r "R[$key.p200after]" _ < <(ping_stats "$target" 10 0.2)
    R[$key.rss_after.a]="$(rss_kb "${PID[a]}")"; R[$key.rss_after.b]="$(rss_kb "${PID[b]}")"
    memory_breakdown "after load"
    if [[ -n "$pings_file" ]]; then
        for name in "${NAMES[@]}"; do
            echo "# $kind round $r: $name started at $(awk -v t="${START[$name]}" 'BEGIN { printf "%.3f", t / 1000 }')"
            { grep -h 'warm-up' "$WORK/$name.log" 2>/dev/null || true; } | sed "s/^/# $kind round $r: $name: /"
        done >>"$pings_file"
    fi
    # the direct veth path once per round, for scale (the same for both kinds)
    if (( ! relay )) && [[ -z "${R[direct.p1]:-}" ]]; then
        read -r "R[direct.p200]" _ < <(ping_stats "${IP[b]}" 30 0.2)
        R[direct.p1]="$(iperf_gbps "${IP[b]}" 1 "$duration")"
    fi
    kill "$IPERF_PID" 2>/dev/null || true
    say "$kind round $r: 1 stream ${R[$key.cold1]} / ${R[$key.warm1]} Gbit/s, 4 streams ${R[$key.p4]}, ping 200 ms ${R[$key.p200]} ms"
    if (( keep )) && (( r == rounds )) && [[ $kind == "${ORDER_LAST}" ]]; then return; fi
    teardown
}

machine="$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)"
refver=""
[[ -n "$ref" ]] && refver="$("$ref/zerotier-one" -v 2>/dev/null | head -n 1)"
for (( r = 1; r <= rounds; r++ )); do
    if (( r % 2 == 1 )); then order=("${KINDS[@]}"); else order=(); for (( i=${#KINDS[@]}-1; i>=0; i-- )); do order+=("${KINDS[i]}"); done; fi
    ORDER_LAST="${order[-1]}"
    for kind in "${order[@]}"; do run_round "$kind" "$r"; done
done

# --- report ----------------------------------------------------------------------------------------------------
label() { case $1 in ours) echo "ours" ;; mix) echo "mix $mix" ;; *) echo "ref ${refver:-?}" ;; esac; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
# range <kind> <figure>: "min - max" over the rounds (or the value when one round)
range() {
    local k="$1" f="$2" v lo="" hi=""
    for (( r = 1; r <= rounds; r++ )); do
        v="${R[$k.$r.$f]:-}"; [[ -n "$v" ]] || continue
        if [[ -z "$lo" ]] || awk -v a="$v" -v b="$lo" 'BEGIN { exit !(a < b) }'; then lo="$v"; fi
        if [[ -z "$hi" ]] || awk -v a="$v" -v b="$hi" 'BEGIN { exit !(a > b) }'; then hi="$v"; fi
    done
    if [[ "$lo" == "$hi" ]]; then echo "$lo"; else echo "$lo - $hi"; fi
}
median() {
    local k="$1" f="$2" r vals=()
    for (( r = 1; r <= rounds; r++ )); do [[ -n "${R[$k.$r.$f]:-}" ]] && vals+=("${R[$k.$r.$f]}"); done
    printf '%s\n' "${vals[@]}" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for k in "${KINDS[@]}"; do for (( r = 1; r <= rounds; r++ )); do
    for w in idle load after; do
        ra="${R[$k.$r.rss_$w.a]}"; rb="${R[$k.$r.rss_$w.b]}"
        R[$k.$r.rss_$w]="$(mb "$(( ra > rb ? ra : rb ))")"
    done
done; done

echo
mode="direct between the members"; (( relay )) && mode="RELAYED through the root (A <-> B dropped on the bridge)"
echo "ZeroTier tunnel A -> B, $mode; $rounds round(s), iperf3 TCP ${duration} s, no warm-up"
echo "machine: $machine"
echo "ours: $("$JAVA" -version 2>&1 | grep -m1 -E 'version|build'), JVM options ${DAEMON_OPTS[*]}"
[[ -n "$ref" ]] && echo "ref: $ref/zerotier-one $refver"
[[ -n "${R[direct.p1]:-}" ]] && echo "direct veth A -> B (scale): 1 stream ${R[direct.p1]} Gbit/s, ping 200 ms ${R[direct.p200]} ms"
echo
rows=(
    "cold1|1 TCP stream, first run (Gbit/s)|up"
    "warm1|1 TCP stream, warm (Gbit/s)|up"
    "p4|4 TCP streams (Gbit/s)|up"
    "p200|ping every 200 ms, avg (ms)|down"
    "p1s|ping every 1 s, avg (ms)|down"
    "burst|ping burst 200 x 5 ms, avg (ms)|down"
    "p200after|ping every 200 ms after load (ms)|down"
    "rss_idle|member RSS idle, larger of A/B (MB)|down"
    "rss_load|member RSS peak under load (MB)|down"
    "rss_after|member RSS after load (MB)|down"
    "online.root|root start to ONLINE (ms)|down"
    "online.ctl|controller start to ONLINE (ms)|down"
    "online.a|member A start to ONLINE (ms)|down"
    "online.b|member B start to ONLINE (ms)|down"
)
if [[ -n "$ref" && -z "$mix" ]]; then
    printf '%-40s %-22s %-22s %s\n' "figure" "$(label ref)" "ours" "ours/ref (median)"
else
    printf '%-40s %-22s\n' "figure" "$(label "${KINDS[0]}")"
fi
for row in "${rows[@]}"; do
    IFS='|' read -r f text _ <<<"$row"
    if [[ -n "$ref" && -z "$mix" ]]; then
        printf '%-40s %-22s %-22s %s\n' "$text" "$(range ref "$f")" "$(range ours "$f")" "$(ratio "$(median ours "$f")" "$(median ref "$f")")"
    else
        printf '%-40s %-22s\n' "$text" "$(range "${KINDS[0]}" "$f")"
    fi
done
echo
echo "per round:"
for (( r = 1; r <= rounds; r++ )); do
    for k in "${KINDS[@]}"; do
        printf '  round %d %-5s 1 stream %s/%s, 4 streams %s Gbit/s; ping 200 ms %s (max %s), 1 s %s (max %s), burst %s ms; RSS idle/load/after %s/%s/%s MB; ONLINE root/ctl/a/b %s/%s/%s/%s ms\n' \
            "$r" "$k" "${R[$k.$r.cold1]}" "${R[$k.$r.warm1]}" "${R[$k.$r.p4]}" "${R[$k.$r.p200]}" "${R[$k.$r.p200max]}" \
            "${R[$k.$r.p1s]}" "${R[$k.$r.p1smax]}" "${R[$k.$r.burst]}" "${R[$k.$r.rss_idle]}" "${R[$k.$r.rss_load]}" \
            "${R[$k.$r.rss_after]}" "${R[$k.$r.online.root]}" "${R[$k.$r.online.ctl]}" "${R[$k.$r.online.a]}" "${R[$k.$r.online.b]}"
    done
done
if (( memory )) && [[ -f "$TOP/memory.txt" ]]; then echo; cat "$TOP/memory.txt"; fi
if (( threads )); then for f in "$TOP"/threads-*.txt; do [[ -f "$f" ]] && { echo; cat "$f"; }; done; fi

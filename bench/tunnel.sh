#!/usr/bin/env bash
# Benchmarks the virtual Ethernet tunnel against the direct path: a private ZeroTier world in network namespaces
# (root, controller and two members, each in its own namespace with a veth on one bridge), then iperf3 TCP (one
# stream and 4 streams) and ping from member A to member B, once through the tunnel (B's ZeroTier IPv4 on its tap)
# and once directly over the veth (B's bridge address). Prints both paths and the ratio tunnel/direct.
#
#   sudo bash bench/tunnel.sh                        build the jar when stale, 10 s per iperf3 run
#   sudo bash bench/tunnel.sh --duration 30          longer iperf3 runs
#   sudo bash bench/tunnel.sh --no-build             use app/target/zerotier.jar as it is
#   sudo bash bench/tunnel.sh --threads              also print the daemons' per-thread CPU during the tunnel run
#   sudo bash bench/tunnel.sh --keep                 leave the topology up at the end (prints how to remove it)
#   sudo bash bench/tunnel.sh --java-opts '-XX:+UseParallelGC'   extra JVM options for the four daemons
#
# Needs root (namespaces, veth, tap), iproute2, iperf3, ping, curl and jq; installs the missing ones with apt-get.
# Nothing leaves the namespaces it creates: the bridge lives in a namespace of its own with no uplink, and every
# daemon uses a planet made by our genplanet whose only root is the root daemon at its bridge address (never the
# built-in planet). Everything (daemons, iperf3, namespaces with their bridge and veths, temporary homes) is removed
# on exit, also after a failure or Ctrl-C, unless --keep.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)"
JAR="$ROOT/app/target/zerotier.jar"

duration=10
build=1
keep=0
threads=0
extra_opts=""
usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while (( $# )); do
    case "$1" in
        --duration) duration="${2:?--duration needs a number of seconds}"; shift 2 ;;
        --duration=*) duration="${1#*=}"; shift ;;
        --no-build) build=0; shift ;;
        --keep) keep=1; shift ;;
        --threads) threads=1; shift ;;
        --java-opts) extra_opts="${2?--java-opts needs a value}"; shift 2 ;;
        --java-opts=*) extra_opts="${1#*=}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) printf 'tunnel.sh: unknown option %s\n' "$1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$duration" =~ ^[1-9][0-9]*$ ]] || { echo "tunnel.sh: --duration must be a positive number of seconds" >&2; exit 2; }

say() { printf '[tunnel %5ds] %s\n' "$SECONDS" "$*" >&2; }
die() { printf 'tunnel.sh: %s\n' "$*" >&2; exit 1; }

[[ "$(id -u)" == 0 ]] || die "must run as root (network namespaces, veth, tap): sudo bash bench/tunnel.sh"

# --- tools ---------------------------------------------------------------------------------------------------
missing=()
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v iperf3 >/dev/null 2>&1 || missing+=(iperf3)
command -v ping >/dev/null 2>&1 || missing+=(iputils-ping)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v jq >/dev/null 2>&1 || missing+=(jq)
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

# --- topology ------------------------------------------------------------------------------------------------
P="ztb-$$"                 # namespace prefix, unique per run
SW="$P-sw"                 # the bridge's namespace
SUBNET="10.213.0"          # bridge addresses: root .1, controller .2, A .3, B .4 (exist only in our namespaces)
ZTNET="10.213.100"         # the ZeroTier network's pool
NAMES=(root ctl a b)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ztb.XXXXXX")"
declare -A PID=()          # daemon pids by name
namespaces=()

cleanup() {
    local rc=$? n ns pid
    trap - EXIT INT TERM
    if (( keep )) && (( rc == 0 )); then
        say "--keep: topology left up. Namespaces: ${namespaces[*]}; homes and logs in $WORK"
        say "remove it with: for ns in \$(ip netns list | awk '/^$P-/ {print \$1}'); do ip netns pids \$ns | xargs -r kill; ip netns del \$ns; done; rm -rf $WORK"
        exit 0
    fi
    if (( rc != 0 && rc != 130 && rc != 143 )); then
        say "failed (exit $rc); the daemons' logs end with:"
        for n in "${NAMES[@]}"; do
            [[ -f "$WORK/$n.log" ]] && { printf -- '--- %s.log (tail) ---\n' "$n" >&2; tail -n 15 "$WORK/$n.log" >&2; }
        done
    fi
    # every process still inside our namespaces (daemons, iperf3 servers), by pid
    for ns in "${namespaces[@]}"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    done
    for pid in "${PID[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
    done
    for ns in "${namespaces[@]}"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    done
    # deleting a namespace deletes its interfaces: the bridge, the veths (both ends), the taps
    for (( i=${#namespaces[@]}-1; i>=0; i-- )); do ip netns del "${namespaces[i]}" 2>/dev/null || true; done
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

in_ns() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }
tool() { "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dztj.argv0="$1" -jar "$JAR" "${@:2}"; }

say "namespaces $P-*, bridge subnet $SUBNET.0/24, homes in $WORK"
ip netns add "$SW"; namespaces+=("$SW")
ip -n "$SW" link add br0 type bridge
ip -n "$SW" link set br0 up
declare -A NS=() IP=()
n=0
for name in "${NAMES[@]}"; do
    n=$((n + 1))
    ns="$P-$name"
    ip netns add "$ns"; namespaces+=("$ns")
    ip -n "$ns" link add eth0 type veth peer name "p$n" netns "$SW"
    ip -n "$SW" link set "p$n" master br0
    ip -n "$SW" link set "p$n" up
    ip -n "$ns" addr add "$SUBNET.$n/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    NS[$name]="$ns"
    IP[$name]="$SUBNET.$n"
    mkdir -p "$WORK/$name"
    tool zerotier-idtool generate "$WORK/$name/identity.secret" "$WORK/$name/identity.public" >/dev/null
done
tool zerotier-idtool genplanet "$WORK/planet" "$WORK/root/identity.public@${IP[root]}/9993" >/dev/null
addr() { cut -c1-10 "$WORK/$1/identity.public"; }

# The daemons run as bin/zerotier-one runs them (default GC, full JIT), plus --java-opts.
# shellcheck disable=SC2206
DAEMON_OPTS=(-Xshare:auto --enable-native-access=ALL-UNNAMED $extra_opts)
for name in "${NAMES[@]}"; do
    cp "$WORK/planet" "$WORK/$name/planet"
    # ip netns exec execs the program, so $! is the daemon's pid (no function here: it would add a subshell)
    ip netns exec "${NS[$name]}" "$JAVA" "${DAEMON_OPTS[@]}" -Dztj.argv0=zerotier-one -jar "$JAR" -U "$WORK/$name" \
        >"$WORK/$name.log" 2>&1 &
    PID[$name]=$!
done
say "daemons started (JVM options: ${DAEMON_OPTS[*]})"

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

# await <seconds> <what> <command...>: polls every 0.5 s until the command succeeds
await() {
    local limit=$(( SECONDS + $1 )) what="$2"; shift 2
    until "$@" >/dev/null 2>&1; do
        (( SECONDS < limit )) || die "timed out waiting for $what"
        for n in "${!PID[@]}"; do kill -0 "${PID[$n]}" 2>/dev/null || die "daemon $n exited (see its log above)"; done
        sleep 0.5
    done
}

online() { [[ -f "$WORK/$1/zerotier-one.port" ]] && [[ "$(api "$1" GET /status | jq -r .online)" == true ]]; }
for name in "${NAMES[@]}"; do await 120 "$name to be ONLINE" online "$name"; done
say "all four daemons ONLINE"

NWID="$(api ctl POST "/controller/network/$(addr ctl)______" '{"name":"bench","private":true,
  "v4AssignMode":{"zt":true},"ipAssignmentPools":[{"ipRangeStart":"'"$ZTNET"'.10","ipRangeEnd":"'"$ZTNET"'.250"}],
  "routes":[{"target":"'"$ZTNET"'.0/24"}]}' | jq -r .id)"
[[ "$NWID" =~ ^[0-9a-f]{16}$ ]] || die "the controller did not create a network (got: $NWID)"
for name in a b; do
    api ctl POST "/controller/network/$NWID/member/$(addr "$name")" '{"authorized":true}' >/dev/null
    out="$(in_ns "${NS[$name]}" "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        -Dztj.argv0=zerotier-cli -jar "$JAR" "-D$WORK/$name" join "$NWID")"
    [[ "$out" == *"200 join OK"* ]] || die "$name: zerotier-cli join said: $out"
done
say "network $NWID created, A and B authorized and joined"

declare -A DEV=() ZIP=()
port_ready() {
    local name="$1" net dev v4
    net="$(api "$name" GET "/network/$NWID")"
    [[ "$(jq -r .status <<<"$net")" == OK ]] || return 1
    dev="$(jq -r '.portDeviceName // empty' <<<"$net")"
    v4="$(jq -r '[.assignedAddresses[] | select(contains(":") | not)][0] // empty | split("/")[0]' <<<"$net")"
    [[ -n "$dev" && -n "$v4" ]] || return 1
    in_ns "${NS[$name]}" ip -o -4 addr show dev "$dev" | grep -q " $v4/" || return 1
    DEV[$name]="$dev"; ZIP[$name]="$v4"
}
for name in a b; do await 90 "$name's tap to carry its IPv4" port_ready "$name"; done
say "taps: A ${DEV[a]} ${ZIP[a]}, B ${DEV[b]} ${ZIP[b]}"
await 60 "A to ping B through the tunnel" in_ns "${NS[a]}" ping -c 1 -W 1 "${ZIP[b]}"
say "A pings B through the tunnel"

# --- measurements ----------------------------------------------------------------------------------------------
ip netns exec "${NS[b]}" iperf3 -s >"$WORK/iperf3-server.log" 2>&1 &
IPERF_PID=$!
listening() { in_ns "${NS[b]}" ss -Hltn 'sport = :5201' | grep -q .; }
await 10 "the iperf3 server" listening

# ping_avg <target>: warm-up, then 50 pings 50 ms apart; prints the average RTT in ms
ping_avg() {
    local out
    in_ns "${NS[a]}" ping -q -c 5 -i 0.2 -W 2 "$1" >/dev/null || true
    out="$(in_ns "${NS[a]}" ping -q -c 50 -i 0.05 -W 2 "$1")" || die "ping $1 failed: $out"
    sed -n 's|.*= [0-9.]*/\([0-9.]*\)/.*|\1|p' <<<"$out"
}

# iperf_gbps <target> <streams>: prints end.sum_received.bits_per_second in Gbit/s
iperf_gbps() {
    local out bps
    out="$(in_ns "${NS[a]}" iperf3 -c "$1" -P "$2" -t "$duration" -J)" || die "iperf3 to $1 failed: $out"
    bps="$(jq -r '.end.sum_received.bits_per_second' <<<"$out")"
    awk -v b="$bps" 'BEGIN { printf "%.3f", b / 1e9 }'
}

# Per-thread CPU of A's and B's daemons, sampled over 5 s in the middle of the tunnel's single-stream run.
thread_sample() {
    sleep $(( duration > 8 ? duration / 2 - 2 : 1 ))
    {
        echo "--- per-thread CPU over 5 s (top -H), A = pid ${PID[a]}, B = pid ${PID[b]}, during iperf3 -P 1 through the tunnel ---"
        top -H -b -d 5 -n 2 -w 200 -p "${PID[a]},${PID[b]}" | awk '/^top -/ { n++ } n == 2' | sed -n '1,40p'
        echo "--- whole machine (top, same 5 s not guaranteed) ---"
        top -b -d 3 -n 2 -w 200 | awk '/^top -/ { n++ } n == 2' | sed -n '7,16p'
    } >"$WORK/threads.txt" 2>&1
}

say "warm-up: iperf3 2 s each way"
in_ns "${NS[a]}" iperf3 -c "${ZIP[b]}" -t 2 >/dev/null
in_ns "${NS[a]}" iperf3 -c "${IP[b]}" -t 2 >/dev/null

declare -A R=()
for path in direct tunnel; do
    if [[ $path == tunnel ]]; then target="${ZIP[b]}"; else target="${IP[b]}"; fi
    say "$path: ping $target"
    R[$path.ping]="$(ping_avg "$target")"
    say "$path: iperf3 1 stream, ${duration} s"
    if [[ $path == tunnel ]] && (( threads )); then thread_sample & TOP_PID=$!; fi
    R[$path.p1]="$(iperf_gbps "$target" 1)"
    if [[ $path == tunnel ]] && (( threads )); then wait "$TOP_PID" || true; fi
    say "$path: iperf3 4 streams, ${duration} s"
    R[$path.p4]="$(iperf_gbps "$target" 4)"
done
kill "$IPERF_PID" 2>/dev/null || true

# --- report ----------------------------------------------------------------------------------------------------
ratio() { awk -v t="$1" -v d="$2" 'BEGIN { if (d > 0) printf "%.2f", t / d; else print "-" }'; }
added="$(awk -v t="${R[tunnel.ping]}" -v d="${R[direct.ping]}" 'BEGIN { printf "%.3f", t - d }')"
echo
echo "ZeroTier virtual Ethernet (tap) vs direct veth, A -> B, iperf3 TCP ${duration} s, ping 50 x 50 ms"
echo "$(nproc) cores, $(uname -r), $("$JAVA" -version 2>&1 | head -n 1), daemon JVM options: ${DAEMON_OPTS[*]}"
echo
printf '%-22s %14s %14s %14s\n' "path" "1 stream Gb/s" "4 streams Gb/s" "ping avg ms"
printf '%-22s %14s %14s %14s\n' "direct (veth)" "${R[direct.p1]}" "${R[direct.p4]}" "${R[direct.ping]}"
printf '%-22s %14s %14s %14s\n' "tunnel (${DEV[a]})" "${R[tunnel.p1]}" "${R[tunnel.p4]}" "${R[tunnel.ping]}"
printf '%-22s %14s %14s %14s\n' "tunnel / direct" "$(ratio "${R[tunnel.p1]}" "${R[direct.p1]}")" \
    "$(ratio "${R[tunnel.p4]}" "${R[direct.p4]}")" "$(ratio "${R[tunnel.ping]}" "${R[direct.ping]}")"
echo
echo "RTT added by the tunnel: $added ms (target <= 0.3 ms); tunnel single stream: ${R[tunnel.p1]} Gbit/s (target >= 1.0)"
if (( threads )) && [[ -f "$WORK/threads.txt" ]]; then
    echo
    cat "$WORK/threads.txt"
fi

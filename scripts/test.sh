#!/usr/bin/env bash
# Runs the whole test suite: mvn -B verify over every module. Extra arguments are passed to Maven.
# As root, first installs what the system tests use (iproute2, iperf3, nftables, curl, dig; for the Debian package
# test dpkg-dev, binutils, lintian, systemd; for the web UI's browser test chromium and chromium-driver; for the port
# mapping test miniupnpd and miniupnpc) when missing, and promtool (package prometheus) that checks the daemon's
# /metrics scrape; not as root, those tests skip themselves when the tools or privileges are missing.
# As root, also installs PostgreSQL when missing and starts a private test server (127.0.0.1 only, data in
# /var/lib/postgresql/ztj-test, left running for the next run) for the controller's PostgreSQL storage tests, and
# exports ZTJ_TEST_PG_URL, ZTJ_TEST_PG_USER and ZTJ_TEST_PG_PASSWORD; without them those tests skip.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"

# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"

if ztj_is_root && command -v apt-get >/dev/null 2>&1; then
    missing=()
    command -v ip >/dev/null 2>&1 || missing+=(iproute2)
    command -v iperf3 >/dev/null 2>&1 || missing+=(iperf3)
    command -v nft >/dev/null 2>&1 || missing+=(nftables)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    command -v ping >/dev/null 2>&1 || missing+=(iputils-ping)
    command -v dig >/dev/null 2>&1 || missing+=(dnsutils) # the DNS system test (systest MemberDnsTest)
    command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
    # the NAT traversal system tests read the routers' connection tracking (NatTraversalTest)
    command -v conntrack >/dev/null 2>&1 || missing+=(conntrack)
    # the Debian package test (systest DebianPackageTest): building, checking and installing the package
    command -v dpkg-shlibdeps >/dev/null 2>&1 || missing+=(dpkg-dev)
    command -v strip >/dev/null 2>&1 || missing+=(binutils)
    command -v lintian >/dev/null 2>&1 || missing+=(lintian)
    command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
    # the port mapping test (systest PortMappingTest): miniupnpd as the router's IGD (its nftables backend), upnpc
    [[ -x /usr/sbin/miniupnpd ]] || missing+=(miniupnpd-nftables)
    command -v upnpc >/dev/null 2>&1 || missing+=(miniupnpc)
    command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
    # the web UI's browser test (systest WebUiBrowserTest): headless chromium driven through chromedriver
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
    if (( ${#missing[@]} )); then
        ztj_info "installing ${missing[*]} for the system tests"
        ztj_apt_install "${missing[@]}" >/dev/null 2>&1 \
            || ztj_error "could not install ${missing[*]}; the system tests that need them will skip"
    fi
fi

# Starts (once; later runs find it running) the PostgreSQL server for the controller's storage tests and exports
# its coordinates. Returns non-zero, having said why, when that is not possible.
ztj_start_test_postgres() {
    local data=/var/lib/postgresql/ztj-test bin port="" p
    if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
        ztj_info "installing postgresql for the controller's storage tests"
        ztj_apt_install postgresql >/dev/null 2>&1 || { ztj_error "could not install postgresql"; return 1; }
    fi
    bin="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    id postgres >/dev/null 2>&1 || { ztj_error "no postgres system user"; return 1; }
    command -v runuser >/dev/null 2>&1 || { ztj_error "runuser is missing"; return 1; }
    if [[ ! -s "$data/PG_VERSION" ]]; then
        mkdir -p "$data" && chown postgres:postgres "$data" && chmod 700 "$data" || return 1
        runuser -u postgres -- "$bin/initdb" -D "$data" -U postgres --auth-local=trust \
            --auth-host=scram-sha-256 >/dev/null || { ztj_error "initdb failed"; return 1; }
    fi
    if [[ -s "$data/ztj-port" ]]; then
        port="$(cat "$data/ztj-port")"
    else
        for p in 55432 55433 55434 55435 5432; do
            if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port="$p"; break; fi
        done
        [[ -n "$port" ]] || { ztj_error "no free port for the test PostgreSQL server"; return 1; }
        printf '%s\n' "$port" >"$data/ztj-port"
    fi
    if ! runuser -u postgres -- "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        ztj_info "starting the test PostgreSQL server on 127.0.0.1:$port"
        runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$data" start >/dev/null \
            || { ztj_error "the test PostgreSQL server did not start; see $data/server.log"; return 1; }
    fi
    local psql=(runuser -u postgres -- "$bin/psql" -h "$data" -p "$port" -U postgres -d postgres -qtA -v ON_ERROR_STOP=1)
    if [[ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'ztj_test'")" != 1 ]]; then
        "${psql[@]}" -c "CREATE ROLE ztj_test LOGIN PASSWORD 'ztj_test'" >/dev/null || return 1
    fi
    if [[ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'ztj_test'")" != 1 ]]; then
        "${psql[@]}" -c "CREATE DATABASE ztj_test OWNER ztj_test" >/dev/null || return 1
    fi
    export ZTJ_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/ztj_test"
    export ZTJ_TEST_PG_USER=ztj_test
    export ZTJ_TEST_PG_PASSWORD=ztj_test
}

if ztj_is_root && [[ -z "${ZTJ_TEST_PG_URL:-}" ]] && command -v apt-get >/dev/null 2>&1; then
    ztj_start_test_postgres || ztj_error "no test PostgreSQL server; the controller's PostgreSQL storage tests will skip"
fi

exec mvn -B verify "$@"

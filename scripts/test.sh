#!/usr/bin/env bash
# Runs the whole test suite: mvn -B verify over every module. Extra arguments are passed to Maven.
# As root, first installs what the system tests use (iproute2, iperf3, nftables) when missing; not as root,
# those tests skip themselves when the tools or privileges are missing.
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
    if (( ${#missing[@]} )); then
        ztj_info "installing ${missing[*]} for the system tests"
        ztj_apt_install "${missing[@]}" >/dev/null 2>&1 \
            || ztj_error "could not install ${missing[*]}; the system tests that need them will skip"
    fi
fi

exec mvn -B verify "$@"

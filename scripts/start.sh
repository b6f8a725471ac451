#!/usr/bin/env bash
# Builds (when needed) and starts the main program, bin/zerotier-one, with the arguments given.
# Today, without arguments, it creates its home folder with an identity and prints its help.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)"

bash "$ROOT/scripts/build.sh"
exec "$ROOT/bin/zerotier-one" "$@"

#!/bin/sh
# Uninstalls ztj (ZeroTier One in Java) installed from its Debian package. The home folder
# /var/lib/zerotier-one keeps the node's identity and settings, so that installing again gives the same node;
# with --purge it is deleted as well.
set -e
case "${1:-}" in
    "") action=remove ;;
    --purge) action=purge ;;
    *)
        echo "Usage: $0 [--purge]" >&2
        exit 2
        ;;
esac
if [ "$(id -u)" != 0 ]; then
    echo "$0: must be run as root" >&2
    exit 1
fi
if command -v apt-get >/dev/null 2>&1; then
    exec apt-get -y "$action" ztj
fi
exec dpkg "--$action" ztj

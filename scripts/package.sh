#!/usr/bin/env bash
# Builds the Debian package dist/ztj_<version>_<arch>.deb: a Java runtime made with jlink (only the modules the
# jar needs: no JDK on the target), the jar, the ahead-of-time cache trained with that runtime, the launcher
# /usr/sbin/zerotier-one with zerotier-cli and zerotier-idtool linked to it, the systemd unit, the init script and the
# maintainer scripts from packaging/deb/, the bash completion of packaging/bash-completion/.
#   bash scripts/package.sh                  package app/target/zerotier.jar (built first when missing or stale)
#   bash scripts/package.sh --jar FILE       package this jar as it is
#   bash scripts/package.sh --out DIR        write the package into DIR instead of dist/
# Needs a JDK 25 (found by scripts/env.sh), dpkg-deb, dpkg-shlibdeps (dpkg-dev) and strip (binutils).
# Prints the package's path on stdout; everything else goes to stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd -P)"
cd "$ROOT"

jar=""
out="$ROOT/dist"
while (( $# )); do
    case "$1" in
        --jar) jar="$(readlink -f -- "$2")"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        *) printf 'usage: bash scripts/package.sh [--jar FILE] [--out DIR]\n' >&2; exit 2 ;;
    esac
done

ZTJ_NO_MAVEN=1
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"

for tool in dpkg-deb dpkg-shlibdeps strip; do
    command -v "$tool" >/dev/null 2>&1 \
        || ztj_die "$tool is missing: apt-get install dpkg-dev binutils"
done

if [[ -z "$jar" ]]; then
    bash "$ROOT/scripts/build.sh" >&2
    jar="$ROOT/app/target/zerotier.jar"
fi
[[ -f "$jar" ]] || ztj_die "no jar at $jar"

SRC="$ROOT/packaging/deb"
arch="$(dpkg --print-architecture)"
# Maven's 0.1.0-SNAPSHOT is Debian's 0.1.0~snapshot, which sorts before the 0.1.0 release
pom_version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)"
version="$(printf '%s' "$pom_version" | tr 'A-Z' 'a-z' | sed 's/-/~/g')"
maintainer="${DEBFULLNAME:-$(git config user.name || echo ztj)} <${DEBEMAIL:-$(git config user.email || echo ztj@localhost)}>"
commit="$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
# reproducible dates: the commit's
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pkg="$work/ztj"
lib="$pkg/usr/lib/ztj"
runtime="$lib/runtime"
install -d -m 0755 "$pkg/DEBIAN" "$pkg/usr/sbin" "$lib" "$pkg/usr/share/ztj" "$pkg/usr/share/doc/ztj" \
    "$pkg/usr/share/man/man8" "$pkg/usr/lib/systemd/system" "$pkg/etc/init.d" "$pkg/var/lib/zerotier-one"

# The runtime: the modules jdeps finds in the jar, without java.desktop. Only two optional corners of the bundled
# libraries touch it: Jackson's java.beans support (it checks for the module and goes without) and the PostgreSQL
# driver's geometric types (PGpoint and co., which use java.awt.Point; ztj's controller stores no such column).
# Leaving it out saves some 12 MB.
ztj_info "jdeps: finding the modules the jar needs"
modules="$("$JAVA_HOME/bin/jdeps" --multi-release "$ZTJ_MIN_JAVA" --ignore-missing-deps --print-module-deps "$jar")"
modules="$(printf '%s' "$modules" | tr ',' '\n' | grep -vx 'java.desktop' | paste -sd, -)"
ztj_info "jlink: a runtime with $modules"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --compress=zip-6 --generate-cds-archive --output "$runtime" >&2
# keytool is not needed; the class data archive for heaps above 32 GB is not used with the 256 MB heap of the daemon
rm -f "$runtime/bin/keytool" "$runtime/lib/server/classes_nocoops.jsa"
# the runtime's licenses and notices go with the package's documentation (lintian); not needed: the jar that lets
# other JDKs read this runtime's modules, the launcher of jar files as programs, a README
mv "$runtime/legal" "$pkg/usr/share/doc/ztj/openjdk-legal"
find "$pkg/usr/share/doc/ztj/openjdk-legal" -type d -exec chmod 0755 {} +
find "$pkg/usr/share/doc/ztj/openjdk-legal" -type f -exec chmod 0644 {} +
rm -f "$runtime/lib/jrt-fs.jar" "$runtime/lib/jexec" "$runtime/conf/security/policy/README.txt"
# symbols are for debuggers: stripped as Debian strips its packages (the JVM's own class data archive does not
# depend on them; the ahead-of-time cache below is made after this)
elves=()
while IFS= read -r -d '' f; do
    if [[ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" == '177ELF' ]]; then elves+=("$f"); fi
done < <(find "$runtime" -type f -print0)
strip --remove-section=.comment --remove-section=.note --strip-unneeded "${elves[@]}"
find "$runtime" -type d -exec chmod 0755 {} +
find "$runtime" -type f -exec chmod 0644 {} +
chmod 0755 "${elves[@]}"
find "$runtime" -type f -name '*.so' -exec chmod 0644 {} +

install -m 0644 "$jar" "$pkg/usr/share/ztj/zerotier.jar"
install -m 0644 "$ROOT/bin/zerotier-one.jvm-options" "$lib/zerotier-one.jvm-options"
touch -d "@$epoch" "$pkg/usr/share/ztj/zerotier.jar"

# The ahead-of-time cache, trained as scripts/build.sh trains it, but with the runtime above: a cache only works
# with the JVM that made it. The runtime and the jar are used from this staging folder; the JVM accepts them at
# their installed paths because the jar's size and date stay as they are here (dpkg keeps files' dates).
ztj_info "training the ahead-of-time cache with the packaged runtime"
if "$runtime/bin/java" "@$lib/zerotier-one.jvm-options" -XX:AOTCacheOutput="$lib/zerotier.aot" \
        -Dztj.argv0=ztj-aot-training -jar "$pkg/usr/share/ztj/zerotier.jar" >"$work/aot.log" 2>&1 \
        && [[ -f "$lib/zerotier.aot" ]]; then
    chmod 0644 "$lib/zerotier.aot"
else
    rm -f "$lib/zerotier.aot"
    ztj_error "warning: no ahead-of-time cache in the package (the daemon starts without it); the training said:" \
        "$(tail -n 5 "$work/aot.log")"
fi

install -m 0755 "$SRC/zerotier-one" "$pkg/usr/sbin/zerotier-one"
ln -s zerotier-one "$pkg/usr/sbin/zerotier-cli"
ln -s zerotier-one "$pkg/usr/sbin/zerotier-idtool"
install -m 0644 "$SRC/zerotier-one.service" "$pkg/usr/lib/systemd/system/zerotier-one.service"
install -m 0755 "$SRC/zerotier-one.init" "$pkg/etc/init.d/zerotier-one"
# the home folder, as ZeroTier One's package has it: 0755, with links to the programs (and here the uninstaller)
chmod 0755 "$pkg/var/lib/zerotier-one"
install -m 0755 "$SRC/uninstall.sh" "$lib/uninstall.sh"
for name in zerotier-one zerotier-cli zerotier-idtool; do
    ln -s "/usr/sbin/$name" "$pkg/var/lib/zerotier-one/$name"
done
ln -s /usr/lib/ztj/uninstall.sh "$pkg/var/lib/zerotier-one/uninstall.sh"

# bash completion for both programs: one file, found by either name
install -d -m 0755 "$pkg/usr/share/bash-completion/completions"
install -m 0644 "$ROOT/packaging/bash-completion/zerotier-cli" "$pkg/usr/share/bash-completion/completions/zerotier-cli"
ln -s zerotier-cli "$pkg/usr/share/bash-completion/completions/zerotier-idtool"

gzip -9n <"$SRC/zerotier-one.8" >"$pkg/usr/share/man/man8/zerotier-one.8.gz"
ln -s zerotier-one.8.gz "$pkg/usr/share/man/man8/zerotier-cli.8.gz"
ln -s zerotier-one.8.gz "$pkg/usr/share/man/man8/zerotier-idtool.8.gz"
install -m 0644 "$SRC/copyright" "$pkg/usr/share/doc/ztj/copyright"
install -d -m 0755 "$pkg/usr/share/lintian/overrides"
install -m 0644 "$SRC/lintian-overrides" "$pkg/usr/share/lintian/overrides/ztj"
sed -e "s|@VERSION@|$version|g" -e "s|@COMMIT@|$commit|g" -e "s|@MAINTAINER@|$maintainer|g" \
    -e "s|@DATE@|$(LC_ALL=C date -R -u -d "@$epoch")|g" "$SRC/changelog.in" \
    | gzip -9n >"$pkg/usr/share/doc/ztj/changelog.gz"
chmod 0644 "$pkg/usr/share/man/man8/zerotier-one.8.gz" "$pkg/usr/share/doc/ztj/changelog.gz"

# Depends: the shared libraries of the runtime, as dpkg-shlibdeps finds them, and adduser for postinst
mkdir -p "$work/shlibs/debian"
printf 'Source: ztj\n\nPackage: ztj\nArchitecture: any\n' >"$work/shlibs/debian/control"
shlibs="$(cd "$work/shlibs" && dpkg-shlibdeps -O -S"$pkg" -l"$runtime/lib" -l"$runtime/lib/server" "${elves[@]}" \
    2>"$work/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p')" || true
[[ -n "$shlibs" ]] || ztj_die "dpkg-shlibdeps found no dependencies for the runtime:" "$(cat "$work/shlibdeps.log")"
depends="adduser, $shlibs"

for script in postinst prerm postrm; do
    install -m 0755 "$SRC/$script" "$pkg/DEBIAN/$script"
done
printf '/etc/init.d/zerotier-one\n' >"$pkg/DEBIAN/conffiles"
chmod 0644 "$pkg/DEBIAN/conffiles"
installed_size="$(du -sk --apparent-size --exclude=DEBIAN "$pkg" | cut -f1)"
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
    -e "s|@INSTALLED_SIZE@|$installed_size|" -e "s|@DEPENDS@|$depends|" "$SRC/control.in" >"$pkg/DEBIAN/control"
(cd "$pkg" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) >"$pkg/DEBIAN/md5sums"
chmod 0644 "$pkg/DEBIAN/control" "$pkg/DEBIAN/md5sums"

# every file dated to the commit (but the jar keeps the date the cache was trained against: the same)
find "$pkg" -depth -newermt "@$epoch" -exec touch -h -d "@$epoch" {} +

mkdir -p "$out"
deb="$(readlink -f -- "$out")/ztj_${version}_${arch}.deb"
ztj_info "dpkg-deb: $deb"
# gzip: a quarter of xz's time for 10% more, and every dpkg reads it; ZTJ_DEB_COMPRESSION=xz for the smaller one
SOURCE_DATE_EPOCH="$epoch" dpkg-deb --root-owner-group -Z"${ZTJ_DEB_COMPRESSION:-gzip}" --build "$pkg" "$deb" >&2
mib() { du -sm --apparent-size "$1" | cut -f1; }
aot_mib=0
[[ -f "$lib/zerotier.aot" ]] && aot_mib="$(mib "$lib/zerotier.aot")"
ztj_info "package: $(( $(stat -c %s "$deb") / 1048576 )) MiB, installed $(( installed_size / 1024 )) MiB (runtime $(mib "$runtime") MiB, ahead-of-time cache $aot_mib MiB, jar $(mib "$pkg/usr/share/ztj/zerotier.jar") MiB)"
printf '%s\n' "$deb"

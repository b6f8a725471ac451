# shellcheck shell=bash
# Sourced by the other scripts and the launchers, never run directly:
#   source scripts/env.sh
#
# Finds a JDK 25 or newer and exports JAVA_HOME and PATH; then makes sure Maven 3.8 or newer is on PATH.
# Order for the JDK: $JAVA_HOME if it is a JDK >= 25; the newest JDK >= 25 under /usr/lib/jvm; the javac on
# PATH; as root, apt-get install openjdk-25-jdk-headless when the apt sources offer it. Otherwise it stops
# with instructions.
#
# Settings read (all optional, set them before sourcing):
#   ZTJ_QUIET=1     no informational messages (errors are still printed)
#   ZTJ_NO_MAVEN=1  only the JDK; call ztj_ensure_maven later if Maven is needed after all
#
# Safe under `set -euo pipefail`. Writes only to stderr, never to stdout (launchers' output must stay clean).

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    printf 'ztj: scripts/env.sh is meant to be sourced: source scripts/env.sh\n' >&2
    exit 1
fi

ZTJ_MIN_JAVA=25
ZTJ_MAVEN_VERSION=3.9.11
ZTJ_CACHE_DIR="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/ztj"

# Each argument is printed as one line, prefixed "ztj: ".
ztj_error() { local line; for line in "$@"; do printf 'ztj: %s\n' "$line" >&2; done; }
ztj_info() { [[ "${ZTJ_QUIET:-0}" == 1 ]] || ztj_error "$@"; }

# Stop: exit from a script; only return when sourced from an interactive shell, so it stays open.
ztj_die() {
    ztj_error "$@"
    if [[ $- == *i* ]]; then return 1; fi
    exit 1
}

ztj_is_root() { [[ "$(id -u)" == 0 ]]; }

# Prints the major version of a version string ("25.0.3" -> 25, "1.8.0_402" -> 8, "26-ea" -> 26).
ztj_major_of_version() {
    local ver="$1" major
    major="${ver%%[._-]*}"
    if [[ "$major" == 1 && "$ver" == 1.* ]]; then   # 1.8.0 style
        ver="${ver#1.}"
        major="${ver%%[._-]*}"
    fi
    printf '%s\n' "$major"
}

# Prints the major version of the JDK or JRE that program $1 (its bin/java or bin/javac) belongs to; prints nothing
# when the program is missing or its version cannot be told. The JDK's `release` file (JAVA_VERSION="25.0.3") is
# read first: no JVM is started. Otherwise `$1 -version` runs without the JVM option variables, and every line of
# its output is scanned for the version line, skipping the "Picked up JAVA_TOOL_OPTIONS: ..." notes a JVM prints
# before it when such a variable is set.
ztj_major_of() {
    local prog="$1" release line ver=""
    [[ -x "$prog" ]] || return 0
    release="$(dirname -- "$(dirname -- "$(readlink -f -- "$prog")")")/release"
    if [[ -r "$release" ]]; then
        while IFS= read -r line; do
            if [[ "$line" =~ ^JAVA_VERSION=\"?([0-9][0-9._]*) ]]; then
                ver="${BASH_REMATCH[1]}"
                break
            fi
        done < "$release"
    fi
    if [[ -z "$ver" ]]; then
        while IFS= read -r line; do
            [[ "$line" == "Picked up "* ]] && continue
            if [[ "$line" =~ version\ \"([0-9][0-9._]*) ]]; then
                ver="${BASH_REMATCH[1]}"                  # java -version: openjdk version "25.0.3" 2026-04-21 LTS
                break
            elif [[ "$line" =~ ^javac\ ([0-9][0-9._]*) ]]; then
                ver="${BASH_REMATCH[1]}"                  # javac -version: javac 25.0.3
                break
            fi
        done < <(env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS -u _JAVA_OPTIONS "$prog" -version 2>&1 || true)
    fi
    [[ -n "$ver" ]] || return 0
    ztj_major_of_version "$ver"
}

# True when $1 is a JDK (has javac) whose java reports major >= ZTJ_MIN_JAVA.
ztj_is_good_jdk() {
    local home="$1" major
    [[ -n "$home" && -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 1
    major="$(ztj_major_of "$home/bin/java")"
    [[ -n "$major" ]] && (( major >= ZTJ_MIN_JAVA ))
}

# Prints the newest JDK >= ZTJ_MIN_JAVA under /usr/lib/jvm (by what its javac reports), or nothing.
ztj_scan_usr_lib_jvm() {
    local dir major best="" best_major=0 real
    local -A seen=()
    for dir in /usr/lib/jvm/*/; do
        dir="${dir%/}"
        [[ -x "$dir/bin/javac" ]] || continue
        real="$(readlink -f -- "$dir")"           # java-1.25.0-openjdk-amd64 -> java-25-openjdk-amd64
        [[ -z "${seen[$real]:-}" ]] || continue
        seen[$real]=1
        major="$(ztj_major_of "$real/bin/javac")"
        [[ -n "$major" ]] || continue
        if (( major >= ZTJ_MIN_JAVA && major > best_major )); then
            best="$real"
            best_major="$major"
        fi
    done
    if [[ -n "$best" ]]; then printf '%s\n' "$best"; fi
}

# Prints the home of the javac found on PATH when it is a JDK >= ZTJ_MIN_JAVA, or nothing.
ztj_javac_on_path() {
    local javac home
    javac="$(command -v javac 2>/dev/null)" || return 0
    home="$(dirname -- "$(dirname -- "$(readlink -f -- "$javac")")")"
    if ztj_is_good_jdk "$home"; then printf '%s\n' "$home"; fi
}

ZTJ_APT_UPDATED=0
# apt-get update, at most once per run.
ztj_apt_update() {
    (( ZTJ_APT_UPDATED )) && return 0
    ztj_info "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    ZTJ_APT_UPDATED=1
}

# True when apt can install package $1 (it has a candidate version).
ztj_apt_has_candidate() {
    local candidate
    candidate="$(LC_ALL=C apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2; exit }')" || true
    [[ -n "$candidate" && "$candidate" != "(none)" ]]
}

# apt-get install -y the packages given, running apt-get update first when a package is not known yet.
ztj_apt_install() {
    local pkg
    command -v apt-get >/dev/null 2>&1 || return 1
    for pkg in "$@"; do
        if ! ztj_apt_has_candidate "$pkg"; then
            ztj_apt_update || return 1
            break
        fi
    done
    ztj_info "apt-get install -y $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

ztj_ensure_jdk() {
    local home=""
    if [[ -n "${JAVA_HOME:-}" ]]; then
        if ztj_is_good_jdk "$JAVA_HOME"; then
            home="$JAVA_HOME"
        else
            ztj_info "JAVA_HOME=$JAVA_HOME is not a JDK $ZTJ_MIN_JAVA or newer; looking for one"
        fi
    fi
    [[ -n "$home" ]] || home="$(ztj_scan_usr_lib_jvm)"
    [[ -n "$home" ]] || home="$(ztj_javac_on_path)"
    if [[ -z "$home" ]] && ztj_is_root && command -v apt-get >/dev/null 2>&1; then
        if ! ztj_apt_has_candidate openjdk-25-jdk-headless; then
            ztj_apt_update || true
        fi
        if ztj_apt_has_candidate openjdk-25-jdk-headless; then
            ztj_apt_install openjdk-25-jdk-headless || true
            home="$(ztj_scan_usr_lib_jvm)"
        fi
    fi
    if [[ -z "$home" ]]; then
        ztj_die "a JDK $ZTJ_MIN_JAVA or newer is needed and none was found (looked at \$JAVA_HOME, /usr/lib/jvm/*, javac on PATH)." \
            "On Debian/Ubuntu: sudo apt-get install openjdk-25-jdk-headless (Ubuntu 24.04+/Debian 13+)," \
            "or install Temurin 25 (https://adoptium.net/installation/linux/: sudo apt-get install temurin-25-jdk)" \
            "and set JAVA_HOME, e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64" || return 1
    fi
    if [[ "$home" != "${JAVA_HOME:-}" ]]; then
        ztj_info "using the JDK at $home"
    fi
    export JAVA_HOME="$home"
    case ":$PATH:" in
        "$JAVA_HOME/bin:"*) ;;
        *) export PATH="$JAVA_HOME/bin:$PATH" ;;
    esac
}

# Prints the version of the mvn on PATH ("3.8.7"), or nothing.
ztj_maven_version() {
    local out
    command -v mvn >/dev/null 2>&1 || return 0
    out="$(mvn -v 2>/dev/null | sed -e 's/\x1b\[[0-9;]*m//g' | head -n 1)" || return 0
    if [[ "$out" =~ Apache\ Maven\ ([0-9]+\.[0-9]+(\.[0-9]+)?) ]]; then
        printf '%s\n' "${BASH_REMATCH[1]}"
    fi
}

# True when Maven version $1 is 3.8 or newer.
ztj_maven_ok() {
    local v="$1" major minor
    [[ -n "$v" ]] || return 1
    major="${v%%.*}"
    minor="${v#*.}"
    minor="${minor%%.*}"
    (( major > 3 || (major == 3 && minor >= 8) ))
}

# Downloads URL $1 to file $2 with curl or wget.
ztj_download() {
    if command -v curl >/dev/null 2>&1; then
        curl -fsSL --retry 3 -o "$2" "$1"
    else
        wget -q -O "$2" "$1"
    fi
}

# Downloads Apache Maven from Maven Central into the cache folder (once) and puts it first on PATH.
ztj_maven_from_central() {
    local name="apache-maven-$ZTJ_MAVEN_VERSION"
    local url="https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$ZTJ_MAVEN_VERSION/$name-bin.tar.gz"
    local dir="$ZTJ_CACHE_DIR/$name" tmp sha expected
    if [[ ! -x "$dir/bin/mvn" ]]; then
        mkdir -p "$ZTJ_CACHE_DIR"
        tmp="$(mktemp -d "$ZTJ_CACHE_DIR/download.XXXXXX")"
        ztj_info "downloading $url"
        if ! command -v curl >/dev/null 2>&1 && ! command -v wget >/dev/null 2>&1; then
            rm -rf "$tmp"
            ztj_die "Maven $ZTJ_MAVEN_VERSION must be downloaded but neither curl nor wget is installed; install one (sudo apt-get install curl) or Maven itself (sudo apt-get install maven)"
            return 1
        fi
        if ! ztj_download "$url" "$tmp/maven.tar.gz" || ! ztj_download "$url.sha512" "$tmp/maven.tar.gz.sha512"; then
            rm -rf "$tmp"
            ztj_die "could not download $url"
            return 1
        fi
        expected="$(awk '{ print $1; exit }' "$tmp/maven.tar.gz.sha512")"
        sha="$(sha512sum "$tmp/maven.tar.gz" | awk '{ print $1 }')"
        if [[ -z "$expected" || "$sha" != "$expected" ]]; then
            rm -rf "$tmp"
            ztj_die "the SHA-512 of the downloaded $name-bin.tar.gz does not match $url.sha512"
            return 1
        fi
        if ! tar -xzf "$tmp/maven.tar.gz" -C "$tmp" || [[ ! -x "$tmp/$name/bin/mvn" ]]; then
            rm -rf "$tmp"
            ztj_die "could not unpack $name-bin.tar.gz"
            return 1
        fi
        rm -rf "$dir"
        mv "$tmp/$name" "$dir" && rm -rf "$tmp"
    fi
    export PATH="$dir/bin:$PATH"
}

ztj_ensure_maven() {
    local v cached="$ZTJ_CACHE_DIR/apache-maven-$ZTJ_MAVEN_VERSION/bin"
    # Maven's own Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every run
    case " ${MAVEN_OPTS:-} " in
        *" --sun-misc-unsafe-memory-access="*) ;;
        *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
    esac
    v="$(ztj_maven_version)"
    if ztj_maven_ok "$v"; then return 0; fi
    # a Maven fetched by an earlier run
    if [[ -x "$cached/mvn" ]]; then
        export PATH="$cached:$PATH"
        return 0
    fi
    if [[ -z "$v" ]] && ztj_is_root && command -v apt-get >/dev/null 2>&1; then
        ztj_apt_install maven || true
        hash -r
        v="$(ztj_maven_version)"
        if ztj_maven_ok "$v"; then return 0; fi
    fi
    if [[ -n "$v" ]]; then
        ztj_info "Maven $v is older than 3.8; fetching Maven $ZTJ_MAVEN_VERSION from Maven Central"
    fi
    ztj_maven_from_central || return 1
    v="$(ztj_maven_version)"
    ztj_maven_ok "$v" || { ztj_die "Maven 3.8 or newer is needed and could not be set up (found: ${v:-none})"; return 1; }
}

ztj_ensure_jdk || return 1 2>/dev/null || exit 1
if [[ "${ZTJ_NO_MAVEN:-0}" != 1 ]]; then
    ztj_ensure_maven || return 1 2>/dev/null || exit 1
fi

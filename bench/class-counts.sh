#!/usr/bin/env bash
# The classes a JVM loaded, by library, from its -Xlog:class+load log: how many in all, how many came from the
# ahead-of-time cache ("shared objects file") and how many were loaded (or spun: lambda forms, hidden classes)
# while it ran. Each class costs a daemon ~7 KB of resident memory whichever way it came.
#
#   sudo bash bench/tunnel.sh --no-build --java-opts '-Xlog:class+load:file=/tmp/classes-%p.log'
#   bash bench/class-counts.sh /tmp/classes-PID.log [more logs...]
#
# The libraries are told apart by package; "lambdas / method handles" holds java.lang.invoke, lambda forms and
# the hidden classes of lambdas and string concatenation; "security, TLS, certificates" also the JDK's EC and
# other providers (our crypto uses X25519 and Ed25519 from them).
set -euo pipefail

(( $# )) || { echo "usage: class-counts.sh CLASS_LOAD_LOG..." >&2; exit 1; }
for log in "$@"; do
    printf '%s\n' "$log"
    awk '
        /\]\[class,load\] / {
            line = $0
            sub(/.*\]\[class,load\] /, "", line)
            split(line, word, " ")
            c = word[1]
            from = ($0 ~ /source: shared objects file/) ? "aot" : "run"
            lib = "JDK, other"
            if (c ~ /^com\.fasterxml\.jackson\./) lib = "Jackson"
            else if (c ~ /^io\.prometheus\./) lib = "Prometheus client"
            else if (c ~ /^(java\.lang\.management|javax\.management|sun\.management|jdk\.management|com\.sun\.management|jdk\.jfr|jdk\.internal\.jfr)\./) lib = "JMX, management, JFR"
            else if (c ~ /^(javax\.net|javax\.security\.cert|sun\.security|java\.security\.cert|jdk\.internal\.event)\./) lib = "security, TLS, certificates"
            else if (c ~ /^(java\.net\.http|jdk\.internal\.net\.http)\./) lib = "java.net.http"
            else if (c ~ /^sun\.net\.www\./) lib = "HttpURLConnection, URLs"
            else if (c ~ /^org\.sqlite\./) lib = "SQLite"
            else if (c ~ /^(java\.lang\.foreign|jdk\.internal\.foreign|java\.lang\.classfile|jdk\.internal\.classfile|jdk\.internal\.constant)\./) lib = "FFM and class-file API"
            else if (c ~ /LambdaForm\$|\$\$Lambda|\$\$StringConcat|^java\.lang\.invoke\./) lib = "lambdas / method handles"
            else if (c ~ /^(javax\.xml|jdk\.xml|com\.sun\.org\.apache|com\.sun\.xml)\./) lib = "XML"
            else if (c ~ /^net\.ztj\./) lib = "ztj"
            n[lib]++; by[lib, from]++; total++; all[from]++
        }
        END {
            printf "  %6s %6s %6s  %s\n", "all", "cache", "run", "library"
            for (lib in n) printf "  %6d %6d %6d  %s\n", n[lib], by[lib, "aot"], by[lib, "run"], lib | "sort -rn"
            close("sort -rn")
            printf "  %6d %6d %6d  %s\n", total, all["aot"], all["run"], "total"
        }' "$log"
done

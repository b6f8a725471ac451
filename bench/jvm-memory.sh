#!/usr/bin/env bash
# Where the resident memory of a running JVM (one of our daemons) goes: its mappings summed by what they hold,
# from `jcmd PID System.map` (the JVM's own list of its mappings with the resident size of each), plus the thread
# count, the classes loaded and the Java heap after the last collection.
#
#   sudo bash bench/jvm-memory.sh PID
#
# The JVM names its own mappings (heap, metaspace, class space, code cache, thread stacks, the AOT cache) only when
# it runs with -XX:NativeMemoryTracking=summary (bench/tunnel.sh --memory starts our daemons so); without it those
# show as "anonymous". Anonymous memory the JVM does not name is glibc's malloc arenas (the JIT compilers' arenas,
# direct and FFM buffers, symbols...): the NMT summary printed below splits what was malloc'd by purpose.
set -euo pipefail

pid="${1:?usage: jvm-memory.sh PID}"
[[ -r "/proc/$pid/status" ]] || { echo "jvm-memory.sh: no process $pid" >&2; exit 1; }
JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"

printf 'pid %s: VmRSS %s kB, threads %s\n' "$pid" "$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")" \
    "$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status")"
"$JCMD" "$pid" System.map 2>/dev/null | awk '
    /^0x/ {
        rss = $4; info = $8; file = $9
        if (info ~ /^STACK/) c = "thread stacks"
        else if (info == "CDS") c = "AOT cache / CDS archive"
        else if (info == "JAVAHEAP") c = "Java heap"
        else if (info == "CLASS") c = "class space"
        else if (info == "META") c = "metaspace"
        else if (info == "CODE") c = "code cache"
        else if (info == "GC" || info == "CARDTBL") c = "GC data"
        else if (info != "-") c = "other JVM"
        else if (file ~ /\/libjvm\.so$/) c = "libjvm.so"
        else if (file ~ /\.so($|\.)/ || file ~ /sqlite/) c = "other shared libraries"
        else if (file ~ /\/lib\/modules$/) c = "JDK modules image"
        else if (file ~ /\.jar$/) c = "jar"
        else if (file == "[heap]") c = "malloc (brk heap)"
        else if (file == "-") c = "anonymous (malloc arenas)"
        else c = "other files"
        sum[c] += rss; total += rss
    }
    END {
        for (c in sum) printf "  %-28s %7.1f MB\n", c, sum[c] / 1048576 | "sort -k1,1 -t\"|\""
        close("sort -k1,1 -t\"|\"")
        printf "  %-28s %7.1f MB\n", "total", total / 1048576
    }'
"$JCMD" "$pid" VM.native_memory summary 2>/dev/null \
    | awk '/^Total:|^ +malloc:|classes #|threads #|^-  +[A-Z]/ { sub(/^ +/, "  "); print }' || true
"$JCMD" "$pid" GC.heap_info 2>/dev/null | awk '/total/ { sub(/^ +/, "  "); print }' || true

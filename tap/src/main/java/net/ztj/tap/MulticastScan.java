package net.ztj.tap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;

/**
 * The link-layer multicast groups the OS has joined on an interface, from {@code /proc/net/dev_mcast}
 * (spec 05 §8.8): the service subscribes the network to them so that, e.g., IPv6 neighbour discovery and
 * a socket's IP_ADD_MEMBERSHIP on the port reach it. The IP-derived groups (ARP broadcast per IPv4,
 * solicited-node per IPv6) are the caller's part.
 */
public final class MulticastScan {
    /** The kernel's table of joined link-layer groups. */
    public static final Path DEV_MCAST = Path.of("/proc/net/dev_mcast");
    /** The most the reference reads of the file in one scan. */
    public static final int MAX_READ = 128 * 1024;

    private MulticastScan() {
    }

    /**
     * Reads {@link #DEV_MCAST} (at most {@value #MAX_READ} bytes) and returns the groups of {@code ifName}.
     *
     * @return sorted distinct 48-bit MACs; empty if the interface has none or the file does not exist
     */
    public static List<Long> read(String ifName) throws IOException {
        Objects.requireNonNull(ifName, "ifName");
        if (!Files.exists(DEV_MCAST)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(DEV_MCAST)) {
            return parse(new String(in.readNBytes(MAX_READ), StandardCharsets.US_ASCII), ifName);
        }
    }

    /**
     * The groups of {@code ifName} in {@code devMcast} text: lines split on spaces/tabs, field 2 the
     * interface name, field 5 the MAC as 12 hex digits. Lines that do not fit are skipped.
     *
     * @return sorted distinct 48-bit MACs
     */
    public static List<Long> parse(String devMcast, String ifName) {
        long[] found = devMcast.lines()
                .map(line -> line.trim().split("[ \t]+"))
                .filter(f -> f.length >= 5 && f[1].equals(ifName) && isMac(f[4]))
                .mapToLong(f -> Long.parseLong(f[4], 16))
                .toArray();
        return LongStream.of(found).sorted().distinct().boxed().toList();
    }

    private static boolean isMac(String field) {
        if (field.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if ("0123456789abcdefABCDEF".indexOf(field.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}

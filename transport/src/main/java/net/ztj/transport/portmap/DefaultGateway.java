package net.ztj.transport.portmap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The IPv4 default gateway, where NAT-PMP and PCP requests go (RFC 6886 §3), read from Linux's
 * {@code /proc/net/route} as libnatpmp does.
 */
public final class DefaultGateway {
    private static final Path ROUTES = Path.of("/proc/net/route");
    private static final int RTF_UP = 0x1, RTF_GATEWAY = 0x2;

    private DefaultGateway() {}

    /** The gateway of the default route with the lowest metric, or empty (no default route, or not Linux). */
    public static Optional<byte[]> find() {
        try {
            return parse(Files.readAllLines(ROUTES));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads the table's text: a header line, then tab-separated rows with hexadecimal fields in host byte order. */
    static Optional<byte[]> parse(List<String> lines) {
        byte[] best = null;
        long bestMetric = Long.MAX_VALUE;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 8) continue;
            try {
                long destination = Long.parseLong(f[1], 16), gateway = Long.parseLong(f[2], 16);
                int flags = Integer.parseInt(f[3], 16);
                long metric = Long.parseLong(f[6]), mask = Long.parseLong(f[7], 16);
                if (destination != 0 || mask != 0 || (flags & (RTF_UP | RTF_GATEWAY)) != (RTF_UP | RTF_GATEWAY)
                        || gateway == 0 || gateway > 0xffffffffL || metric >= bestMetric) {
                    continue;
                }
                // the kernel prints the address as a little-endian number
                best = new byte[] {(byte) gateway, (byte) (gateway >>> 8), (byte) (gateway >>> 16), (byte) (gateway >>> 24)};
                bestMetric = metric;
            } catch (NumberFormatException e) {
                // not a route line
            }
        }
        return Optional.ofNullable(best);
    }
}

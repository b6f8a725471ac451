package net.ztj.core.network.config;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code DNS} blob of a network config (spec 03 §7.6.3): a search domain and up to four servers, serialized
 * as a NUL-padded 128-byte domain and exactly four InetAddress slots.
 *
 * @param domain  search domain, at most 127 bytes, may be empty
 * @param servers up to 4 servers; the port field is as the controller gave it
 */
public record DnsConfig(String domain, List<IpNetworkPrefix> servers) {
    public static final int DOMAIN_FIELD = 128;
    public static final int MAX_SERVERS = 4;
    /** No DNS: empty domain and no servers (still emitted by 1.14). */
    public static final DnsConfig NONE = new DnsConfig("", List.of());

    public DnsConfig {
        if (domain.getBytes(StandardCharsets.UTF_8).length > DOMAIN_FIELD - 1) throw new IllegalArgumentException("domain too long");
        if (servers.size() > MAX_SERVERS) throw new IllegalArgumentException("more than 4 DNS servers");
        servers = List.copyOf(servers);
    }

    static DnsConfig read(ByteReader r) {
        byte[] d = r.bytes(DOMAIN_FIELD);
        int n = 0;
        while (n < DOMAIN_FIELD - 1 && d[n] != 0) n++;
        List<IpNetworkPrefix> servers = new ArrayList<>();
        for (int i = 0; i < MAX_SERVERS; i++) {
            IpNetworkPrefix a = IpNetworkPrefix.read(r);
            if (a != null) servers.add(a);
        }
        return new DnsConfig(Utf8.truncate(new String(d, 0, n, StandardCharsets.UTF_8), DOMAIN_FIELD - 1), servers);
    }

    byte[] toBytes() {
        ByteWriter w = new ByteWriter(DOMAIN_FIELD + 4 * 19);
        w.bytes(Arrays.copyOf(domain.getBytes(StandardCharsets.UTF_8), DOMAIN_FIELD));
        for (int i = 0; i < MAX_SERVERS; i++) IpNetworkPrefix.write(w, i < servers.size() ? servers.get(i) : null);
        return w.toByteArray();
    }
}

package net.ztj.core.network.config;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The {@code DNS} blob of a network config (spec 03 §7.6.3): a search domain and up to four servers, serialized
 * as a NUL-padded 128-byte domain and exactly four InetAddress slots.
 *
 * <p>The servers keep their slot: ZeroTier One's controller fills slot {@code j} from the {@code j}-th entry of the
 * network's {@code dns.servers}, leaving a slot empty for an entry that is no address, so an empty slot may come
 * before a filled one. Trailing empty slots are dropped, so a configuration without servers equals {@link #NONE}.
 *
 * @param domain search domain, at most 128 bytes (128 only as a controller writes it: a member reads at most 127),
 *               may be empty
 * @param slots  up to 4 server slots in order, null for an empty slot; the port field is as the controller gave it
 */
public record DnsConfig(String domain, List<IpNetworkPrefix> slots) {
    public static final int DOMAIN_FIELD = 128;
    public static final int MAX_SERVERS = 4;
    /** No DNS: empty domain and no servers (still emitted by 1.14). */
    public static final DnsConfig NONE = new DnsConfig("", List.of());

    public DnsConfig {
        if (domain.getBytes(StandardCharsets.UTF_8).length > DOMAIN_FIELD) throw new IllegalArgumentException("domain too long");
        if (slots.size() > MAX_SERVERS) throw new IllegalArgumentException("more than 4 DNS servers");
        int end = slots.size();
        while (end > 0 && slots.get(end - 1) == null) end--;
        slots = Collections.unmodifiableList(new ArrayList<>(slots.subList(0, end)));
    }

    /** The servers of the filled slots, in slot order. */
    public List<IpNetworkPrefix> servers() {
        return slots.stream().filter(Objects::nonNull).toList();
    }

    static DnsConfig read(ByteReader r) {
        byte[] d = r.bytes(DOMAIN_FIELD);
        int n = 0;
        while (n < DOMAIN_FIELD - 1 && d[n] != 0) n++;
        List<IpNetworkPrefix> slots = new ArrayList<>();
        for (int i = 0; i < MAX_SERVERS; i++) slots.add(IpNetworkPrefix.read(r));
        return new DnsConfig(Utf8.truncate(new String(d, 0, n, StandardCharsets.UTF_8), DOMAIN_FIELD - 1), slots);
    }

    byte[] toBytes() {
        ByteWriter w = new ByteWriter(DOMAIN_FIELD + 4 * 19);
        w.bytes(Arrays.copyOf(domain.getBytes(StandardCharsets.UTF_8), DOMAIN_FIELD));
        for (int i = 0; i < MAX_SERVERS; i++) IpNetworkPrefix.write(w, i < slots.size() ? slots.get(i) : null);
        return w.toByteArray();
    }
}

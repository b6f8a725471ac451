package net.ztj.core.network.config;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;

/**
 * A managed route of a network (spec 03 §7.6.3 {@code RT}): target prefix, optional gateway, flags and metric.
 *
 * @param target the destination prefix; null only if a peer sent a null InetAddress (1.14 accepts it)
 * @param via    the gateway (port field 0), or null for on-link
 * @param flags  16-bit flags, 0 from 1.14 controllers
 * @param metric 16-bit metric, 0 from 1.14 controllers
 */
public record Route(IpNetworkPrefix target, IpNetworkPrefix via, int flags, int metric) {
    static Route read(ByteReader r) {
        IpNetworkPrefix target = IpNetworkPrefix.read(r);
        IpNetworkPrefix via = IpNetworkPrefix.read(r);
        return new Route(target, via, r.u16(), r.u16());
    }

    void write(ByteWriter w) {
        IpNetworkPrefix.write(w, target);
        IpNetworkPrefix.write(w, via);
        w.u16(flags).u16(metric);
    }
}

package net.ztj.core.wire.verbs;

import net.ztj.core.identity.Address;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.MalformedException;

/**
 * RENDEZVOUS (spec 02 §8.5): an upstream telling us where another peer can be reached, for NAT traversal.
 *
 * @param flags    0 in 1.14
 * @param peer     the other peer's address
 * @param endpoint its physical address (the port may be 0, which receivers ignore)
 */
public record Rendezvous(int flags, Address peer, Endpoint endpoint) implements VerbPayload {
    /** @throws MalformedException if truncated or the address length is neither 4 nor 16 */
    public static Rendezvous decode(ByteReader r) {
        int flags = r.u8();
        Address peer = new Address(r.u40());
        int port = r.u16();
        int ipLength = r.u8();
        if (ipLength != 4 && ipLength != 16) throw new MalformedException("RENDEZVOUS address length " + ipLength);
        return new Rendezvous(flags, peer, Endpoint.of(r.bytes(ipLength), port));
    }

    @Override
    public void encode(ByteWriter w) {
        byte[] ip = endpoint.ip();
        w.u8(flags).u40(peer.value()).u16(endpoint.port()).u8(ip.length).bytes(ip);
    }
}

package net.ztj.core.node.peer;

import net.ztj.core.identity.Identity;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.MalformedException;

import java.util.ArrayList;
import java.util.List;

/**
 * A peer as the peers.d cache keeps it, in ZeroTier One 1.14's format ({@code peers.d/<address>.peer}, written by
 * its {@code Peer::serializeForCache}): version byte 2, the public identity, the protocol, major, minor and revision
 * versions as 16-bit numbers, a 16-bit count and that many addresses in InetAddress form. Only the addresses are
 * used on loading: they are tried, and learned again if they answer.
 */
public record CachedPeer(Identity identity, int protocol, int major, int minor, int revision, List<Endpoint> paths) {
    static final int VERSION = 2;

    public CachedPeer {
        paths = List.copyOf(paths);
    }

    public byte[] encode() {
        byte[] id = identity.toBytes(false);
        ByteWriter w = new ByteWriter(1 + id.length + 10 + paths.size() * 19);
        w.u8(VERSION).bytes(id).u16(Math.max(0, protocol)).u16(Math.max(0, major)).u16(Math.max(0, minor))
                .u16(Math.max(0, revision)).u16(paths.size());
        for (Endpoint e : paths) e.writeTo(w);
        return w.toByteArray();
    }

    /** @throws MalformedException for another version, a bad identity or truncation */
    public static CachedPeer decode(byte[] b) {
        try {
            if (b.length < 1 || (b[0] & 0xff) != VERSION) throw new MalformedException("not a version 2 peer cache entry");
            Identity id = Identity.fromBytes(b, 1, b.length);
            ByteReader r = new ByteReader(b, 1 + id.binaryLength(), b.length);
            int protocol = r.u16(), major = r.u16(), minor = r.u16(), revision = r.u16();
            int count = r.u16();
            List<Endpoint> paths = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Endpoint e = Endpoint.read(r);
                if (e != null) paths.add(e);
            }
            return new CachedPeer(id, protocol, major, minor, revision, paths);
        } catch (IllegalArgumentException e) {
            throw new MalformedException(e.getMessage());
        }
    }
}

package net.ztj.core.wire.verbs;

import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * PUSH_DIRECT_PATHS (spec 02 §8.16): physical addresses at which the sender may be reachable directly. Records
 * of unknown address types are kept (raw) so that they can be skipped by the caller and re-encoded unchanged.
 */
public record PushDirectPaths(List<PathRecord> paths) implements VerbPayload {
    /** Flag: forget this path (1.14 ignores such records; ours drops its path to that address). */
    public static final int FLAG_FORGET_PATH = 0x01;
    /** Flag: cluster redirect. */
    public static final int FLAG_CLUSTER_REDIRECT = 0x02;
    /** Address type of an IPv4 record (4 address bytes and a port). */
    public static final int ADDRESS_TYPE_IPV4 = 4;
    /** Address type of an IPv6 record (16 address bytes and a port). */
    public static final int ADDRESS_TYPE_IPV6 = 6;

    /**
     * One record.
     *
     * @param flags       record flags
     * @param extension   extension bytes (ignored; empty in 1.14)
     * @param addressType 4, 6 or unknown
     * @param address     the address field as sent: IP and port for types 4 and 6
     */
    public record PathRecord(int flags, byte[] extension, int addressType, byte[] address) {
        /** A record as 1.14 writes it: flags 0, no extension. */
        public static PathRecord of(Endpoint e) {
            ByteWriter w = new ByteWriter(18);
            w.bytes(e.ip()).u16(e.port());
            return new PathRecord(0, new byte[0], e.isV4() ? ADDRESS_TYPE_IPV4 : ADDRESS_TYPE_IPV6, w.toByteArray());
        }

        /** A record that asks the receiver to forget this address of ours (flag 0x01; 1.14 ignores it). */
        public static PathRecord forget(Endpoint e) {
            PathRecord r = of(e);
            return new PathRecord(FLAG_FORGET_PATH, r.extension(), r.addressType(), r.address());
        }

        /** The endpoint of a type-4 record of 6 bytes or type-6 record of 18 bytes; null for anything else. */
        public Endpoint endpoint() {
            int ipLength = addressType == ADDRESS_TYPE_IPV4 ? 4 : addressType == ADDRESS_TYPE_IPV6 ? 16 : -1;
            if (ipLength < 0 || address.length != ipLength + 2) return null;
            ByteReader r = new ByteReader(address);
            return Endpoint.of(r.bytes(ipLength), r.u16());
        }
    }

    public PushDirectPaths {
        paths = List.copyOf(paths);
    }

    /** @throws net.ztj.core.wire.MalformedException if truncated */
    public static PushDirectPaths decode(ByteReader r) {
        int n = r.u16();
        List<PathRecord> list = new ArrayList<>(Math.min(n, r.remaining() / 4 + 1));
        for (int i = 0; i < n; i++) {
            int flags = r.u8();
            byte[] ext = r.bytes(r.u16());
            int type = r.u8();
            byte[] address = r.bytes(r.u8());
            list.add(new PathRecord(flags, ext, type, address));
        }
        return new PushDirectPaths(list);
    }

    @Override
    public void encode(ByteWriter w) {
        w.u16(paths.size());
        for (PathRecord p : paths) {
            w.u8(p.flags()).u16(p.extension().length).bytes(p.extension()).u8(p.addressType());
            w.u8(p.address().length).bytes(p.address());
        }
    }
}

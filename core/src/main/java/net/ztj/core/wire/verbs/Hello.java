package net.ztj.core.wire.verbs;

import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Armor;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.wire.Packet;
import net.ztj.core.wire.PacketHeader;
import net.ztj.core.wire.PeerKeys;
import net.ztj.core.wire.Verb;

import java.util.ArrayList;
import java.util.List;

/**
 * HELLO (spec 02 §8.2): versions, the sender's clock and public identity, where the sender sent it, and the
 * planet and moons the sender knows. Always armored with suite 0, with the moon section encrypted first (§6.6);
 * {@link #seal} and {@link #open} do both steps in the right order.
 *
 * <p>Decoding tolerates truncated HELLOs as 1.14 does: everything after the identity is optional. A missing
 * destination is null, a missing planet is 0/0, a missing moon list is empty.
 *
 * @param protocolVersion     the sender's protocol version (12 for 1.14)
 * @param major               software major version
 * @param minor               software minor version
 * @param revision            software revision
 * @param timestamp           the sender's clock in ms, echoed in OK(HELLO)
 * @param identity            the sender's identity, public part
 * @param physicalDestination the address the HELLO was sent to, or null if unknown
 * @param planetWorldId       ID of the sender's planet
 * @param planetWorldTimestamp timestamp of the sender's planet
 * @param moons               moons held (with their timestamps) and wanted (timestamp 0)
 */
public record Hello(int protocolVersion, int major, int minor, int revision, long timestamp, Identity identity,
                    Endpoint physicalDestination, long planetWorldId, long planetWorldTimestamp, List<Moon> moons)
        implements VerbPayload {

    /** World type of a moon in the moon list; entries of other types are ignored by receivers. */
    public static final int WORLD_TYPE_MOON = 0x7f;

    /** One entry of the moon list. */
    public record Moon(int worldType, long id, long timestamp) {
        /** A moon entry of type 0x7f. */
        public static Moon of(long id, long timestamp) {
            return new Moon(WORLD_TYPE_MOON, id, timestamp);
        }

        public boolean isMoon() {
            return worldType == WORLD_TYPE_MOON;
        }
    }

    public Hello {
        if (identity == null) throw new IllegalArgumentException("HELLO needs an identity");
        identity = identity.publicOnly();
        moons = List.copyOf(moons);
    }

    /**
     * Reads a HELLO payload whose moon section is already decrypted (see {@link #open}).
     *
     * @throws MalformedException if truncated before the end of the identity, or inside a later field
     */
    public static Hello decode(ByteReader r) {
        int protocolVersion = r.u8();
        int major = r.u8();
        int minor = r.u8();
        int revision = r.u16();
        long timestamp = r.u64();
        Identity identity = readIdentity(r);
        Endpoint destination = null;
        long planetId = 0, planetTimestamp = 0;
        List<Moon> moons = List.of();
        if (r.hasRemaining()) destination = Endpoint.read(r);
        if (r.remaining() >= 16) {
            planetId = r.u64();
            planetTimestamp = r.u64();
            if (r.hasRemaining()) {
                int n = r.u16();
                if (n * 17 > r.remaining()) throw new MalformedException("HELLO moon list truncated");
                List<Moon> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(new Moon(r.u8(), r.u64(), r.u64()));
                moons = list;
            }
        }
        return new Hello(protocolVersion, major, minor, revision, timestamp, identity, destination, planetId,
                planetTimestamp, moons);
    }

    @Override
    public void encode(ByteWriter w) {
        w.u8(protocolVersion).u8(major).u8(minor).u16(revision).u64(timestamp);
        w.bytes(identity.toBytes(false));
        Endpoint.write(w, physicalDestination);
        w.u64(planetWorldId).u64(planetWorldTimestamp);
        w.u16(moons.size());
        for (Moon m : moons) w.u8(m.worldType()).u64(m.id()).u64(m.timestamp());
    }

    /** Offset of the encrypted section from the start of this HELLO's encoded payload. */
    public int encryptedSectionOffsetInPayload() {
        int destinationLength = physicalDestination == null ? 1 : physicalDestination.serializedLength();
        return 13 + Identity.PUBLIC_BINARY_LENGTH + destinationLength + 16;
    }

    /**
     * The complete HELLO packet on the wire: header (source = the identity's address), payload, moon section
     * encrypted, then armored with suite 0.
     */
    public Packet seal(long packetId, Address destination, PeerKeys keys) {
        Packet p = Packet.create(packetId, destination, identity.address(), Verb.HELLO, toBytes());
        int section = PacketHeader.IDX_PAYLOAD + encryptedSectionOffsetInPayload();
        Armor.cryptHelloSection(p.buffer(), section, p.length(), keys);
        Armor.armor(p.buffer(), p.length(), keys, PacketHeader.CIPHER_POLY1305_NONE);
        return p;
    }

    /**
     * Decrypts the moon section of a HELLO whose MAC has been verified ({@link Armor#dearmor}) in place, then
     * decodes it. Call once per packet: the decryption is an XOR.
     *
     * @throws MalformedException as {@link #decode}
     */
    public static Hello open(Packet packet, PeerKeys keys) {
        int section = encryptedSectionOffset(packet.buffer(), packet.length());
        if (section >= 0) Armor.cryptHelloSection(packet.buffer(), section, packet.length(), keys);
        return decode(packet.payloadReader());
    }

    /**
     * Where the encrypted section of a HELLO packet starts (absolute index), or -1 if the packet ends before it.
     *
     * @throws MalformedException if truncated before the end of the identity or inside the destination address
     */
    public static int encryptedSectionOffset(byte[] pkt, int len) {
        ByteReader r = payloadReader(pkt, len);
        r.skip(13);
        readIdentity(r);
        if (!r.hasRemaining()) return -1;
        Endpoint.read(r);
        if (r.remaining() < 16) return -1;
        return r.position() + 16;
    }

    /**
     * The sender's identity from a HELLO packet, read before its MAC can be checked (the key comes from it).
     *
     * @throws MalformedException if the packet is too short or the identity ill-formed
     */
    public static Identity peekIdentity(byte[] pkt, int len) {
        ByteReader r = payloadReader(pkt, len);
        r.skip(13);
        return readIdentity(r);
    }

    /** The protocol version of a HELLO packet (its first payload byte); the packet is at least the header long. */
    public static int peekProtocolVersion(byte[] pkt) {
        return pkt[PacketHeader.IDX_PAYLOAD] & 0xff;
    }

    private static ByteReader payloadReader(byte[] pkt, int len) {
        if (len < PacketHeader.MIN_LENGTH || len > pkt.length) throw new MalformedException("not a packet");
        return new ByteReader(pkt, PacketHeader.IDX_PAYLOAD, len);
    }

    static Identity readIdentity(ByteReader r) {
        Identity id = tryReadIdentity(r);
        if (id == null) throw new MalformedException("identity truncated or ill-formed");
        return id;
    }

    /** An identity at the reader's position (public part), or null, without moving, if none is there. */
    static Identity tryReadIdentity(ByteReader r) {
        if (r.remaining() < Identity.PUBLIC_BINARY_LENGTH) return null;
        try {
            Identity id = Identity.fromBytes(r.array(), r.position(), r.limit());
            r.skip(id.binaryLength());
            return id.publicOnly();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

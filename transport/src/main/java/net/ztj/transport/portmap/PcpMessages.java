package net.ztj.transport.portmap;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * PCP MAP messages for UDP (RFC 6887 §7 and §11), NAT-PMP's successor, which a router may speak instead of or
 * beside it. Addresses travel as 16 bytes, IPv4 ones IPv4-mapped ({@code ::ffff:a.b.c.d}).
 */
public final class PcpMessages {
    static final int VERSION = 2;
    static final int OP_MAP = 1;
    static final int RESPONSE_BIT = 0x80;
    static final int UDP = 17;
    /** Header (24) plus the MAP opcode's body (36). */
    static final int MAP_LENGTH = 60;
    public static final int NONCE_LENGTH = 12;
    /** Result codes of RFC 6887 §7.4 this client acts on. */
    public static final int SUCCESS = 0;
    public static final int UNSUPP_VERSION = 1;

    private PcpMessages() {}

    /**
     * A decoded MAP response.
     *
     * @param externalIp 4 bytes for an IPv4-mapped address, else 16
     */
    public record MapResponse(int resultCode, long lifetimeSeconds, long epochSeconds, byte[] nonce, int protocol,
                              int internalPort, int externalPort, byte[] externalIp) {}

    /**
     * A MAP request for UDP {@code internalPort} of {@code clientIp} (the address the server sees the request from),
     * preferably on {@code suggestedExternalPort}; lifetime 0 deletes the mapping with that nonce.
     */
    public static byte[] mapUdpRequest(byte[] nonce, byte[] clientIp, int internalPort, int suggestedExternalPort,
                                       long lifetimeSeconds) {
        if (nonce.length != NONCE_LENGTH) throw new IllegalArgumentException("nonce must be 12 bytes");
        ByteBuffer b = ByteBuffer.allocate(MAP_LENGTH);
        b.put((byte) VERSION).put((byte) OP_MAP).putShort((short) 0).putInt((int) lifetimeSeconds);
        b.put(as16(clientIp));
        b.put(nonce).put((byte) UDP).put(new byte[3]);
        b.putShort((short) internalPort).putShort((short) suggestedExternalPort);
        // no preference for the external address: the all-zero address of the client's family (§11.1)
        b.put(clientIp.length == 4 ? as16(new byte[4]) : new byte[16]);
        return b.array();
    }

    /** Decodes a datagram from the server; empty if it is not a PCP MAP response. */
    public static Optional<MapResponse> decode(byte[] datagram, int length) {
        if (length < MAP_LENGTH || length > datagram.length || length > 1100 || length % 4 != 0) return Optional.empty();
        ByteBuffer b = ByteBuffer.wrap(datagram, 0, length);
        int version = b.get() & 0xff;
        int op = b.get() & 0xff;
        b.get(); // reserved
        int result = b.get() & 0xff;
        long lifetime = b.getInt() & 0xffffffffL;
        long epoch = b.getInt() & 0xffffffffL;
        if (version != VERSION || op != (RESPONSE_BIT | OP_MAP)) return Optional.empty();
        b.position(b.position() + 12); // reserved
        byte[] nonce = new byte[NONCE_LENGTH];
        b.get(nonce);
        int protocol = b.get() & 0xff;
        b.position(b.position() + 3);
        int internalPort = b.getShort() & 0xffff;
        int externalPort = b.getShort() & 0xffff;
        byte[] ip = new byte[16];
        b.get(ip);
        return Optional.of(new MapResponse(result, lifetime, epoch, nonce, protocol, internalPort, externalPort,
                unmapped(ip)));
    }

    /** The 16-byte form of an address: IPv4 as {@code ::ffff:a.b.c.d}. */
    static byte[] as16(byte[] ip) {
        if (ip.length == 16) return ip.clone();
        if (ip.length != 4) throw new IllegalArgumentException("IP address must be 4 or 16 bytes");
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(ip, 0, out, 12, 4);
        return out;
    }

    private static byte[] unmapped(byte[] ip16) {
        for (int i = 0; i < 10; i++) if (ip16[i] != 0) return ip16;
        if ((ip16[10] & 0xff) != 0xff || (ip16[11] & 0xff) != 0xff) return ip16;
        return Arrays.copyOfRange(ip16, 12, 16);
    }
}

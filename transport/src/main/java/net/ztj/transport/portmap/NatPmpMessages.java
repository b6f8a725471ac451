package net.ztj.transport.portmap;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * NAT-PMP messages (RFC 6886), the protocol ZeroTier One's port mapper tries first. Requests are built here and
 * responses decoded; a response that is not a well-formed NAT-PMP answer decodes to empty.
 */
public final class NatPmpMessages {
    /** The port a NAT-PMP (and PCP) server listens on (RFC 6886 §3.1). */
    public static final int SERVER_PORT = 5351;
    static final int VERSION = 0;
    static final int OP_EXTERNAL_ADDRESS = 0;
    static final int OP_MAP_UDP = 1;
    /** A response's opcode is the request's plus 128 (RFC 6886 §3.2). */
    static final int RESPONSE_BIT = 0x80;
    /** Result code 0: success (RFC 6886 §3.5). */
    public static final int SUCCESS = 0;
    /** Result code 1: the server speaks another version (a PCP server answering NAT-PMP, RFC 6887 Appendix A). */
    public static final int UNSUPPORTED_VERSION = 1;

    private NatPmpMessages() {}

    /** A decoded response. */
    public sealed interface Response permits ExternalAddress, UdpMapping {
        /** 0 on success, else RFC 6886's result code. */
        int resultCode();

        /** The server's seconds since its start or reset. */
        long epochSeconds();
    }

    /** The answer to {@link #externalAddressRequest()} (RFC 6886 §3.2). */
    public record ExternalAddress(int resultCode, long epochSeconds, byte[] ipv4) implements Response {}

    /** The answer to {@link #mapUdpRequest} (RFC 6886 §3.3). */
    public record UdpMapping(int resultCode, long epochSeconds, int internalPort, int externalPort, long lifetimeSeconds)
            implements Response {}

    /** Asks for the router's external IPv4 address: version 0, opcode 0. */
    public static byte[] externalAddressRequest() {
        return new byte[] {VERSION, OP_EXTERNAL_ADDRESS};
    }

    /**
     * Asks for a UDP mapping of {@code internalPort}, preferably on {@code suggestedExternalPort}, for
     * {@code lifetimeSeconds}; lifetime 0 with external port 0 deletes the mapping (RFC 6886 §3.4).
     */
    public static byte[] mapUdpRequest(int internalPort, int suggestedExternalPort, long lifetimeSeconds) {
        ByteBuffer b = ByteBuffer.allocate(12);
        b.put((byte) VERSION).put((byte) OP_MAP_UDP).putShort((short) 0);
        b.putShort((short) internalPort).putShort((short) suggestedExternalPort).putInt((int) lifetimeSeconds);
        return b.array();
    }

    /** Decodes a datagram from the server; empty if it is not a NAT-PMP response this client asks for. */
    public static Optional<Response> decode(byte[] datagram, int length) {
        if (length < 8 || length > datagram.length) return Optional.empty();
        ByteBuffer b = ByteBuffer.wrap(datagram, 0, length);
        int version = b.get() & 0xff;
        int op = b.get() & 0xff;
        int result = b.getShort() & 0xffff;
        long epoch = b.getInt() & 0xffffffffL;
        if (version != VERSION || (op & RESPONSE_BIT) == 0) return Optional.empty();
        return switch (op & ~RESPONSE_BIT) {
            case OP_EXTERNAL_ADDRESS -> {
                if (length < 12) yield Optional.empty();
                byte[] ip = new byte[4];
                b.get(ip);
                yield Optional.of(new ExternalAddress(result, epoch, ip));
            }
            case OP_MAP_UDP -> length < 16 ? Optional.empty() : Optional.of(new UdpMapping(result, epoch,
                    b.getShort() & 0xffff, b.getShort() & 0xffff, b.getInt() & 0xffffffffL));
            default -> Optional.empty();
        };
    }
}

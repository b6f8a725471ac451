package net.ztj.transport.tcprelay;

import net.ztj.core.wire.Endpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads relay frames (spec 05 §9.6) from a stream's receive buffer, one at a time and without allocating for a
 * datagram from the same address as the one before: after {@link #next} says {@link Kind#DATAGRAM}, the reader's
 * accessors describe that frame, whose bytes stay in the buffer's array until the caller compacts it. Shared by the
 * client connection and the relay server, which differ only in what they do with each kind.
 */
public final class RelayFrameReader {
    /** What the next bytes of the stream are. */
    public enum Kind {
        /** not a whole frame yet: nothing was consumed */
        NEED_MORE,
        /** a 4-byte payload: the client's version ({@link #helloMajor()} and so on) */
        HELLO,
        /** an address block with an address, and the datagram after it */
        DATAGRAM,
        /** an address block of type {@code 00}: a datagram without an address, which nobody can deliver */
        NO_ADDRESS,
        /** a frame with no payload: ignored */
        EMPTY,
        /** the stream is not relay framing; see {@link #bad()}; the connection must be closed */
        BAD
    }

    /** Why a stream is refused. */
    public enum Bad {
        /** the record header is not {@code 17 03 03} */
        NOT_A_RECORD,
        /** an address type other than 0, 4 and 6 */
        UNKNOWN_ADDRESS_TYPE,
        /** the payload is shorter than its address block */
        TRUNCATED_ADDRESS
    }

    private final byte[] ipv4 = new byte[4];
    private final byte[] ipv6 = new byte[16];
    private byte[] ip;
    private int port;
    private int datagramOffset;
    private int datagramLength;
    private int helloMajor, helloMinor, helloRevision;
    private Bad bad;
    private Endpoint lastEndpoint;
    private byte[] lastIp = new byte[0];

    /**
     * Consumes the next frame of {@code in} (a heap buffer in read mode: position to limit are the bytes not yet
     * read) if it is complete, and says what it was. On {@link Kind#BAD} nothing is consumed either.
     */
    public Kind next(ByteBuffer in) {
        int start = in.position();
        int available = in.limit() - start;
        if (available < RelayFrames.HEADER_BYTES) return Kind.NEED_MORE;
        byte[] a = in.array();
        int base = in.arrayOffset() + start;
        if ((a[base] & 0xff) != RelayFrames.RECORD_TYPE || (a[base + 1] & 0xff) != RelayFrames.RECORD_VERSION_MAJOR
                || (a[base + 2] & 0xff) != RelayFrames.RECORD_VERSION_MINOR) {
            return refuse(Bad.NOT_A_RECORD);
        }
        int length = ((a[base + 3] & 0xff) << 8) | (a[base + 4] & 0xff);
        if (available < RelayFrames.HEADER_BYTES + length) return Kind.NEED_MORE;
        int p = base + RelayFrames.HEADER_BYTES;
        if (length == 0) return consumed(in, start, length, Kind.EMPTY);
        if (length == RelayFrames.HELLO_PAYLOAD_BYTES) {
            helloMajor = a[p] & 0xff;
            helloMinor = a[p + 1] & 0xff;
            helloRevision = ((a[p + 2] & 0xff) << 8) | (a[p + 3] & 0xff);
            return consumed(in, start, length, Kind.HELLO);
        }
        int type = a[p] & 0xff;
        int block;
        switch (type) {
            case RelayFrames.ADDRESS_NONE -> {
                return consumed(in, start, length, Kind.NO_ADDRESS);
            }
            case RelayFrames.ADDRESS_IPV4 -> {
                block = RelayFrames.IPV4_BLOCK_BYTES;
                ip = ipv4;
            }
            case RelayFrames.ADDRESS_IPV6 -> {
                block = RelayFrames.IPV6_BLOCK_BYTES;
                ip = ipv6;
            }
            default -> {
                return refuse(Bad.UNKNOWN_ADDRESS_TYPE);
            }
        }
        if (length < block) return refuse(Bad.TRUNCATED_ADDRESS);
        System.arraycopy(a, p + 1, ip, 0, ip.length);
        port = ((a[p + block - 2] & 0xff) << 8) | (a[p + block - 1] & 0xff);
        datagramOffset = p + block;
        datagramLength = length - block;
        return consumed(in, start, length, Kind.DATAGRAM);
    }

    private static Kind consumed(ByteBuffer in, int start, int length, Kind kind) {
        in.position(start + RelayFrames.HEADER_BYTES + length);
        return kind;
    }

    private Kind refuse(Bad why) {
        bad = why;
        return Kind.BAD;
    }

    /** After {@link Kind#BAD}: why. */
    public Bad bad() {
        return bad;
    }

    /** After {@link Kind#DATAGRAM}: its address (the same object as last time when it has not changed). */
    public Endpoint endpoint() {
        if (lastEndpoint == null || lastEndpoint.port() != port || !Arrays.equals(lastIp, ip)) {
            lastEndpoint = Endpoint.of(ip, port);
            lastIp = ip.clone();
        }
        return lastEndpoint;
    }

    /** After {@link Kind#DATAGRAM}: whether the address is IPv4. */
    public boolean isIpv4() {
        return ip.length == 4;
    }

    /** After {@link Kind#DATAGRAM}: the address's port. */
    public int port() {
        return port;
    }

    /** After {@link Kind#DATAGRAM}: where the datagram starts in the buffer's backing array. */
    public int datagramOffset() {
        return datagramOffset;
    }

    /** After {@link Kind#DATAGRAM}: the datagram's length. */
    public int datagramLength() {
        return datagramLength;
    }

    /** After {@link Kind#HELLO}: the client's major version. */
    public int helloMajor() {
        return helloMajor;
    }

    public int helloMinor() {
        return helloMinor;
    }

    public int helloRevision() {
        return helloRevision;
    }
}

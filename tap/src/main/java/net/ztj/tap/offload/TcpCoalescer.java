package net.ztj.tap.offload;

import static net.ztj.tap.offload.TcpSegmenter.ACK;
import static net.ztj.tap.offload.TcpSegmenter.ETHERNET;
import static net.ztj.tap.offload.TcpSegmenter.ETHERTYPE;
import static net.ztj.tap.offload.TcpSegmenter.ETHERTYPE_IPV4;
import static net.ztj.tap.offload.TcpSegmenter.ETHERTYPE_IPV6;
import static net.ztj.tap.offload.TcpSegmenter.IPV6_HEADER;
import static net.ztj.tap.offload.TcpSegmenter.PROTOCOL_TCP;
import static net.ztj.tap.offload.TcpSegmenter.PSH;
import static net.ztj.tap.offload.TcpSegmenter.TCP_CHECKSUM;
import static net.ztj.tap.offload.TcpSegmenter.TCP_FLAGS;
import static net.ztj.tap.offload.TcpSegmenter.TCP_MIN_HEADER;
import static net.ztj.tap.offload.TcpSegmenter.TCP_SEQ;

import java.util.Arrays;

/**
 * Receive-side coalescing (what GRO does in a NIC driver): consecutive in-order TCP segments of one flow, as they
 * come out of the node one frame at a time, are merged into one super-frame that the tap takes in one write with a
 * virtio_net_hdr asking the kernel for GSO (TCPV4/TCPV6) and for the checksum (NEEDS_CSUM). The kernel's TCP then
 * sees one large packet, as it would from a NIC with GRO.
 *
 * <p>A segment joins the held super-frame only if it continues it exactly: same Ethernet header, same IP addresses
 * and header fields that GRO compares (IPv4 TOS, TTL, DF and options; IPv6 traffic class, flow label and hop
 * limit), same ports, acknowledgement, window and TCP options, sequence number right after the held data, only
 * ACK (and PSH) set, a payload no larger than the first one's, and a valid TCP checksum (a bad one must reach the
 * kernel alone, to be dropped there rather than vouched for). After a shorter segment or one with PSH the
 * super-frame takes no more. Anything else is for the caller to write as a plain frame after {@link #finish}ing the
 * held one, so the order of frames is kept.
 *
 * <p>Not thread-safe: the tap's writer owns it. Allocation-free after construction.
 */
public final class TcpCoalescer {
    /** The largest IP packet a super-frame may grow to (IPv4 total length, IPv6 payload length: 16 bits). */
    static final int MAX_IP_LENGTH = 65535;
    /** Room for a virtio header and the largest super-frame (IPv6: 40-byte header plus 65535 of payload). */
    public static final int BUFFER_SIZE = VirtioNetHeader.LENGTH + ETHERNET + IPV6_HEADER + MAX_IP_LENGTH;

    private final byte[] buf = new byte[BUFFER_SIZE];
    private static final int F = VirtioNetHeader.LENGTH; // the held frame starts after the header's room

    // the segment last parsed by candidate()
    private boolean ipv4;
    private int ipHeader, tcpHeader, payload;

    // the held super-frame
    private boolean holding, closed;
    private int length, segments, gsoSize, nextSeq, heldFlags;

    /** Whether a super-frame is held (to be {@link #finish}ed). */
    public boolean holding() {
        return holding;
    }

    /** Segments in the held super-frame. */
    public int segments() {
        return holding ? segments : 0;
    }

    /**
     * Starts a super-frame with this frame if it is a TCP segment that others could continue; false (nothing held)
     * otherwise. Call only when nothing is held.
     */
    public boolean start(byte[] b, int off, int len) {
        if (holding) throw new IllegalStateException("finish the held super-frame first");
        if (!candidate(b, off, len) || (b[off + ETHERNET + ipHeader + TCP_FLAGS] & PSH) != 0) return false;
        System.arraycopy(b, off, buf, F, len);
        holding = true;
        closed = false;
        length = len;
        segments = 1;
        gsoSize = payload;
        heldFlags = b[off + ETHERNET + ipHeader + TCP_FLAGS] & 0xff;
        nextSeq = Be.i32(b, off + ETHERNET + ipHeader + TCP_SEQ) + payload;
        return true;
    }

    /** Appends this frame to the held super-frame if it continues it (see the class comment); false otherwise. */
    public boolean append(byte[] b, int off, int len) {
        if (!holding || closed || !candidate(b, off, len)) return false;
        int tcp = ETHERNET + ipHeader;
        int headers = tcp + tcpHeader;
        int h = F; // held frame
        if (payload > gsoSize || length + payload - ETHERNET - (ipv4 ? 0 : IPV6_HEADER) > MAX_IP_LENGTH) return false;
        if (ipv4 != (Be.u16(buf, h + ETHERTYPE) == ETHERTYPE_IPV4)) return false;
        if (!Arrays.equals(b, off, off + ETHERNET, buf, h, h + ETHERNET)) return false;
        if (ipv4) {
            if (((buf[h + ETHERNET] & 0x0f) * 4) != ipHeader
                    || b[off + ETHERNET + 1] != buf[h + ETHERNET + 1] // TOS (DSCP, ECN)
                    || (b[off + ETHERNET + 6] & 0x40) != (buf[h + ETHERNET + 6] & 0x40) // DF
                    || b[off + ETHERNET + 8] != buf[h + ETHERNET + 8] // TTL
                    || !Arrays.equals(b, off + ETHERNET + 12, off + ETHERNET + 20, buf, h + ETHERNET + 12, h + ETHERNET + 20)
                    || !Arrays.equals(b, off + ETHERNET + 20, off + tcp, buf, h + ETHERNET + 20, h + tcp)) {
                return false;
            }
        } else if (!Arrays.equals(b, off + ETHERNET, off + ETHERNET + 4, buf, h + ETHERNET, h + ETHERNET + 4)
                || b[off + ETHERNET + 7] != buf[h + ETHERNET + 7] // hop limit
                || !Arrays.equals(b, off + ETHERNET + 8, off + tcp, buf, h + ETHERNET + 8, h + tcp)) {
            return false;
        }
        if (((buf[h + tcp + 12] & 0xff) >>> 4) * 4 != tcpHeader
                || !Arrays.equals(b, off + tcp, off + tcp + 4, buf, h + tcp, h + tcp + 4) // ports
                || Be.i32(b, off + tcp + TCP_SEQ) != nextSeq
                || !Arrays.equals(b, off + tcp + 8, off + tcp + 12, buf, h + tcp + 8, h + tcp + 12) // ack
                || ((b[off + tcp + TCP_FLAGS] ^ heldFlags) & ~PSH) != 0
                || !Arrays.equals(b, off + tcp + 14, off + tcp + 16, buf, h + tcp + 14, h + tcp + 16) // window
                || !Arrays.equals(b, off + tcp + TCP_MIN_HEADER, off + headers, buf, h + tcp + TCP_MIN_HEADER, h + headers)) {
            return false;
        }
        System.arraycopy(b, off + headers, buf, h + length, payload);
        length += payload;
        segments++;
        nextSeq += payload;
        if ((b[off + tcp + TCP_FLAGS] & PSH) != 0) {
            heldFlags |= PSH;
            closed = true;
        }
        if (payload < gsoSize) closed = true;
        return true;
    }

    /**
     * Ends the held super-frame: writes its virtio header and fixes its IP length, IPv4 header checksum, PSH flag
     * and partial TCP checksum. Returns its length with the header, at {@link #buffer()}[0..]; a single segment
     * gets an all-zero header and stays as it was. Nothing is held afterwards.
     */
    public int finish() {
        if (!holding) throw new IllegalStateException("nothing held");
        holding = false;
        if (segments == 1) {
            VirtioNetHeader.writeNone(buf, 0);
            return F + length;
        }
        int h = F;
        boolean v4 = Be.u16(buf, h + ETHERTYPE) == ETHERTYPE_IPV4;
        int ip = h + ETHERNET;
        int ipHdr = v4 ? (buf[ip] & 0x0f) * 4 : IPV6_HEADER;
        int tcp = ip + ipHdr;
        int tcpHdr = ((buf[tcp + 12] & 0xff) >>> 4) * 4;
        int tcpLength = length - ETHERNET - ipHdr;
        if (v4) {
            Be.put16(buf, ip + 2, length - ETHERNET);
            Be.put16(buf, ip + 10, 0);
            Be.put16(buf, ip + 10, InetChecksum.finish(InetChecksum.add(buf, ip, ipHdr, 0)));
        } else {
            Be.put16(buf, ip + 4, tcpLength);
        }
        buf[tcp + TCP_FLAGS] = (byte) heldFlags;
        Be.put16(buf, tcp + TCP_CHECKSUM, InetChecksum.fold(InetChecksum.tcpPseudoHeader(buf, ip, v4, tcpLength)));
        VirtioNetHeader.write(buf, 0, VirtioNetHeader.F_NEEDS_CSUM,
                v4 ? VirtioNetHeader.GSO_TCPV4 : VirtioNetHeader.GSO_TCPV6,
                ETHERNET + ipHdr + tcpHdr, gsoSize, ETHERNET + ipHdr, TCP_CHECKSUM);
        return F + length;
    }

    /**
     * Whether this frame belongs to the flow of the held super-frame (the same IP version, addresses and TCP ports),
     * whatever else it is: such a frame must not overtake the held one. False when nothing is held.
     */
    public boolean holdsFlowOf(byte[] b, int off, int len) {
        if (!holding) return false;
        int h = F;
        int etherType = Be.u16(buf, h + ETHERTYPE);
        if (len < ETHERNET + 20 || Be.u16(b, off + ETHERTYPE) != etherType) return false;
        int ip = off + ETHERNET, heldIp = h + ETHERNET;
        int tcp, heldTcp;
        if (etherType == ETHERTYPE_IPV4) {
            if ((b[ip + 9] & 0xff) != PROTOCOL_TCP
                    || !Arrays.equals(b, ip + 12, ip + 20, buf, heldIp + 12, heldIp + 20)) {
                return false;
            }
            tcp = ip + (b[ip] & 0x0f) * 4;
            heldTcp = heldIp + (buf[heldIp] & 0x0f) * 4;
        } else {
            if (len < ETHERNET + IPV6_HEADER || (b[ip + 6] & 0xff) != PROTOCOL_TCP
                    || !Arrays.equals(b, ip + 8, ip + IPV6_HEADER, buf, heldIp + 8, heldIp + IPV6_HEADER)) {
                return false;
            }
            tcp = ip + IPV6_HEADER;
            heldTcp = heldIp + IPV6_HEADER;
        }
        return tcp + 4 <= off + len && Arrays.equals(b, tcp, tcp + 4, buf, heldTcp, heldTcp + 4);
    }

    /** Where {@link #finish} put the header and the frame. */
    public byte[] buffer() {
        return buf;
    }

    /**
     * Whether the frame is a TCP segment that may take part: IPv4 (not a fragment) or IPv6 without extension
     * headers, the IP length exactly the frame's, a payload, only ACK and PSH set, and a valid TCP checksum. Leaves
     * the segment's shape in the parse fields.
     */
    private boolean candidate(byte[] b, int off, int len) {
        if (len < ETHERNET + 20 + TCP_MIN_HEADER) return false;
        int etherType = Be.u16(b, off + ETHERTYPE);
        int ip = off + ETHERNET;
        if (etherType == ETHERTYPE_IPV4) {
            if ((b[ip] & 0xf0) != 0x40 || (b[ip + 9] & 0xff) != PROTOCOL_TCP) return false;
            if ((Be.u16(b, ip + 6) & 0x3fff) != 0) return false; // MF or a fragment offset
            ipHeader = (b[ip] & 0x0f) * 4;
            if (ipHeader < 20 || Be.u16(b, ip + 2) != len - ETHERNET) return false;
            ipv4 = true;
        } else if (etherType == ETHERTYPE_IPV6) {
            if (len < ETHERNET + IPV6_HEADER + TCP_MIN_HEADER || (b[ip] & 0xf0) != 0x60
                    || (b[ip + 6] & 0xff) != PROTOCOL_TCP || Be.u16(b, ip + 4) != len - ETHERNET - IPV6_HEADER) {
                return false;
            }
            ipHeader = IPV6_HEADER;
            ipv4 = false;
        } else {
            return false;
        }
        int tcp = ip + ipHeader;
        if (len < ETHERNET + ipHeader + TCP_MIN_HEADER) return false;
        tcpHeader = ((b[tcp + 12] & 0xff) >>> 4) * 4;
        payload = len - ETHERNET - ipHeader - tcpHeader;
        if (tcpHeader < TCP_MIN_HEADER || payload <= 0) return false;
        int flags = b[tcp + TCP_FLAGS] & 0xff;
        if ((flags & ~(ACK | PSH)) != 0 || (flags & ACK) == 0) return false;
        long sum = InetChecksum.tcpPseudoHeader(b, ip, ipv4, tcpHeader + payload);
        return InetChecksum.fold(InetChecksum.add(b, tcp, tcpHeader + payload, sum)) == 0xffff;
    }
}

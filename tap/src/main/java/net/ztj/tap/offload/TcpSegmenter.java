package net.ztj.tap.offload;

/**
 * Turns what a tap with IFF_VNET_HDR and TSO hands us into frames a ZeroTier network can carry: a TCP super-frame
 * (gso_type TCPV4/TCPV6, up to 64 KiB) is cut into segments whose IP packets fit the network's MTU, each with its
 * own IP length (and IPv4 identification and header checksum), sequence number, flags (FIN and PSH on the last
 * segment only, CWR on the first only) and full TCP checksum, as a NIC doing TSO would; a plain frame whose checksum
 * the kernel left for us (NEEDS_CSUM) gets it completed. Peers see ordinary frames: the wire format does not change.
 *
 * <p>Stateless and allocation-free; the frames go into a {@link FrameBatch}.
 */
public final class TcpSegmenter {
    /** What became of one frame read from the tap. */
    public enum Result {
        /** One frame, as read (its checksum completed if the kernel asked). */
        PLAIN,
        /** A TCP super-frame, cut into segments. */
        SEGMENTED,
        /** Dropped: shorter than a virtio header and an Ethernet header, or as long as the read buffer. */
        DROPPED_TRUNCATED,
        /** Dropped: checksum or header offsets outside the frame, or headers that do not match the GSO type. */
        DROPPED_MALFORMED,
        /** Dropped: a GSO type we never enable (UDP). */
        DROPPED_UNSUPPORTED_GSO,
        /** Dropped: the segments do not fit the batch (an absurdly small segment size). */
        DROPPED_BATCH_FULL
    }

    static final int ETHERNET = 14, ETHERTYPE = 12, VLAN_TAG = 4;
    static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86dd, ETHERTYPE_VLAN = 0x8100;
    static final int PROTOCOL_TCP = 6, IPV6_HEADER = 40, TCP_MIN_HEADER = 20;
    static final int TCP_SEQ = 4, TCP_FLAGS = 13, TCP_CHECKSUM = 16;
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20, ECE = 0x40, CWR = 0x80;

    private TcpSegmenter() {
    }

    /**
     * Splits {@code in[off..off+len)} (a virtio_net_hdr and the Ethernet frame after it) into {@code out}.
     *
     * @param maxIpPacket the largest IP packet a segment may carry: the network's MTU
     */
    public static Result split(byte[] in, int off, int len, int maxIpPacket, FrameBatch out) {
        if (len < VirtioNetHeader.LENGTH + ETHERNET) return Result.DROPPED_TRUNCATED;
        int f = off + VirtioNetHeader.LENGTH, frameLen = len - VirtioNetHeader.LENGTH;
        int gso = VirtioNetHeader.gsoType(in, off) & ~VirtioNetHeader.GSO_ECN;
        if (gso == VirtioNetHeader.GSO_NONE) {
            if ((VirtioNetHeader.flags(in, off) & VirtioNetHeader.F_NEEDS_CSUM) != 0
                    && !completeChecksum(in, f, frameLen, VirtioNetHeader.csumStart(in, off),
                    VirtioNetHeader.csumOffset(in, off))) {
                return Result.DROPPED_MALFORMED;
            }
            return out.add(in, f, frameLen) ? Result.PLAIN : Result.DROPPED_BATCH_FULL;
        }
        if (gso != VirtioNetHeader.GSO_TCPV4 && gso != VirtioNetHeader.GSO_TCPV6) return Result.DROPPED_UNSUPPORTED_GSO;
        return segment(in, f, frameLen, gso == VirtioNetHeader.GSO_TCPV4, VirtioNetHeader.gsoSize(in, off),
                maxIpPacket, out);
    }

    /**
     * Completes a partial checksum in place: the 16 bits at {@code csumStart + csumOffset} hold the pseudo-header
     * sum; the checksum covers everything from {@code csumStart} to the end of the frame. A result of 0 is stored
     * as 0xffff, as the kernel does (for UDP, 0 would mean "no checksum").
     */
    static boolean completeChecksum(byte[] b, int f, int frameLen, int csumStart, int csumOffset) {
        if (csumStart >= frameLen || csumStart + csumOffset + 2 > frameLen) return false;
        int at = f + csumStart + csumOffset;
        int sum = InetChecksum.finish(InetChecksum.add(b, f + csumStart, frameLen - csumStart, 0));
        Be.put16(b, at, sum == 0 ? 0xffff : sum);
        return true;
    }

    private static Result segment(byte[] in, int f, int frameLen, boolean ipv4, int gsoSize, int maxIpPacket,
                                  FrameBatch out) {
        int l3 = ETHERNET;
        int etherType = Be.u16(in, f + ETHERTYPE);
        if (etherType == ETHERTYPE_VLAN) {
            l3 += VLAN_TAG;
            if (frameLen < l3) return Result.DROPPED_MALFORMED;
            etherType = Be.u16(in, f + l3 - 2);
        }
        int ipHeader;
        if (ipv4) {
            if (etherType != ETHERTYPE_IPV4 || frameLen < l3 + 20 || (in[f + l3] & 0xf0) != 0x40) {
                return Result.DROPPED_MALFORMED;
            }
            ipHeader = (in[f + l3] & 0x0f) * 4;
            if (ipHeader < 20 || (in[f + l3 + 9] & 0xff) != PROTOCOL_TCP) return Result.DROPPED_MALFORMED;
        } else {
            if (etherType != ETHERTYPE_IPV6 || frameLen < l3 + IPV6_HEADER || (in[f + l3] & 0xf0) != 0x60
                    || (in[f + l3 + 6] & 0xff) != PROTOCOL_TCP) {
                return Result.DROPPED_MALFORMED;
            }
            ipHeader = IPV6_HEADER;
        }
        int tcp = l3 + ipHeader;
        if (frameLen < tcp + TCP_MIN_HEADER) return Result.DROPPED_MALFORMED;
        int tcpHeader = ((in[f + tcp + 12] & 0xff) >>> 4) * 4;
        int headers = tcp + tcpHeader;
        int payload = frameLen - headers;
        if (tcpHeader < TCP_MIN_HEADER || payload <= 0 || gsoSize <= 0) return Result.DROPPED_MALFORMED;
        int segmentPayload = Math.min(gsoSize, maxIpPacket - ipHeader - tcpHeader);
        if (segmentPayload <= 0) return Result.DROPPED_MALFORMED;
        int segments = (payload + segmentPayload - 1) / segmentPayload;
        if (!out.hasRoom(segments, segments * headers + payload)) return Result.DROPPED_BATCH_FULL;

        int seq = Be.i32(in, f + tcp + TCP_SEQ);
        int id = ipv4 ? Be.u16(in, f + l3 + 4) : 0;
        int flags = in[f + tcp + TCP_FLAGS] & 0xff;
        for (int i = 0; i < segments; i++) {
            int chunk = Math.min(segmentPayload, payload - i * segmentPayload);
            int o = out.addJoined(in, f, headers, f + headers + i * segmentPayload, chunk);
            byte[] d = out.data();
            if (ipv4) {
                Be.put16(d, o + l3 + 2, ipHeader + tcpHeader + chunk);
                Be.put16(d, o + l3 + 4, id + i);
                Be.put16(d, o + l3 + 10, 0);
                Be.put16(d, o + l3 + 10, InetChecksum.finish(InetChecksum.add(d, o + l3, ipHeader, 0)));
            } else {
                Be.put16(d, o + l3 + 4, tcpHeader + chunk);
            }
            Be.put32(d, o + tcp + TCP_SEQ, seq + i * segmentPayload);
            int segmentFlags = flags;
            if (i != segments - 1) segmentFlags &= ~(FIN | PSH);
            if (i != 0) segmentFlags &= ~CWR;
            d[o + tcp + TCP_FLAGS] = (byte) segmentFlags;
            Be.put16(d, o + tcp + TCP_CHECKSUM, 0);
            long sum = InetChecksum.tcpPseudoHeader(d, o + l3, ipv4, tcpHeader + chunk);
            Be.put16(d, o + tcp + TCP_CHECKSUM, InetChecksum.finish(InetChecksum.add(d, o + tcp, tcpHeader + chunk, sum)));
        }
        return Result.SEGMENTED;
    }
}

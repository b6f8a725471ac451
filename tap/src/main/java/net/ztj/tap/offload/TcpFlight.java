package net.ztj.tap.offload;

/**
 * A flight of full-sized, in-order IPv4 TCP segments of one flow, with valid checksums, as a TCP sender puts them
 * through a tunnel: what {@link TcpFlowCoalescer} merges into one super-frame and {@link TcpSegmenter} cuts back.
 * The tap's warm-up writes such flights so that the merge, the super-frame's header and checksum fix-up and the cut
 * are compiled before the first real transfer (a random frame is plain to both and warms neither). Made once; the
 * addresses are of TEST-NET-1 and the frames never leave the process.
 */
public final class TcpFlight {
    private static final int IPV4_HEADER = 20;

    private TcpFlight() {
    }

    /**
     * {@code count} segments whose IP packets are {@code ipPacket} bytes long (the network's MTU), the sequence
     * numbers continuing from one to the next, only ACK set.
     */
    public static byte[][] segments(int count, int ipPacket) {
        int payload = ipPacket - IPV4_HEADER - TcpSegmenter.TCP_MIN_HEADER;
        if (count < 1 || payload < 1) throw new IllegalArgumentException("count " + count + ", IP packet " + ipPacket);
        byte[][] frames = new byte[count][];
        for (int k = 0; k < count; k++) {
            byte[] f = new byte[TcpSegmenter.ETHERNET + ipPacket];
            // Ethernet: locally administered unicast MACs, IPv4
            f[0] = 0x32;
            f[5] = 0x02;
            f[6] = 0x32;
            f[11] = 0x01;
            Be.put16(f, TcpSegmenter.ETHERTYPE, TcpSegmenter.ETHERTYPE_IPV4);
            int ip = TcpSegmenter.ETHERNET;
            f[ip] = 0x45;
            Be.put16(f, ip + 2, ipPacket);
            Be.put16(f, ip + 4, k + 1);          // identification
            Be.put16(f, ip + 6, 0x4000);         // DF
            f[ip + 8] = 64;                      // TTL
            f[ip + 9] = TcpSegmenter.PROTOCOL_TCP;
            f[ip + 12] = (byte) 192;             // 192.0.2.1 -> 192.0.2.2
            f[ip + 14] = 2;
            f[ip + 15] = 1;
            f[ip + 16] = (byte) 192;
            f[ip + 18] = 2;
            f[ip + 19] = 2;
            Be.put16(f, ip + 10, InetChecksum.finish(InetChecksum.add(f, ip, IPV4_HEADER, 0)));
            int tcp = ip + IPV4_HEADER;
            Be.put16(f, tcp, 40_000);
            Be.put16(f, tcp + 2, 5201);
            Be.put32(f, tcp + TcpSegmenter.TCP_SEQ, 1_000 + k * payload);
            Be.put32(f, tcp + 8, 1);             // acknowledgement
            f[tcp + 12] = 0x50;                  // 20-byte header
            f[tcp + TcpSegmenter.TCP_FLAGS] = TcpSegmenter.ACK;
            Be.put16(f, tcp + 14, 0xffff);       // window
            for (int i = tcp + TcpSegmenter.TCP_MIN_HEADER; i < f.length; i++) f[i] = (byte) (i * 31 + k);
            long sum = InetChecksum.tcpPseudoHeader(f, ip, true, ipPacket - IPV4_HEADER);
            Be.put16(f, tcp + TcpSegmenter.TCP_CHECKSUM,
                    InetChecksum.finish(InetChecksum.add(f, tcp, ipPacket - IPV4_HEADER, sum)));
            frames[k] = f;
        }
        return frames;
    }
}

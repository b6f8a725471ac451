package net.ztj.systest;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A minimal STUN server (RFC 5389 Binding, XOR-MAPPED-ADDRESS only) for the port mapping test, run as its own
 * process inside a namespace: {@code java -cp test-classes net.ztj.systest.StunResponder <port>}. miniupnpd refuses
 * to forward ports while its external address is in a reserved range (every test subnet is) unless STUN shows the
 * router is reachable unfiltered; this answers every Binding request from where it came, which tells it exactly
 * that. CHANGE-REQUEST is ignored (answered from the same address): miniupnpd only checks that all four answer.
 */
public final class StunResponder {
    private static final int MAGIC_COOKIE = 0x2112A442;

    private StunResponder() {}

    public static void main(String[] args) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(Integer.parseInt(args[0])))) {
            System.out.println("STUN responder on UDP port " + socket.getLocalPort());
            byte[] in = new byte[1500];
            while (true) {
                DatagramPacket p = new DatagramPacket(in, in.length);
                socket.receive(p);
                ByteBuffer req = ByteBuffer.wrap(in, 0, p.getLength());
                if (p.getLength() < 20 || req.getShort(0) != 0x0001 || req.getInt(4) != MAGIC_COOKIE
                        || p.getAddress().getAddress().length != 4) {
                    continue;
                }
                ByteBuffer out = ByteBuffer.allocate(32);
                out.putShort((short) 0x0101).putShort((short) 12).putInt(MAGIC_COOKIE).put(in, 8, 12);
                out.putShort((short) 0x0020).putShort((short) 8).put((byte) 0).put((byte) 1);
                out.putShort((short) (p.getPort() ^ (MAGIC_COOKIE >>> 16)));
                out.putInt(ByteBuffer.wrap(p.getAddress().getAddress()).getInt() ^ MAGIC_COOKIE);
                socket.send(new DatagramPacket(out.array(), out.position(), p.getSocketAddress()));
                System.out.println("answered " + p.getSocketAddress());
            }
        }
    }
}

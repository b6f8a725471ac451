package net.ztj.service.dns;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import static net.ztj.service.dns.DnsFixtures.member;
import static net.ztj.service.dns.DnsFixtures.network;
import static net.ztj.service.dns.DnsFixtures.parse;
import static net.ztj.service.dns.DnsFixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The listener on real loopback sockets: UDP and TCP answer the same, the rate limit drops the excess. */
class DnsListenerTest {
    @Test
    void answersOverUdpAndTcpAndDropsQueriesOverTheRate() throws Exception {
        ZoneBook book = new ZoneBook();
        book.networkChanged(null, network("zt.example"));
        book.memberChanged(null, member("a1b2c3d4e5", "alpha", true, "10.147.17.5"));
        DnsCounters counters = new DnsCounters();
        DnsResponder responder = new DnsResponder(book::zones, counters);
        long[] clock = {0};
        try (DnsListener l = DnsListener.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), responder,
                new SourceRateLimit(2), id -> true, () -> clock[0], counters);
             DatagramSocket client = new DatagramSocket()) {
            byte[] q = query("alpha.zt.example.", Type.A);
            client.setSoTimeout(10_000);
            client.send(new DatagramPacket(q, q.length, l.address()));
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            client.receive(p);
            Message udp = parse(java.util.Arrays.copyOf(p.getData(), p.getLength()));
            assertEquals("10.147.17.5", udp.getSection(Section.ANSWER).getFirst().rdataToString());

            try (Socket s = new Socket(l.address().getAddress(), l.address().getPort())) {
                s.setSoTimeout(10_000);
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                DataInputStream in = new DataInputStream(s.getInputStream());
                out.writeShort(q.length);
                out.write(q);
                out.flush();
                byte[] answer = in.readNBytes(in.readUnsignedShort());
                assertEquals(Rcode.NOERROR, parse(answer).getRcode());
                assertEquals(1, parse(answer).getSection(Section.ANSWER).size());
            }
            // the burst of 4 is spent (2 above); the next 2 pass, then queries are dropped until the clock moves
            for (int i = 0; i < 5; i++) client.send(new DatagramPacket(q, q.length, l.address()));
            client.receive(p);
            client.receive(p);
            Await.until(() -> counters.rateLimited.sum() == 3);
            clock[0] = 1_000_000_000L;
            client.send(new DatagramPacket(q, q.length, l.address()));
            client.receive(p);
            assertEquals(Rcode.NOERROR, parse(java.util.Arrays.copyOf(p.getData(), p.getLength())).getRcode());
        }
    }

    /** Waits for a condition, failing after 10 s. */
    static final class Await {
        static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
            long end = System.nanoTime() + 10_000_000_000L;
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > end) throw new AssertionError("condition not met within 10 s");
                Thread.onSpinWait();
                Thread.sleep(5);
            }
        }
    }
}

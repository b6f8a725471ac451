package net.ztj.service.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.core.wire.Endpoint;
import net.ztj.service.dns.DnsCounters;
import net.ztj.service.dns.DnsListener;
import net.ztj.service.dns.DnsResponder;
import net.ztj.service.dns.SourceRateLimit;
import net.ztj.service.dns.ZoneBook;
import net.ztj.service.port.PortCounters;
import net.ztj.service.testing.FakeNode;
import net.ztj.service.testing.SpecFixtures;
import net.ztj.tap.offload.OffloadStats;
import net.ztj.transport.portmap.NatPmpClient;
import net.ztj.transport.portmap.PortMapper;
import net.ztj.transport.tcprelay.TcpFallback;
import net.ztj.transport.tcprelay.TcpFallbackSettings;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import static net.ztj.service.testing.Scrapes.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our families of the edges in the scrape: each port's tap frames, drops and offloads, the TCP fallback relay, the
 * DNS server's queries and the port mapper's dropped answers.
 */
class TransportMetricsTest {
    @Test
    void portsAndTheTcpFallbackAreScraped() throws Exception {
        PortCounters port = new PortCounters(0x8056c2e21c000001L, "ztabcdef12", 10, 20, 1, 2,
                new OffloadStats(true, 3, 30, 4, 5, 50));
        try (TcpFallback fallback = new TcpFallback(new TcpFallbackSettings(true, false, Endpoint.parse("127.0.0.1/9")),
                (socket, from, data, off, len) -> { }, System::currentTimeMillis, line -> { })) {
            String scrape = new ServiceMetrics(new FakeNode(SpecFixtures.memberStatus()), System::currentTimeMillis)
                    .withTransports(fallback, () -> List.of(port)).scrape();
            String labels = "device=\"ztabcdef12\",";
            String nw = ",network_id=\"8056c2e21c000001\"";
            assertEquals(10, sample(scrape, "ztj_tap_frames_total{" + labels + "direction=\"rx\"" + nw + "}"), scrape);
            assertEquals(20, sample(scrape, "ztj_tap_frames_total{" + labels + "direction=\"tx\"" + nw + "}"));
            assertEquals(1, sample(scrape, "ztj_tap_dropped_frames_total{" + labels.replace(",", "") + nw
                    + ",reason=\"over_mtu\"}"));
            assertEquals(2, sample(scrape, "ztj_tap_dropped_frames_total{" + labels.replace(",", "") + nw
                    + ",reason=\"write_error\"}"));
            assertEquals(4, sample(scrape, "ztj_tap_dropped_frames_total{" + labels.replace(",", "") + nw
                    + ",reason=\"offload_malformed\"}"));
            assertEquals(3, sample(scrape, "ztj_tap_offload_super_frames_total{" + labels + "direction=\"rx\"" + nw + "}"));
            assertEquals(5, sample(scrape, "ztj_tap_offload_super_frames_total{" + labels + "direction=\"tx\"" + nw + "}"));
            assertEquals(30, sample(scrape, "ztj_tap_offload_segments_total{" + labels + "direction=\"rx\"" + nw + "}"));
            assertEquals(50, sample(scrape, "ztj_tap_offload_segments_total{" + labels + "direction=\"tx\"" + nw + "}"));

            assertEquals(0, sample(scrape, "ztj_tcp_fallback_active"), "never engaged");
            assertEquals(0, sample(scrape, "ztj_tcp_fallback_connections_total"));
            assertEquals(0, sample(scrape, "ztj_tcp_fallback_dropped_datagrams_total"));
            assertEquals(0, sample(scrape, "zt_data{direction=\"rx\",protocol=\"tcp\"}"));
            assertEquals(0, sample(scrape, "ztj_tcp_fallback_datagrams_total{direction=\"rx\"}"));
        }
    }

    @Test
    void theDnsServerAndThePortMapperAreScraped() throws Exception {
        AtomicReference<DnsCounters> dns = new AtomicReference<>();
        AtomicReference<PortMapper> mapper = new AtomicReference<>();
        ServiceMetrics metrics = new ServiceMetrics(new FakeNode(SpecFixtures.memberStatus()), System::currentTimeMillis)
                .withDns(dns::get).withPortMapper(mapper::get);
        String before = metrics.scrape();
        assertEquals(0, sample(before, "ztj_dns_queries_total{outcome=\"answered\"}"), "no DNS server yet: 0");
        assertEquals(0, sample(before, "ztj_dns_truncated_answers_total"));
        assertEquals(0, sample(before, "ztj_port_mapping_dropped_answers_total"), "no port mapper yet: 0");

        // made after the first scrape, as the daemon may make them
        DnsCounters counters = new DnsCounters();
        dns.set(counters);
        ZoneBook zones = new ZoneBook();
        zones.networkChanged(null, network());
        zones.memberChanged(null, member("a1b2c3d4e5", "alpha", "10.147.17.5"));
        String[] many = new String[60];
        for (int i = 0; i < many.length; i++) many[i] = "10.147.17." + (10 + i);
        zones.memberChanged(null, member("0a0b0c0d0e", "big", many));
        DnsResponder responder = new DnsResponder(zones::zones, counters);
        ask(responder, query("alpha.zt.example.", Type.A));
        ask(responder, query("big.zt.example.", Type.A)); // answered, cut to 512 bytes
        ask(responder, query("nobody.zt.example.", Type.A));
        ask(responder, query("example.com.", Type.A));
        ask(responder, query("alpha.zt.example.", Type.A, DClass.CH));
        byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0xff);
        garbage[2] = 0;
        ask(responder, garbage);
        Message notify = Message.newQuery(Record.newRecord(Name.fromString("zt.example."), Type.SOA, DClass.IN));
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        ask(responder, notify.toWire());
        ask(responder, new byte[5]);
        // over a listener that admits 2 queries a source at once (its clock stands still): the third is dropped
        try (DnsListener listener = DnsListener.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                responder, new SourceRateLimit(1), id -> true, () -> 0L, counters);
             DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(10_000);
            byte[] q = query("alpha.zt.example.", Type.A);
            for (int i = 0; i < 3; i++) client.send(new DatagramPacket(q, q.length, listener.address()));
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            client.receive(p);
            client.receive(p);
            awaitTrue(() -> counters.rateLimited.sum() == 1);
        }

        // the port mapper's NAT-PMP client: junk, then the router's refusal of the external address request
        LongAdder dropped = new LongAdder();
        try (DatagramSocket router = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread routerThread = Thread.ofVirtual().start(() -> answerOnce(router,
                    new byte[] {1, 2, 3}, new byte[] {0, (byte) 128, 0, 3, 0, 0, 0, 9, 10, 81, 0, 3}));
            NatPmpClient natPmp = new NatPmpClient(() -> Optional.of(new byte[] {127, 0, 0, 1}), router.getLocalPort(),
                    dropped, line -> { });
            PortMapper made = new PortMapper(29999, List.of(natPmp), dropped, line -> { }, () -> { });
            mapper.set(made);
            assertTrue(natPmp.map(29999, 29999, 600).isEmpty(), "refused");
            routerThread.join();
        }

        String scrape = metrics.scrape();
        assertEquals(4, sample(scrape, "ztj_dns_queries_total{outcome=\"answered\"}"), scrape);
        assertEquals(1, sample(scrape, "ztj_dns_queries_total{outcome=\"nxdomain\"}"));
        assertEquals(2, sample(scrape, "ztj_dns_queries_total{outcome=\"refused\"}"));
        assertEquals(1, sample(scrape, "ztj_dns_queries_total{outcome=\"formerr\"}"));
        assertEquals(1, sample(scrape, "ztj_dns_queries_total{outcome=\"notimp\"}"));
        assertEquals(1, sample(scrape, "ztj_dns_queries_total{outcome=\"dropped\"}"));
        assertEquals(1, sample(scrape, "ztj_dns_queries_total{outcome=\"rate_limited\"}"));
        assertEquals(1, sample(scrape, "ztj_dns_truncated_answers_total"));
        assertEquals(1, sample(scrape, "ztj_port_mapping_dropped_answers_total"), "the 3-byte datagram");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NWID = "8056c2e21c000001";

    private static NetworkRecord network() {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", NWID).put("nwid", NWID).put("name", "test");
        o.putArray("routes").addObject().put("target", "10.147.17.0/24");
        o.putObject("dns").put("domain", "zt.example").putArray("servers").add("10.147.17.1");
        return NetworkRecord.fromJson(o);
    }

    private static MemberRecord member(String address, String name, String... ips) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", address).put("address", address).put("nwid", NWID).put("authorized", true).put("name", name);
        var a = o.putArray("ipAssignments");
        for (String ip : ips) a.add(ip);
        return MemberRecord.fromJson(o);
    }

    private static byte[] query(String name, int type) throws IOException {
        return query(name, type, DClass.IN);
    }

    private static byte[] query(String name, int type, int dclass) throws IOException {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, dclass)).toWire();
    }

    private static void ask(DnsResponder responder, byte[] query) {
        responder.answer(query, 0, query.length, false, id -> true);
    }

    /** Answers the first datagram {@code socket} receives with {@code answers}, in order. */
    private static void answerOnce(DatagramSocket socket, byte[]... answers) {
        try {
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            socket.receive(p);
            for (byte[] a : answers) socket.send(new DatagramPacket(a, a.length, p.getSocketAddress()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(5);
        }
    }
}

package net.ztj.service.metrics;

import net.ztj.core.identity.Address;
import net.ztj.core.node.DropReason;
import net.ztj.core.node.NodeStatus;
import net.ztj.core.node.PathInfo;
import net.ztj.core.node.PeerInfo;
import net.ztj.core.node.TrafficCounters;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.wire.Verb;
import net.ztj.service.testing.FakeNode;
import net.ztj.service.testing.SpecFixtures;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static net.ztj.service.testing.Scrapes.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node's counters as the scrape shows them: ZeroTier One's series names and labels, and ours. */
class NodeMetricsCollectorTest {
    private static final long NOW = 1_800_000_000_000L;

    private static NodeStatus withDrops(Map<DropReason, Long> drops) {
        NodeStatus s = SpecFixtures.memberStatus();
        return new NodeStatus(s.address(), s.publicIdentity(), s.online(), s.planetWorldId(), s.planetWorldTimestamp(),
                s.surfaceAddresses(), drops);
    }

    @Test
    void eachDropReasonMovesItsOwnCounterAndNoOther() {
        FakeNode node = new FakeNode(withDrops(Map.of()));
        ServiceMetrics metrics = new ServiceMetrics(node, () -> NOW);
        for (DropReason r : DropReason.values()) {
            String series = "ztj_dropped_packets_total{reason=\"" + r.name().toLowerCase(Locale.ROOT) + "\"}";
            assertEquals(0.0, sample(metrics.scrape(), series), series + " before");
        }
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            drops.put(r, (long) r.ordinal() + 1);
            node.status = withDrops(drops);
            String scrape = metrics.scrape();
            for (DropReason q : DropReason.values()) {
                String series = "ztj_dropped_packets_total{reason=\"" + q.name().toLowerCase(Locale.ROOT) + "\"}";
                double expected = q.ordinal() <= r.ordinal() ? q.ordinal() + 1 : 0;
                assertEquals(expected, sample(scrape, series), series + " after " + r);
            }
        }
    }

    @Test
    void packetsAndBytesUseZeroTierOnesNamesAndLabels() {
        TrafficCounters counters = new TrafficCounters();
        counters.received(Verb.HELLO);
        counters.received(Verb.HELLO);
        counters.sent(Verb.OK);
        counters.sent(Verb.QOS_MEASUREMENT);
        counters.bytesReceived(100);
        counters.bytesSent(40);
        counters.relayed(60);
        FakeNode node = new FakeNode(withDrops(Map.of()));
        node.traffic = counters.snapshot();
        String scrape = new ServiceMetrics(node, () -> NOW).scrape();
        assertEquals(2, sample(scrape, "zt_packet{direction=\"rx\",packet_type=\"hello\"}"), scrape);
        assertEquals(0, sample(scrape, "zt_packet{direction=\"tx\",packet_type=\"hello\"}"));
        assertEquals(1, sample(scrape, "zt_packet{direction=\"tx\",packet_type=\"ok\"}"));
        assertEquals(1, sample(scrape, "zt_packet{direction=\"tx\",packet_type=\"qos\"}"));
        assertEquals(0, sample(scrape, "zt_packet{direction=\"rx\",packet_type=\"path_negotiation_request\"}"));
        assertEquals(100, sample(scrape, "zt_data{direction=\"rx\",protocol=\"udp\"}"));
        assertEquals(100, sample(scrape, "zt_data{direction=\"tx\",protocol=\"udp\"}"), "relayed bytes are sent bytes");
        assertEquals(1, sample(scrape, "ztj_relayed_packets_total"));
        assertEquals(60, sample(scrape, "ztj_relayed_bytes_total"));
        assertTrue(scrape.contains("# HELP zt_packet ZeroTier packet type counts\n"), scrape);
    }

    @Test
    void networksAndPathsOfPeers() {
        FakeNode node = new FakeNode(withDrops(Map.of()));
        node.join(0x8056c2e21c000001L, null);
        Endpoint a = Endpoint.parse("10.0.0.1/9993");
        Endpoint b = Endpoint.parse("10.0.0.2/9993");
        node.peers = List.of(new PeerInfo(Address.parse("0123456789"), 12, 1, 14, 1, 5, PeerInfo.Role.LEAF, List.of(
                new PathInfo(a, 1, NOW - 1000, NOW - 1000, true),
                new PathInfo(b, 1, NOW - 400_000, NOW - 400_000, false))));
        String scrape = new ServiceMetrics(node, () -> NOW).scrape();
        assertEquals(1, sample(scrape, "zt_num_networks"), scrape);
        assertEquals(1, sample(scrape, "zt_peer_path_count{node_id=\"0123456789\",status=\"alive\"}"), scrape);
        assertEquals(1, sample(scrape, "zt_peer_path_count{node_id=\"0123456789\",status=\"dead\"}"));
        assertTrue(scrape.contains("jvm_memory_used_bytes{area=\"heap\"}"), "JVM memory");
        assertTrue(scrape.contains("jvm_gc_collection_seconds_count{"), "JVM GC");
    }

    @Test
    void theRegistryAndTheJvmFamiliesAreMadeByTheFirstScrapeOnce() {
        ServiceMetrics metrics = new ServiceMetrics(new FakeNode(withDrops(Map.of())), () -> NOW);
        assertFalse(metrics.registryMade(), "nothing of the registry before a scrape");
        String first = metrics.scrape();
        assertTrue(metrics.registryMade());
        assertTrue(first.contains("# TYPE jvm_threads_current "), first);
        String second = metrics.scrape();
        assertEquals(second.indexOf("# TYPE jvm_threads_current "), second.lastIndexOf("# TYPE jvm_threads_current "),
                second);
        assertTrue(second.contains("# TYPE zt_num_networks "), second);
        assertEquals(second.indexOf("# TYPE zt_num_networks "), second.lastIndexOf("# TYPE zt_num_networks "), second);
    }

    @Test
    void errorsNetworksAndPeersUseZeroTierOnesFamilies() {
        TrafficCounters counters = new TrafficCounters();
        counters.errorReceived(net.ztj.core.wire.ErrorCode.NETWORK_ACCESS_DENIED);
        counters.errorSent(net.ztj.core.wire.verbs.ErrorMessage.of(Verb.HELLO, 1,
                net.ztj.core.wire.ErrorCode.IDENTITY_COLLISION).toBytes());
        FakeNode node = new FakeNode(withDrops(Map.of()));
        node.traffic = counters.snapshot();
        node.networkCounters = List.of(new net.ztj.core.node.NetworkCounters(0x8056c2e21c000001L, 5, 1, 7, 2, 3));
        node.peerCounters = List.of(new net.ztj.core.node.PeerCounters(Address.parse("0123456789"), 11, 12, 4,
                new long[] {0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 1}, 5 + 2 * 25 + 0xffff));
        String scrape = new ServiceMetrics(node, () -> NOW).scrape();

        assertEquals(1, sample(scrape, "zt_packet_error{direction=\"rx\",error_type=\"network_access_denied\"}"), scrape);
        assertEquals(1, sample(scrape, "zt_packet_error{direction=\"tx\",error_type=\"identity_collision\"}"));
        assertEquals(0, sample(scrape, "zt_packet_error{direction=\"rx\",error_type=\"authentication_required\"}"));
        assertEquals(0, sample(scrape, "zt_packet_error{direction=\"tx\",error_type=\"internal_server_error\"}"));

        String nw = "network_id=\"8056c2e21c000001\"";
        assertEquals(5, sample(scrape, "zt_network_packets{accepted=\"yes\",direction=\"rx\"," + nw + "}"));
        assertEquals(1, sample(scrape, "zt_network_packets{accepted=\"no\",direction=\"rx\"," + nw + "}"));
        assertEquals(7, sample(scrape, "zt_network_packets{accepted=\"yes\",direction=\"tx\"," + nw + "}"));
        assertEquals(2, sample(scrape, "zt_network_packets{accepted=\"no\",direction=\"tx\"," + nw + "}"));
        assertEquals(3, sample(scrape, "zt_network_multicast_groups_subscribed{" + nw + "}"));

        String peer = "node_id=\"0123456789\"";
        assertEquals(11, sample(scrape, "zt_peer_packets{direction=\"rx\"," + peer + "}"));
        assertEquals(12, sample(scrape, "zt_peer_packets{direction=\"tx\"," + peer + "}"));
        assertEquals(4, sample(scrape, "zt_peer_packet_errors{" + peer + "}"));
        assertTrue(scrape.contains("# TYPE zt_peer_latency histogram\n"), scrape);
        assertEquals(0, sample(scrape, "zt_peer_latency_bucket{" + peer + ",le=\"3.0\"}"));
        assertEquals(1, sample(scrape, "zt_peer_latency_bucket{" + peer + ",le=\"6.0\"}"), "cumulative");
        assertEquals(3, sample(scrape, "zt_peer_latency_bucket{" + peer + ",le=\"30.0\"}"));
        assertEquals(3, sample(scrape, "zt_peer_latency_bucket{" + peer + ",le=\"1000.0\"}"));
        assertEquals(4, sample(scrape, "zt_peer_latency_bucket{" + peer + ",le=\"+Inf\"}"), "no path: 0xffff");
        assertEquals(4, sample(scrape, "zt_peer_latency_count{" + peer + "}"));
        assertEquals(5 + 50 + 0xffff, sample(scrape, "zt_peer_latency_sum{" + peer + "}"));
        assertEquals(0, sample(scrape, "zt_data{direction=\"rx\",protocol=\"tcp\"}"), "no TCP relay here");
    }
}

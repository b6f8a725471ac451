package net.ztj.service.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import net.ztj.core.node.DropReason;
import net.ztj.core.node.NetworkCounters;
import net.ztj.core.node.PathInfo;
import net.ztj.core.node.PeerCounters;
import net.ztj.core.node.PeerInfo;
import net.ztj.core.node.TrafficCounters;
import net.ztj.core.wire.ErrorCode;
import net.ztj.core.wire.Verb;
import net.ztj.service.metrics.Families.Sample;
import net.ztj.service.node.NodeControl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import static net.ztj.service.metrics.Families.counter;
import static net.ztj.service.metrics.Families.gauge;
import static net.ztj.service.metrics.Families.untyped;

/**
 * The node's metrics, read at scrape time through {@link NodeControl} (each read runs on the node's thread, as the
 * API's other reads do), so the packet path only does its plain field increments.
 *
 * <p>ZeroTier One's families keep its names, labels and help texts so that dashboards built for it work; its
 * counters are exposed untyped (see {@link Families#untyped}). Its latency histogram is a histogram here too, with
 * its buckets, though the Java client writes their bounds as {@code le="1.0"} where ZeroTier One writes
 * {@code le="1"} (the same number to Prometheus). Our own families ({@code ztj_*}) are proper counters and gauges.
 */
public final class NodeMetricsCollector implements MultiCollector {
    /** A path counts as alive while something arrived on it within this time (ZeroTier One's path expiration). */
    static final long PATH_ALIVE_MS = 4 * 60_000 + 3_000;

    private final NodeControl node;
    private final LongSupplier clockMs;
    private volatile TcpBytes tcp = TcpBytes.NONE;

    /** The bytes carried over the TCP fallback relay, as ZeroTier One counts them in {@code zt_data}. */
    public interface TcpBytes {
        TcpBytes NONE = new TcpBytes() {
            public long received() {
                return 0;
            }

            public long sent() {
                return 0;
            }
        };

        long received();

        long sent();
    }

    public NodeMetricsCollector(NodeControl node, LongSupplier clockMs) {
        this.node = node;
        this.clockMs = clockMs;
    }

    /** Where {@code zt_data{protocol="tcp"}} is read. */
    void tcpBytes(TcpBytes bytes) {
        tcp = bytes;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        TrafficCounters.Snapshot traffic = node.traffic();
        out.add(packets(traffic));
        out.add(packetErrors(traffic));
        TcpBytes tcpBytes = tcp;
        out.add(untyped("zt_data", "number of bytes ZeroTier has transmitted or received", List.of(
                new Sample(traffic.bytesReceived(), "protocol", "udp", "direction", "rx"),
                new Sample(traffic.bytesSent(), "protocol", "udp", "direction", "tx"),
                new Sample(tcpBytes.sent(), "protocol", "tcp", "direction", "tx"),
                new Sample(tcpBytes.received(), "protocol", "tcp", "direction", "rx"))));
        out.add(gauge("zt_num_networks", "number of networks this instance is joined to",
                List.of(new Sample(node.networks().size()))));
        networks(node.networkCounters(), out);
        out.add(pathCounts(node.peers(), clockMs.getAsLong()));
        peers(node.peerCounters(), out);
        out.add(drops(node.status().drops()));
        out.add(counter("ztj_relayed_packets", "packets this node relayed between two other nodes",
                List.of(new Sample(traffic.relayedPackets()))));
        out.add(counter("ztj_relayed_bytes", "bytes this node relayed between two other nodes",
                List.of(new Sample(traffic.relayedBytes()))));
        return new MetricSnapshots(out);
    }

    /** {@code zt_packet{packet_type, direction}}: every verb ZeroTier One counts, in both directions. */
    private static MetricSnapshot packets(TrafficCounters.Snapshot traffic) {
        List<Sample> samples = new ArrayList<>();
        for (String direction : List.of("rx", "tx")) {
            for (Verb v : Verb.values()) {
                long n = direction.equals("rx") ? traffic.received(v) : traffic.sent(v);
                samples.add(new Sample(n, "packet_type", packetType(v), "direction", direction));
            }
        }
        return untyped("zt_packet", "ZeroTier packet type counts", samples);
    }

    /**
     * {@code zt_packet_error{error_type, direction}}: ERROR packets by code. ZeroTier One also lists
     * {@code internal_server_error}, a code the protocol never carries, so always 0.
     */
    private static MetricSnapshot packetErrors(TrafficCounters.Snapshot traffic) {
        List<Sample> samples = new ArrayList<>();
        for (String direction : List.of("rx", "tx")) {
            for (ErrorCode code : ErrorCode.values()) {
                String type = errorType(code);
                if (type == null) continue;
                long n = direction.equals("rx") ? traffic.errorsReceived(code) : traffic.errorsSent(code);
                samples.add(new Sample(n, "error_type", type, "direction", direction));
            }
            samples.add(new Sample(0, "error_type", "internal_server_error", "direction", direction));
        }
        return untyped("zt_packet_error", "ZeroTier packet errors", samples);
    }

    /** ZeroTier One's label for an error code it counts, null for the codes it does not count. */
    static String errorType(ErrorCode code) {
        return switch (code) {
            case OBJ_NOT_FOUND -> "obj_not_found";
            case UNSUPPORTED_OPERATION -> "unsupported_operation";
            case IDENTITY_COLLISION -> "identity_collision";
            case NEED_MEMBERSHIP_CERTIFICATE -> "need_membership_certificate";
            case NETWORK_ACCESS_DENIED -> "network_access_denied";
            case UNWANTED_MULTICAST -> "unwanted_multicast";
            case NETWORK_AUTHENTICATION_REQUIRED -> "authentication_required";
            case NONE, INVALID_REQUEST, BAD_PROTOCOL_VERSION -> null;
        };
    }

    /** ZeroTier One's label for a verb: its name in lower case, {@code qos} for QOS_MEASUREMENT. */
    static String packetType(Verb v) {
        return v == Verb.QOS_MEASUREMENT ? "qos" : v.name().toLowerCase(Locale.ROOT);
    }

    /** ZeroTier One's network id label: 16 hex digits. */
    static String networkId(long nwid) {
        return String.format("%016x", nwid);
    }

    /**
     * {@code zt_network_packets{direction, network_id, accepted}} (frames that met the network's rules) and
     * {@code zt_network_multicast_groups_subscribed{network_id}}.
     */
    private static void networks(List<NetworkCounters> networks, List<MetricSnapshot> out) {
        List<Sample> packets = new ArrayList<>();
        List<Sample> groups = new ArrayList<>();
        for (NetworkCounters n : networks) {
            String id = networkId(n.networkId());
            packets.add(new Sample(n.inboundAccepted(), "direction", "rx", "network_id", id, "accepted", "yes"));
            packets.add(new Sample(n.inboundDropped(), "direction", "rx", "network_id", id, "accepted", "no"));
            packets.add(new Sample(n.outboundAccepted(), "direction", "tx", "network_id", id, "accepted", "yes"));
            packets.add(new Sample(n.outboundDropped(), "direction", "tx", "network_id", id, "accepted", "no"));
            groups.add(new Sample(n.multicastGroups(), "network_id", id));
        }
        out.add(gauge("zt_network_multicast_groups_subscribed", "number of multicast groups networks are subscribed to",
                groups));
        out.add(untyped("zt_network_packets", "number of incoming/outgoing packets per network", packets));
    }

    /** {@code zt_peer_latency}, {@code zt_peer_packets{direction, node_id}}, {@code zt_peer_packet_errors{node_id}}. */
    private static void peers(List<PeerCounters> peers, List<MetricSnapshot> out) {
        long[] bounds = PeerCounters.latencyUpperBoundsMs();
        double[] upper = new double[bounds.length + 1];
        for (int i = 0; i < bounds.length; i++) upper[i] = bounds[i];
        upper[bounds.length] = Double.POSITIVE_INFINITY;
        HistogramSnapshot.Builder latency = HistogramSnapshot.builder().name("zt_peer_latency").help("peer latency (ms)");
        List<Sample> packets = new ArrayList<>();
        List<Sample> errors = new ArrayList<>();
        for (PeerCounters p : peers) {
            String id = p.address().toString();
            latency.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, p.latencyBucketCounts()))
                    .sum(p.latencySumMs()).labels(Labels.of("node_id", id)).build());
            packets.add(new Sample(p.packetsReceived(), "direction", "rx", "node_id", id));
            packets.add(new Sample(p.packetsSent(), "direction", "tx", "node_id", id));
            errors.add(new Sample(p.packetErrors(), "node_id", id));
        }
        out.add(latency.build());
        out.add(untyped("zt_peer_packets", "number of packets to/from a peer", packets));
        out.add(untyped("zt_peer_packet_errors", "number of incoming packet errors from a peer", errors));
    }

    /** {@code zt_peer_path_count{node_id, status}}: alive and dead paths of every peer. */
    private static MetricSnapshot pathCounts(List<PeerInfo> peers, long now) {
        List<Sample> samples = new ArrayList<>();
        for (PeerInfo p : peers) {
            int alive = 0;
            for (PathInfo path : p.paths()) if (path.lastReceiveMs() != 0 && now - path.lastReceiveMs() < PATH_ALIVE_MS) alive++;
            String id = p.address().toString();
            samples.add(new Sample(alive, "node_id", id, "status", "alive"));
            samples.add(new Sample(p.paths().size() - alive, "node_id", id, "status", "dead"));
        }
        return gauge("zt_peer_path_count", "number of paths to peer", samples);
    }

    /** {@code ztj_dropped_packets_total{reason}}: every reason, zero when never seen. */
    private static MetricSnapshot drops(Map<DropReason, Long> drops) {
        List<Sample> samples = new ArrayList<>();
        for (DropReason r : DropReason.values()) {
            samples.add(new Sample(drops.getOrDefault(r, 0L), "reason", r.name().toLowerCase(Locale.ROOT)));
        }
        return counter("ztj_dropped_packets", "input the node dropped, by reason", samples);
    }
}

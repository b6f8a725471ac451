package net.ztj.service.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import net.ztj.core.node.DropReason;
import net.ztj.core.node.PathInfo;
import net.ztj.core.node.PeerInfo;
import net.ztj.core.node.TrafficCounters;
import net.ztj.core.wire.Verb;
import net.ztj.service.node.NodeControl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The node's metrics, read at scrape time through {@link NodeControl} (each read runs on the node's thread, as the
 * API's other reads do), so the packet path only does its plain array increments.
 *
 * <p>ZeroTier One's families keep its names, labels and help texts so that dashboards built for it work. Its
 * counters are written by its library without the {@code _total} suffix that the Prometheus Java client adds to a
 * counter, so they are exposed here untyped, which keeps the sample names ({@code zt_packet{...}}) identical.
 * Our own families ({@code ztj_*}) are proper counters and gauges.
 */
public final class NodeMetricsCollector implements MultiCollector {
    /** A path counts as alive while something arrived on it within this time (ZeroTier One's path expiration). */
    static final long PATH_ALIVE_MS = 4 * 60_000 + 3_000;

    private final NodeControl node;
    private final LongSupplier clockMs;

    public NodeMetricsCollector(NodeControl node, LongSupplier clockMs) {
        this.node = node;
        this.clockMs = clockMs;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        TrafficCounters.Snapshot traffic = node.traffic();
        out.add(packets(traffic));
        out.add(untyped("zt_data", "number of bytes ZeroTier has transmitted or received",
                new Sample(traffic.bytesReceived(), "protocol", "udp", "direction", "rx"),
                new Sample(traffic.bytesSent(), "protocol", "udp", "direction", "tx")));
        out.add(GaugeSnapshot.builder().name("zt_num_networks").help("number of networks this instance is joined to")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(node.networks().size()).build())
                .build());
        out.add(pathCounts(node.peers(), clockMs.getAsLong()));
        out.add(drops(node.status().drops()));
        out.add(counter("ztj_relayed_packets", "packets this node relayed between two other nodes",
                traffic.relayedPackets()));
        out.add(counter("ztj_relayed_bytes", "bytes this node relayed between two other nodes",
                traffic.relayedBytes()));
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
        return untyped("zt_packet", "ZeroTier packet type counts", samples.toArray(Sample[]::new));
    }

    /** ZeroTier One's label for a verb: its name in lower case, {@code qos} for QOS_MEASUREMENT. */
    static String packetType(Verb v) {
        return v == Verb.QOS_MEASUREMENT ? "qos" : v.name().toLowerCase(Locale.ROOT);
    }

    /** {@code zt_peer_path_count{node_id, status}}: alive and dead paths of every peer. */
    private static MetricSnapshot pathCounts(List<PeerInfo> peers, long now) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name("zt_peer_path_count").help("number of paths to peer");
        for (PeerInfo p : peers) {
            int alive = 0;
            for (PathInfo path : p.paths()) if (path.lastReceiveMs() != 0 && now - path.lastReceiveMs() < PATH_ALIVE_MS) alive++;
            String id = p.address().toString();
            b.dataPoint(gauge(alive, "node_id", id, "status", "alive"));
            b.dataPoint(gauge(p.paths().size() - alive, "node_id", id, "status", "dead"));
        }
        return b.build();
    }

    /** {@code ztj_dropped_packets_total{reason}}: every reason, zero when never seen. */
    private static MetricSnapshot drops(Map<DropReason, Long> drops) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name("ztj_dropped_packets")
                .help("input the node dropped, by reason");
        for (DropReason r : DropReason.values()) {
            b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(drops.getOrDefault(r, 0L))
                    .labels(Labels.of("reason", r.name().toLowerCase(Locale.ROOT))).build());
        }
        return b.build();
    }

    private static MetricSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(double value, String... labels) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }

    private record Sample(double value, String... labels) {}

    private static MetricSnapshot untyped(String name, String help, Sample... samples) {
        UnknownSnapshot.Builder b = UnknownSnapshot.builder().name(name).help(help);
        for (Sample s : samples) {
            b.dataPoint(UnknownSnapshot.UnknownDataPointSnapshot.builder().value(s.value())
                    .labels(Labels.of(s.labels())).build());
        }
        return b.build();
    }
}

package net.ztj.service.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import net.ztj.service.metrics.Families.Sample;
import net.ztj.service.port.PortCounters;
import net.ztj.tap.offload.OffloadStats;
import net.ztj.transport.tcprelay.TcpFallback;
import net.ztj.transport.tcprelay.TcpRelayClient;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static net.ztj.service.metrics.Families.counter;
import static net.ztj.service.metrics.Families.gauge;

/**
 * Our families of the edges, read at scrape time: the TCP fallback relay's connection and datagrams, and each
 * network port's tap frames, drops and offloads. Either part may be absent (no ports in a service without taps).
 */
final class TransportMetricsCollector implements MultiCollector {
    private final TcpFallback fallback;
    private final Supplier<List<PortCounters>> ports;

    TransportMetricsCollector(TcpFallback fallback, Supplier<List<PortCounters>> ports) {
        this.fallback = fallback;
        this.ports = ports;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        if (fallback != null) tcpFallback(fallback, out);
        if (ports != null) ports(ports.get(), out);
        return new MetricSnapshots(out);
    }

    private static void tcpFallback(TcpFallback f, List<MetricSnapshot> out) {
        TcpRelayClient c = f.client();
        out.add(gauge("ztj_tcp_fallback_active", "1 while a TCP fallback relay connection exists",
                List.of(new Sample(f.active() ? 1 : 0))));
        out.add(counter("ztj_tcp_fallback_connections", "TCP fallback relay connections that came up",
                List.of(new Sample(c.connections()))));
        out.add(counter("ztj_tcp_fallback_datagrams", "datagrams carried over the TCP fallback relay",
                List.of(new Sample(c.framesReceived(), "direction", "rx"), new Sample(c.framesSent(), "direction", "tx"))));
        out.add(counter("ztj_tcp_fallback_dropped_datagrams",
                "datagrams for the TCP fallback relay dropped because its queue was full",
                List.of(new Sample(c.framesDropped()))));
    }

    private static void ports(List<PortCounters> ports, List<MetricSnapshot> out) {
        List<Sample> frames = new ArrayList<>(), drops = new ArrayList<>(), superFrames = new ArrayList<>(),
                segments = new ArrayList<>();
        for (PortCounters p : ports) {
            String id = NodeMetricsCollector.networkId(p.networkId());
            OffloadStats o = p.offloads();
            frames.add(new Sample(p.framesRead(), "network_id", id, "device", p.device(), "direction", "rx"));
            frames.add(new Sample(p.framesWritten(), "network_id", id, "device", p.device(), "direction", "tx"));
            drops.add(new Sample(p.oversizeDropped(), "network_id", id, "device", p.device(), "reason", "over_mtu"));
            drops.add(new Sample(p.writeErrors(), "network_id", id, "device", p.device(), "reason", "write_error"));
            drops.add(new Sample(o.dropped(), "network_id", id, "device", p.device(), "reason", "offload_malformed"));
            superFrames.add(new Sample(o.superFramesRead(), "network_id", id, "device", p.device(), "direction", "rx"));
            superFrames.add(new Sample(o.superFramesWritten(), "network_id", id, "device", p.device(), "direction", "tx"));
            segments.add(new Sample(o.segmentsCut(), "network_id", id, "device", p.device(), "direction", "rx"));
            segments.add(new Sample(o.segmentsMerged(), "network_id", id, "device", p.device(), "direction", "tx"));
        }
        out.add(counter("ztj_tap_frames", "Ethernet frames read from (rx) and written to (tx) the network ports",
                frames));
        out.add(counter("ztj_tap_dropped_frames", "frames of the network ports dropped, by reason", drops));
        out.add(counter("ztj_tap_offload_super_frames",
                "TCP super-frames read from (rx) and written to (tx) ports with offloads", superFrames));
        out.add(counter("ztj_tap_offload_segments",
                "segments cut from super-frames read (rx) and merged into super-frames written (tx)", segments));
    }
}

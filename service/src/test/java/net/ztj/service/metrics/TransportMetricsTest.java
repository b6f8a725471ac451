package net.ztj.service.metrics;

import net.ztj.core.wire.Endpoint;
import net.ztj.service.port.PortCounters;
import net.ztj.service.testing.FakeNode;
import net.ztj.service.testing.SpecFixtures;
import net.ztj.tap.offload.OffloadStats;
import net.ztj.transport.tcprelay.TcpFallback;
import net.ztj.transport.tcprelay.TcpFallbackSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static net.ztj.service.testing.Scrapes.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our families of the edges in the scrape: each port's tap frames, drops and offloads, and the TCP fallback relay. */
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
}

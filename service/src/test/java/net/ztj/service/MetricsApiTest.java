package net.ztj.service;

import net.ztj.service.testing.InProcessDaemon;
import net.ztj.service.testing.RawHttp;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static net.ztj.service.testing.Scrapes.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /metrics} of a running daemon (real core, UDP and API on the loopback interface) over a real socket:
 * refused without a token, served with the metrics token or the auth token, its drop counter moved by datagrams the
 * node drops, and the scrape accepted by Prometheus' own {@code promtool check metrics}.
 */
class MetricsApiTest {
    /** ZeroTier One's names that promtool's lint dislikes; kept as they are so its dashboards work. */
    private static final java.util.List<String> ZEROTIER_NAMES_PROMTOOL_LINTS = java.util.List.of("zt_peer_path_count");
    private static final String TOO_SHORT = "ztj_dropped_packets_total{reason=\"too_short\"}";

    @TempDir
    Path dir;

    private static RawHttp.Response get(int port, String path, String header) throws Exception {
        return RawHttp.exchange(InetAddress.getLoopbackAddress(), port, "GET " + path + " HTTP/1.1\n" + header + "\n");
    }

    @Test
    void metricsAreGuardedByTheMetricsTokenCountDropsAndPassPromtool() throws Exception {
        Path home = dir.resolve("home");
        InProcessDaemon.runRealCoreOnLoopback(home, (port, authToken) -> {
            String metricsToken = Files.readString(home.resolve("metricstoken.secret")).trim();
            assertEquals(24, metricsToken.length());
            assertEquals(401, get(port, "/metrics", "").status(), "no token");
            assertEquals(401, get(port, "/metrics", "Authorization: Bearer wrong\n").status(), "wrong token");
            assertEquals(401, get(port, "/status", "X-ZT1-Auth: " + metricsToken + "\n").status(),
                    "the metrics token opens /metrics only");
            assertEquals(200, get(port, "/metrics?auth=" + metricsToken, "").status(), "auth query parameter");
            assertEquals(200, get(port, "/metrics", "X-ZT1-Auth: " + authToken + "\n").status(), "the auth token too");

            RawHttp.Response first = get(port, "/metrics", "Authorization: Bearer " + metricsToken + "\n");
            assertEquals(200, first.status());
            assertTrue(first.header("Content-Type").startsWith("text/plain; version=0.0.4"), first.head());
            assertEquals(0, sample(first.body(), TOO_SHORT), first.body());
            double received = sample(first.body(), "zt_data{direction=\"rx\",protocol=\"udp\"}");

            try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                for (int i = 0; i < 3; i++) {
                    udp.send(new DatagramPacket(new byte[] {1, 2, 3, 4, 5}, 5, InetAddress.getLoopbackAddress(), port));
                }
            }
            // the datagrams are processed on the socket's thread: wait until all three are counted, as drops and as
            // bytes (one scrape reads the traffic and the drops in two turns of the node, so one may lag the other)
            long deadline = System.nanoTime() + 20_000_000_000L;
            String scrape = first.body();
            while ((sample(scrape, TOO_SHORT) < 3
                    || sample(scrape, "zt_data{direction=\"rx\",protocol=\"udp\"}") < received + 15)
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                scrape = get(port, "/metrics", "Authorization: Bearer " + metricsToken + "\n").body();
            }
            assertEquals(3, sample(scrape, TOO_SHORT), scrape);
            assertEquals(0, sample(scrape, "ztj_dropped_packets_total{reason=\"authentication_failed\"}"));
            assertTrue(sample(scrape, "zt_data{direction=\"rx\",protocol=\"udp\"}") >= received + 15, "bytes in");
            assertEquals(0, sample(scrape, "zt_num_networks"));
            assertTrue(scrape.contains("\njvm_memory_used_bytes{area=\"heap\"}"), "JVM memory");
            assertEquals(0, sample(scrape, "zt_packet_error{direction=\"rx\",error_type=\"obj_not_found\"}"), scrape);
            assertEquals(0, sample(scrape, "zt_data{direction=\"tx\",protocol=\"tcp\"}"), "no TCP relay connection");
            assertEquals(0, sample(scrape, "ztj_tcp_fallback_active"));
            assertEquals(0, sample(scrape, "ztj_tcp_fallback_datagrams_total{direction=\"tx\"}"));

            // a joined network (its controller is out of reach) shows its series at once, all zero
            RawHttp.Response joined = RawHttp.exchange(InetAddress.getLoopbackAddress(), port,
                    "POST /network/8056c2e21c000001 HTTP/1.1\nX-ZT1-Auth: " + authToken + "\nContent-Length: 2\n\n{}");
            assertEquals(200, joined.status(), joined.body());
            scrape = get(port, "/metrics", "Authorization: Bearer " + metricsToken + "\n").body();
            String nw = "network_id=\"8056c2e21c000001\"";
            assertEquals(1, sample(scrape, "zt_num_networks"), scrape);
            assertEquals(0, sample(scrape, "zt_network_packets{accepted=\"yes\",direction=\"rx\"," + nw + "}"), scrape);
            assertEquals(0, sample(scrape, "zt_network_packets{accepted=\"no\",direction=\"tx\"," + nw + "}"));
            assertEquals(0, sample(scrape, "zt_network_multicast_groups_subscribed{" + nw + "}"));
            assertTrue(scrape.contains("# TYPE zt_peer_latency histogram\n"), scrape);
            assertTrue(scrape.contains("# HELP zt_peer_packets number of packets to/from a peer\n"), scrape);
            promtoolCheck(scrape);
        });
    }

    /**
     * {@code promtool check metrics} on the scrape: it must parse (exit 1 is a format error), and its lint (exit 3)
     * may only report names ZeroTier One chose, which we keep for its dashboards ({@code zt_peer_path_count} is a
     * gauge whose name ends in {@code _count}).
     */
    private void promtoolCheck(String scrape) throws Exception {
        Optional<Path> promtool = onPath("promtool");
        Assumptions.assumeTrue(promtool.isPresent(),
                "promtool is not installed (Debian package prometheus; scripts/test.sh installs it as root): not checked");
        Path file = Files.writeString(dir.resolve("scrape.prom"), scrape);
        Process p = new ProcessBuilder(promtool.get().toString(), "check", "metrics")
                .redirectInput(file.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.exitValue() == 0 || p.exitValue() == 3, "promtool check metrics failed:\n" + report);
        for (String line : report.strip().lines().toList()) {
            assertTrue(ZEROTIER_NAMES_PROMTOOL_LINTS.stream().anyMatch(n -> line.startsWith(n + " ")),
                    "promtool's lint on one of our names:\n" + report);
        }
    }

    private static Optional<Path> onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(d, name);
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}

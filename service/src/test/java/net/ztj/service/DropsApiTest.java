package net.ztj.service;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.node.DropReason;
import net.ztj.service.json.JsonText;
import net.ztj.service.testing.InProcessDaemon;
import net.ztj.service.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the node drops is visible outside: the daemon (real core, UDP and API on the loopback interface) is sent
 * datagrams too short to be packets; {@code /status} then counts them under {@code drops} and
 * {@code /unstable/drops} lists every reason.
 */
class DropsApiTest {
    @TempDir
    Path dir;

    private static JsonNode get(int port, String token, String path) throws Exception {
        RawHttp.Response r = RawHttp.exchange(InetAddress.getLoopbackAddress(), port,
                "GET " + path + " HTTP/1.1\nX-ZT1-Auth: " + token + "\n\n");
        assertEquals(200, r.status(), path);
        return JsonText.parse(r.body());
    }

    @Test
    void droppedDatagramsAreCountedInStatusAndUnstableDrops() throws Exception {
        Path home = dir.resolve("home");
        InProcessDaemon.runRealCoreOnLoopback(home, (port, token) -> {
            assertFalse(get(port, token, "/status").has("drops"), "nothing dropped yet: ZeroTier One's object");
            JsonNode none = get(port, token, "/unstable/drops");
            assertEquals(0, none.get("total").asLong());
            assertEquals(DropReason.values().length, none.get("drops").size(), "every reason is listed");

            try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                for (int i = 0; i < 3; i++) {
                    udp.send(new DatagramPacket(new byte[] {1, 2, 3, 4, 5}, 5, InetAddress.getLoopbackAddress(), port));
                }
            }
            // the datagrams are processed on the socket's thread: wait until all three are counted
            long deadline = System.nanoTime() + 20_000_000_000L;
            JsonNode status = get(port, token, "/status");
            while (status.path("drops").path("TOO_SHORT").asLong() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                status = get(port, token, "/status");
            }
            assertEquals(3, status.path("drops").path("TOO_SHORT").asLong(), status.toString());
            assertEquals(1, status.get("drops").size(), "only reasons that occurred");
            JsonNode drops = get(port, token, "/unstable/drops");
            assertEquals(3, drops.get("drops").get("TOO_SHORT").asLong());
            assertEquals(0, drops.get("drops").get("AUTHENTICATION_FAILED").asLong());
            assertEquals(3, drops.get("total").asLong());
            assertTrue(status.get("address").isTextual());
        });
    }
}

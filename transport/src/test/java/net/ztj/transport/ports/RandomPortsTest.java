package net.ztj.transport.ports;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random port choices stay in 20000..65499 (secondary: walking up and wrapping), and the trial bind sees TCP use. */
class RandomPortsTest {
    @Test
    void primaryDrawsIndependentlyInRange() {
        List<Integer> tried = new ArrayList<>();
        OptionalInt p = RandomPorts.primary(new SplittableRandom(1), port -> {
            tried.add(port);
            return tried.size() == 3;
        });
        assertTrue(p.isPresent());
        assertEquals(3, tried.size());
        tried.forEach(port -> assertTrue(port >= 20000 && port <= 65499, "port " + port));
        assertFalse(RandomPorts.primary(new SplittableRandom(1), port -> false).isPresent());
    }

    @Test
    void secondaryWalksUpAndWraps() {
        List<Integer> tried = new ArrayList<>();
        OptionalInt p = RandomPorts.secondary(new SplittableRandom(7), port -> {
            tried.add(port);
            return false;
        });
        assertFalse(p.isPresent());
        assertEquals(RandomPorts.SECONDARY_ATTEMPTS + 1, tried.size());
        for (int i = 1; i < tried.size(); i++) {
            int prev = tried.get(i - 1), cur = tried.get(i);
            assertTrue(cur == prev + 1 || (prev == 65535 && cur == 20000), prev + " -> " + cur);
        }
    }

    @Test
    void aListeningTcpPortIsNotFree() throws Exception {
        try (ServerSocketChannel tcp = ServerSocketChannel.open()) {
            tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) tcp.getLocalAddress()).getPort();
            assertFalse(PortProbe.isFree(port));
        }
    }
}

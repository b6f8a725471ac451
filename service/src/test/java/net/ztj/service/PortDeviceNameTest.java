package net.ztj.service;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.identity.Identity;
import net.ztj.service.json.JsonText;
import net.ztj.service.network.InterfaceNames;
import net.ztj.service.port.PortDriver;
import net.ztj.service.testing.InProcessDaemon;
import net.ztj.service.testing.RawHttp;
import net.ztj.tap.EthernetTap;
import net.ztj.tap.IpPrefix;
import net.ztj.tap.LinkAddress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code portDeviceName} of the /network API (and so of {@code listnetworks}) is the name of the interface that
 * exists: after a devicemap entry or a name collision it differs from the computed default. The daemon runs
 * in-process with a fake port driver that records the interfaces it is asked to create.
 */
class PortDeviceNameTest {
    private static final long COLLIDING = 0x93155eb5496486c9L;
    private static final long MAPPED = 0x1234567890abcdefL;
    private static final long UNMAPPED = 0x93155eb549000001L;
    private static Identity identity;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeIdentity() {
        identity = Identity.generate(new SecureRandom());
    }

    /**
     * Interfaces that "exist" already and the ones opened since. {@code ready} counts the ports in service: the
     * manager scans a port's multicast groups only once the port is registered, so that scan is the signal.
     */
    private static final class FakeDriver implements PortDriver {
        final Set<String> existing = ConcurrentHashMap.newKeySet();
        final Set<String> scanned = ConcurrentHashMap.newKeySet();
        final CountDownLatch ready;

        FakeDriver(Set<String> existing, int expectedPorts) {
            this.existing.addAll(existing);
            this.ready = new CountDownLatch(expectedPorts);
        }

        @Override public boolean interfaceExists(String name) { return existing.contains(name); }

        @Override
        public EthernetTap open(String name, long mac, int mtu) {
            existing.add(name);
            return new IdleTap(name, mac, mtu);
        }

        @Override public int ifIndex(EthernetTap tap) { return 42; }
        @Override public List<LinkAddress> addresses(int ifIndex) { return List.of(); }
        @Override public void addAddress(int ifIndex, String label, IpPrefix address) {}
        @Override public void removeAddress(int ifIndex, IpPrefix address) {}
        @Override public void addRoute(IpPrefix target, InetAddress gateway, int ifIndex) {}
        @Override public void removeRoute(IpPrefix target, InetAddress gateway, int ifIndex) {}
        @Override
        public List<Long> multicastMacs(String name) {
            if (scanned.add(name)) ready.countDown();
            return List.of();
        }

        @Override public void close() {}
    }

    /** A port on which the OS never sends anything. */
    private static final class IdleTap implements EthernetTap {
        private final String name;
        private final long mac;
        private final int mtu;
        private final CountDownLatch closed = new CountDownLatch(1);

        IdleTap(String name, long mac, int mtu) {
            this.name = name;
            this.mac = mac;
            this.mtu = mtu;
        }

        @Override public String name() { return name; }
        @Override public long mac() { return mac; }
        @Override public int mtu() { return mtu; }
        @Override public void setMtu(int mtu) {}

        @Override
        public int read(byte[] buf, int off, int maxLen) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }

        @Override public void write(byte[] buf, int off, int len) {}
        @Override public void close() { closed.countDown(); }
    }

    private Path home(long... joined) throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("networks.d"));
        Files.writeString(home.resolve("identity.secret"), identity.toSecretString());
        Files.writeString(home.resolve("identity.public"), identity.toPublicString());
        Files.writeString(home.resolve("local.conf"), "{\"settings\":{\"bind\":[\"127.0.0.1\"]}}");
        Files.writeString(home.resolve("devicemap"), String.format("%016x=lab0\n", MAPPED));
        for (long nwid : joined) Files.writeString(home.resolve(String.format("networks.d/%016x.conf", nwid)), "\n");
        return home;
    }

    private static Map<String, String> deviceNames(int port, String token) throws Exception {
        RawHttp.Response r = RawHttp.exchange(InetAddress.getLoopbackAddress(), port,
                "GET /network HTTP/1.1\nX-ZT1-Auth: " + token + "\n\n");
        assertEquals(200, r.status());
        Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode n : JsonText.parse(r.body())) out.put(n.get("id").asText(), n.get("portDeviceName").asText());
        return out;
    }

    @Test
    void theApiShowsTheNameOfTheInterfaceThatExists() throws Exception {
        String computed = InterfaceNames.forNetwork(COLLIDING, 0);
        String nextTrial = InterfaceNames.forNetwork(COLLIDING, 1);
        FakeDriver driver = new FakeDriver(Set.of(computed), 3);
        InProcessDaemon.run(home(COLLIDING, MAPPED, UNMAPPED), Optional.of(() -> driver), (port, token) -> {
            assertTrue(driver.ready.await(20, TimeUnit.SECONDS), "the ports were not created");
            assertEquals(Map.of(String.format("%016x", COLLIDING), nextTrial, String.format("%016x", MAPPED), "lab0",
                    String.format("%016x", UNMAPPED), InterfaceNames.forNetwork(UNMAPPED, 0)), deviceNames(port, token));
            RawHttp.Response one = RawHttp.exchange(InetAddress.getLoopbackAddress(), port,
                    String.format("GET /network/%016x HTTP/1.1\nX-ZT1-Auth: %s\n\n", COLLIDING, token));
            assertEquals(nextTrial, JsonText.parse(one.body()).get("portDeviceName").asText());
        });
    }

    @Test
    void withoutAPortTheNameItIsMeantToGetIsShown() throws Exception {
        InProcessDaemon.run(home(MAPPED, UNMAPPED), Optional.empty(), (port, token) ->
                assertEquals(Map.of(String.format("%016x", MAPPED), "lab0",
                        String.format("%016x", UNMAPPED), InterfaceNames.forNetwork(UNMAPPED, 0)), deviceNames(port, token)));
    }
}

package net.ztj.service.dns;

import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.core.identity.Address;
import net.ztj.core.node.NetworkInfo;
import net.ztj.core.node.NetworkStatus;
import net.ztj.core.node.NodeStatus;
import net.ztj.service.testing.FakeNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static net.ztj.service.dns.DnsFixtures.NETWORK_ID;
import static net.ztj.service.dns.DnsFixtures.member;
import static net.ztj.service.dns.DnsFixtures.network;
import static net.ztj.service.dns.DnsFixtures.parse;
import static net.ztj.service.dns.DnsFixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server on a real store: names follow the store's changes at once, the local port answers for every network,
 * and a listener is bound on the node's own managed address while the node is a member of its network.
 */
class DnsServiceTest {
    private static final Address CONTROLLER = new Address(NETWORK_ID >>> 24);

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Message ask(InetSocketAddress server, String name) throws Exception {
        byte[] q = query(name, Type.A);
        try (DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(10_000);
            client.send(new DatagramPacket(q, q.length, server));
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            client.receive(p);
            return parse(Arrays.copyOf(p.getData(), p.getLength()));
        }
    }

    @Test
    void namesFollowTheStoreAndListenersFollowTheNodesAddresses() throws Exception {
        FakeNode node = new FakeNode(new NodeStatus(CONTROLLER, "x", true, 1, 0, List.of()));
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        DnsSettings settings = new DnsSettings(true, freePort(), freePort(), false, 1000, false);
        try (SqliteControllerStore store = SqliteControllerStore.open(dir);
             DnsService dns = new DnsService(store, node, CONTROLLER, settings, new PrintStream(logBytes, true))) {
            store.saveNetwork(network("zt.example"));
            store.saveMember(member("a1b2c3d4e5", "alpha", true, "10.147.17.5"));
            dns.start();
            InetSocketAddress local = dns.localAddress().orElseThrow();
            assertEquals(List.of("10.147.17.5"), answers(ask(local, "alpha.zt.example.")));

            store.saveMember(member("a1b2c3d4e5", "renamed", true, "10.147.17.5"));
            assertEquals(List.of("10.147.17.5"), answers(ask(local, "renamed.zt.example.")), "the new name at once");
            assertEquals(Rcode.NXDOMAIN, ask(local, "alpha.zt.example.").getRcode(), "the old one gone at once");

            // the node joins its own network and has 127.0.0.2 there: a listener for that network is bound on it
            synchronized (node) {
                node.networks.put(NETWORK_ID, new NetworkInfo(NETWORK_ID, 1, NetworkStatus.OK, "test", true, 2800, 1,
                        true, false, List.of("127.0.0.2/8"), List.of(), NetworkInfo.Dns.NONE, List.of()));
            }
            InetSocketAddress managed = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), settings.port());
            DnsListenerTest.Await.until(() -> dns.boundAddresses().contains(managed));
            assertEquals(List.of("10.147.17.5"), answers(ask(managed, "renamed.zt.example.")));

            synchronized (node) {
                node.networks.clear();
            }
            DnsListenerTest.Await.until(() -> dns.boundAddresses().isEmpty());
            assertTrue(logBytes.toString().contains("DNS: no longer answering on 127.0.0.2/" + settings.port()),
                    logBytes.toString());
        }
    }

    private static List<String> answers(Message m) {
        return m.getSection(Section.ANSWER).stream().map(r -> r.rdataToString()).toList();
    }
}

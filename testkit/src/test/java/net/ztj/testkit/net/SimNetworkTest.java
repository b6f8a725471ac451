package net.ztj.testkit.net;

import net.ztj.core.wire.Endpoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NAT kinds behave as their names say: the in-JVM NAT-traversal tests rely on it. */
class SimNetworkTest {
    private final SimClock clock = new SimClock(1_000_000);
    private final SimNetwork net = new SimNetwork(clock, 10, 1);

    private static List<Endpoint> collect(SimSocket s) {
        List<Endpoint> got = new ArrayList<>();
        s.onReceive((sock, from, data) -> got.add(from));
        return got;
    }

    private void punchAndProbe(NatType type, boolean expectThrough) {
        SimHost server = net.addHost("203.0.113.1");
        SimSocket srv = server.bind(9993);
        List<Endpoint> atServer = collect(srv);
        Nat nat = net.addNat("198.51.100." + (type.ordinal() + 1), type, 60_000);
        SimSocket inside = net.addHostBehind(nat, "10.0.0.2").bind(9993);
        List<Endpoint> atInside = collect(inside);
        SimSocket stranger = net.addHost("192.0.2." + (type.ordinal() + 1)).bind(5555);

        inside.send(srv.localEndpoint(), new byte[] {1}, 0, 1, 0);
        clock.runFor(100);
        assertEquals(1, atServer.size());
        Endpoint mapped = atServer.get(0);
        srv.send(mapped, new byte[] {2}, 0, 1, 0);
        clock.runFor(100);
        assertEquals(1, atInside.size(), "the contacted server can always answer");
        stranger.send(mapped, new byte[] {3}, 0, 1, 0);
        clock.runFor(100);
        assertEquals(expectThrough ? 2 : 1, atInside.size(), type + ": an unsolicited stranger");
    }

    @Test
    void fullConeLetsAnyoneIn() {
        punchAndProbe(NatType.FULL_CONE, true);
    }

    @Test
    void portRestrictedFiltersStrangers() {
        punchAndProbe(NatType.PORT_RESTRICTED_CONE, false);
    }

    @Test
    void symmetricFiltersStrangersAndMapsPerDestination() {
        punchAndProbe(NatType.SYMMETRIC, false);
        Nat nat = net.addNat("198.51.100.77", NatType.SYMMETRIC, 60_000);
        SimSocket inside = net.addHostBehind(nat, "10.0.0.9").bind(9993);
        SimSocket a = net.addHost("203.0.113.50").bind(1), b = net.addHost("203.0.113.51").bind(1);
        List<Endpoint> atA = collect(a), atB = collect(b);
        inside.send(a.localEndpoint(), new byte[1], 0, 1, 0);
        inside.send(b.localEndpoint(), new byte[1], 0, 1, 0);
        clock.runFor(50);
        assertTrue(atA.get(0).port() != atB.get(0).port());
    }

    @Test
    void mappingsExpireWithoutOutboundTraffic() {
        SimSocket srv = net.addHost("203.0.113.9").bind(9993);
        List<Endpoint> atServer = collect(srv);
        Nat nat = net.addNat("198.51.100.9", NatType.FULL_CONE, 30_000);
        SimSocket inside = net.addHostBehind(nat, "10.0.0.2").bind(9993);
        List<Endpoint> atInside = collect(inside);
        inside.send(srv.localEndpoint(), new byte[1], 0, 1, 0);
        clock.runFor(100);
        clock.runFor(31_000);
        srv.send(atServer.get(0), new byte[1], 0, 1, 0);
        clock.runFor(100);
        assertEquals(0, atInside.size());
        assertEquals(0, nat.liveMappings(clock.nowMs()));
    }

    @Test
    void ttlTwoOpensTheMappingButDoesNotArrive() {
        SimSocket far = net.addHost("203.0.113.20").bind(9993);
        List<Endpoint> atFar = collect(far);
        Nat nat = net.addNat("198.51.100.20", NatType.PORT_RESTRICTED_CONE, 60_000);
        SimSocket inside = net.addHostBehind(nat, "10.0.0.2").bind(9993);
        List<Endpoint> atInside = collect(inside);
        inside.send(far.localEndpoint(), new byte[4], 0, 4, 2);
        clock.runFor(100);
        assertEquals(0, atFar.size());
        far.send(nat.publicEndpoint(40000), new byte[1], 0, 1, 0);
        clock.runFor(100);
        assertEquals(1, atInside.size(), "the junk datagram opened the restricted-cone mapping");
    }
}

package net.ztj.controller.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.core.identity.Identity;
import net.ztj.core.node.NetworkInfo;
import net.ztj.core.node.NetworkStatus;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.crypto.C25519;
import net.ztj.testkit.SimNode;
import net.ztj.testkit.net.SimClock;
import net.ztj.testkit.net.SimHost;
import net.ztj.testkit.net.SimNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A controller node and a member on the simulated network: the member of a private network is ACCESS_DENIED until
 * authorized, then OK with an address from the pool; the member record is created on the first request with the
 * member's identity pinned; a network the controller does not have is NOT_FOUND.
 */
class EmbeddedControllerTest {
    @TempDir
    Path dir;

    @Test
    void privateNetworkDeniedUntilAuthorizedThenConfigured() {
        SecureRandom r = new SecureRandom();
        Identity rootId = Identity.generate(r), ctlId = Identity.generate(r), memberId = Identity.generate(r);
        C25519.KeyPair key = C25519.generate(r);
        SimClock clock = new SimClock(1_700_000_000_000L);
        SimNetwork net = new SimNetwork(clock, 5, 9);
        SimHost rootHost = net.addHost("203.0.113.1");
        World planet = World.sign(WorldType.PLANET, 99, 1, key.publicKey(),
                List.of(new World.Root(rootId.publicOnly(), List.of(rootHost.endpoint(9993)))), key.privateKey());
        new SimNode(clock, rootHost, 9993, rootId, planet, 1);
        SimNode ctl = new SimNode(clock, net.addHost("192.0.2.10"), 9993, ctlId, planet, 2);
        SimNode member = new SimNode(clock, net.addHost("192.0.2.20"), 9993, memberId, planet, 3);

        long nwid = (ctlId.address().value() << 24) | 0x000042L;
        String id = String.format("%016x", nwid);
        try (SqliteControllerStore store = SqliteControllerStore.open(dir.resolve("controller.d"))) {
            ObjectNode doc = NetworkRecord.newNetwork(id, clock.nowMs()).toJson();
            doc.put("name", "sim-net");
            doc.putObject("v4AssignMode").put("zt", true);
            doc.putArray("routes").addObject().put("target", "10.147.20.0/24");
            doc.putArray("ipAssignmentPools").addObject().put("ipRangeStart", "10.147.20.1").put("ipRangeEnd", "10.147.20.254");
            store.saveNetwork(NetworkRecord.fromJson(doc));
            ctl.setController(new EmbeddedController(ctlId, store, new SplittableRandom(4)));

            clock.runFor(15_000);
            member.node().join(nwid, clock.nowMs());
            member.node().join(nwid + 1, clock.nowMs());
            clock.runFor(10_000);
            assertEquals(NetworkStatus.ACCESS_DENIED, member.node().network(nwid).orElseThrow().status());
            assertEquals(NetworkStatus.NOT_FOUND, member.node().network(nwid + 1).orElseThrow().status());
            MemberRecord record = store.member(id, memberId.address().toString()).orElseThrow();
            assertFalse(record.authorized(), "created on its first request, not authorized");
            assertEquals(memberId.toPublicString(), record.identity(), "identity pinned");

            store.saveMember(record.withAuthorized(true));
            clock.runFor(10_000);
            NetworkInfo info = member.node().network(nwid).orElseThrow();
            assertEquals(NetworkStatus.OK, info.status());
            assertEquals("sim-net", info.name());
            assertEquals(1, info.assignedAddresses().size());
            assertTrue(info.assignedAddresses().get(0).matches("10\\.147\\.20\\.\\d+/24"), info.assignedAddresses().toString());
            MemberRecord saved = store.member(id, memberId.address().toString()).orElseThrow();
            assertEquals(info.assignedAddresses().get(0).replace("/24", ""), saved.ipAssignments().get(0));
            assertEquals(12, saved.vProto());
        }
    }
}

package net.ztj.controller.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.config.ConfigRequestMetadata;
import net.ztj.core.network.config.IpNetworkPrefix;
import net.ztj.core.network.config.NetworkConfig;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.node.LocalController;
import net.ztj.core.wire.IpText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A controller whose node answers DNS ({@code settings.dns.autoServers}): a network with a domain and no servers
 * pushes the node's own managed addresses as servers, and a change of those addresses re-issues members' configs.
 */
class OwnDnsServersTest {
    @TempDir
    Path dir;

    private static List<IpNetworkPrefix> servers(LocalController.Answer a) {
        LocalController.Config c = assertInstanceOf(LocalController.Config.class, a);
        return NetworkConfig.fromDictionary(Dictionary.parse(c.dictionary())).dns().servers();
    }

    @Test
    void theControllersOwnAddressIsPushedAndFollowed() throws Exception {
        SecureRandom r = new SecureRandom();
        Identity ctl = Identity.generate(r), member = Identity.generate(r);
        String id = String.format("%016x", (ctl.address().value() << 24) | 5);
        long nwid = Long.parseUnsignedLong(id, 16);
        byte[] md = ConfigRequestMetadata.ofNode1141("linux/x86_64").toDictionary().toBytes();
        try (SqliteControllerStore store = SqliteControllerStore.open(dir)) {
            ObjectNode doc = NetworkRecord.newNetwork(id, 1_000).toJson();
            doc.set("routes", new ObjectMapper().readTree("[{\"target\":\"10.147.17.0/24\"}]"));
            doc.set("dns", new ObjectMapper().readTree("{\"domain\":\"zt.example\",\"servers\":[]}"));
            store.saveNetwork(NetworkRecord.fromJson(doc));
            store.saveMember(MemberRecord.newMember(id, member.address().toString(), 1_000).withAuthorized(true));
            EmbeddedController c = new EmbeddedController(ctl, store, new SplittableRandom(1), true);

            assertEquals(List.of(), servers(c.request(member, nwid, md, 1, 5_000)),
                    "the controller's node is no member yet: nothing to push");
            ObjectNode self = MemberRecord.newMember(id, ctl.address().toString(), 1_000).withAuthorized(true).toJson();
            self.putArray("ipAssignments").add("10.147.17.1");
            store.saveMember(MemberRecord.fromJson(self));
            List<LocalController.Push> pushes = c.pendingPushes(6_000);
            assertTrue(pushes.stream().anyMatch(p -> p instanceof LocalController.ConfigPush push
                    && push.member().address().equals(member.address())), "the member's config re-issued: " + pushes);
            assertEquals(List.of(new IpNetworkPrefix(IpText.parse("10.147.17.1"), 0)),
                    servers(c.request(member, nwid, md, 2, 7_000)));
        }
    }
}

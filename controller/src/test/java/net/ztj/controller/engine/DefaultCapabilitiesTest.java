package net.ztj.controller.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.config.ConfigRequestMetadata;
import net.ztj.core.network.config.NetworkConfig;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.node.LocalController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec 04 §5: a new member gets the network's default capabilities; existing members keep what they have. */
class DefaultCapabilitiesTest {
    @TempDir
    Path dir;

    @Test
    void aNewMemberGetsTheDefaultCapabilitiesOnce() throws Exception {
        SecureRandom r = new SecureRandom();
        Identity ctl = Identity.generate(r), newcomer = Identity.generate(r), old = Identity.generate(r);
        String id = String.format("%016x", (ctl.address().value() << 24) | 9);
        try (SqliteControllerStore store = SqliteControllerStore.open(dir)) {
            ObjectNode doc = NetworkRecord.newNetwork(id, 1_000).toJson();
            doc.put("private", false);
            doc.set("capabilities", new ObjectMapper().readTree("""
                    [{"id":7,"default":true,"rules":[{"type":"ACTION_ACCEPT"}]},
                     {"id":8,"default":false,"rules":[{"type":"ACTION_DROP"}]}]"""));
            store.saveNetwork(NetworkRecord.fromJson(doc));
            store.saveMember(MemberRecord.newMember(id, old.address().toString(), 1_000).withAuthorized(true));
            EmbeddedController c = new EmbeddedController(ctl, store, new SplittableRandom(1));
            byte[] md = ConfigRequestMetadata.ofNode1141("linux/x86_64").toDictionary().toBytes();
            long nwid = Long.parseUnsignedLong(id, 16);

            LocalController.Config cfg = assertInstanceOf(LocalController.Config.class,
                    c.request(newcomer, nwid, md, 1, 5_000));
            assertEquals(List.of(7L), store.member(id, newcomer.address().toString()).orElseThrow().capabilities());
            NetworkConfig issued = NetworkConfig.fromDictionary(Dictionary.parse(cfg.dictionary()));
            assertTrue(issued.capabilities().length > 0, "capability 7 issued");

            c.request(old, nwid, md, 2, 5_000);
            assertEquals(List.of(), store.member(id, old.address().toString()).orElseThrow().capabilities(),
                    "not a new member: no defaults added");
        }
    }
}

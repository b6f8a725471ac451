package net.ztj.controller.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.controller.rules.compiler.CompileResult;
import net.ztj.controller.rules.compiler.RulesCompiler;
import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.config.ConfigRequestMetadata;
import net.ztj.core.network.config.NetworkConfig;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.network.rules.RuleCodec;
import net.ztj.core.network.rules.RuleJson;
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

/** A compiled rule source, stored with a network, reaches a member's config: its rules, default capability and tags. */
class CompiledRulesConfigTest {
    @TempDir
    Path dir;

    @Test
    void aMemberGetsTheCompiledRules() throws Exception {
        CompileResult.Compiled compiled = assertInstanceOf(CompileResult.Compiled.class, RulesCompiler.compile("""
                tag department id 1000 enum 100 sales enum 400 engineering default engineering;
                cap superuser id 7 default accept; ;
                drop not ethertype ipv4 and not ethertype arp and not ethertype ipv6 or not chr ipauth;
                tee -1 0123456789 chr tcp_syn and not chr tcp_ack;
                accept tdiff department 0 and ipsrc 10.0.0.0/8;
                accept;
                """));
        SecureRandom r = new SecureRandom();
        Identity ctl = Identity.generate(r), member = Identity.generate(r);
        String id = String.format("%016x", (ctl.address().value() << 24) | 5);
        ObjectMapper json = new ObjectMapper();
        try (SqliteControllerStore store = SqliteControllerStore.open(dir)) {
            ObjectNode doc = NetworkRecord.newNetwork(id, 1_000).toJson();
            doc.put("private", false);
            doc.set("rules", compiled.rules());
            doc.set("capabilities", compiled.capabilities());
            doc.set("tags", compiled.tags());
            store.saveNetwork(NetworkRecord.fromJson(doc));
            EmbeddedController c = new EmbeddedController(ctl, store, new SplittableRandom(1));
            byte[] md = ConfigRequestMetadata.ofNode1141("linux/x86_64").toDictionary().toBytes();
            LocalController.Config cfg = assertInstanceOf(LocalController.Config.class,
                    c.request(member, Long.parseUnsignedLong(id, 16), md, 1, 5_000));
            NetworkConfig issued = NetworkConfig.fromDictionary(Dictionary.parse(cfg.dictionary()));

            assertEquals(RuleJson.parse(json.convertValue(compiled.rules(), List.class)), RuleCodec.decodeList(issued.rules()));
            assertEquals(12, RuleCodec.decodeList(issued.rules()).size());
            assertEquals(List.of(7L), store.member(id, member.address().toString()).orElseThrow().capabilities());
            assertTrue(issued.capabilities().length > 0, "the default capability issued");
            assertTrue(issued.tags().length > 0, "the tag's default issued");
        }
    }
}

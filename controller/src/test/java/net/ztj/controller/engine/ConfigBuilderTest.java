package net.ztj.controller.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.core.identity.Identity;
import net.ztj.core.network.config.AssemblyResult;
import net.ztj.core.network.config.ConfigAssembler;
import net.ztj.core.network.config.ConfigChunker;
import net.ztj.core.network.config.ConfigRequestMetadata;
import net.ztj.core.network.config.IpNetworkPrefix;
import net.ztj.core.network.config.NetworkConfig;
import net.ztj.core.network.credentials.CertificateOfMembership;
import net.ztj.core.network.credentials.CertificateOfOwnership;
import net.ztj.core.network.credentials.OwnedThing;
import net.ztj.core.network.credentials.SignerLookup;
import net.ztj.core.network.credentials.Verification;
import net.ztj.core.network.dictionary.Dictionary;
import net.ztj.core.wire.IpText;
import net.ztj.core.wire.verbs.NetworkConfigChunk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A configuration built by our controller is complete, signed, and survives chunking and assembly (04 §4–§8). */
class ConfigBuilderTest {
    private static Identity controller, member;

    @BeforeAll
    static void identities() {
        controller = Identity.generate(new SecureRandom());
        member = Identity.generate(new SecureRandom());
    }

    @Test
    void buildsASignedConfigurationWithAddressesRoutesRulesAndCredentials() {
        long nwid = (controller.address().value() << 24) | 0x00abcdL;
        String id = String.format("%016x", nwid);
        ObjectNode doc = (ObjectNode) NetworkRecord.newNetwork(id, 1).toJson();
        doc.put("name", "ztj-test");
        doc.putObject("v4AssignMode").put("zt", true);
        doc.putObject("v6AssignMode").put("zt", false).put("rfc4193", true).put("6plane", false);
        doc.putArray("routes").addObject().put("target", "10.147.20.0/24");
        doc.putArray("ipAssignmentPools").addObject().put("ipRangeStart", "10.147.20.1").put("ipRangeEnd", "10.147.20.254");
        doc.putObject("dns").put("domain", "ztj.example").putArray("servers").add("10.147.20.1");
        NetworkRecord net = NetworkRecord.fromJson(doc);
        MemberRecord m = MemberRecord.newMember(id, member.address().toString(), 1);
        long now = 1_700_000_000_000L;

        ConfigBuilder.Issued issued = ConfigBuilder.build(controller, net, m, member.publicOnly(), List.of(m),
                ConfigRequestMetadata.ofNode1141("linux/x86_64"), now, new SplittableRandom(1));
        NetworkConfig c = issued.config();
        assertEquals(nwid, c.networkId());
        assertEquals(member.address(), c.issuedTo());
        assertEquals("ztj-test", c.name());
        assertEquals(0, c.type());
        assertEquals(ConfigBuilder.DEFAULT_CTMD, c.credentialTimeMaxDelta());
        assertTrue(c.hasFlag(NetworkConfig.FLAG_ENABLE_BROADCAST) && c.hasFlag(NetworkConfig.FLAG_ENABLE_IPV6_NDP_EMULATION));
        List<String> ips = c.staticIps().stream().map(IpNetworkPrefix::toString).toList();
        assertEquals(2, ips.size(), ips.toString());
        assertTrue(ips.get(0).endsWith("/88"), "RFC4193 first");
        String v4 = issued.ipAssignments().get(0);
        assertEquals(v4 + "/24", ips.get(1));
        assertTrue(v4.startsWith("10.147.20."));
        assertEquals("10.147.20.0/24", c.routes().get(0).target().toString());
        assertEquals("ztj.example", c.dns().domain());
        assertTrue(c.ruleCount() >= 1, "the default rule of a new network: accept");

        CertificateOfMembership com = CertificateOfMembership.parse(c.com());
        assertEquals(Verification.VALID, com.verify(SignerLookup.of(controller.publicOnly())));
        assertEquals(now, com.timestamp());
        CertificateOfOwnership coo = CertificateOfOwnership.parse(c.certificatesOfOwnership());
        assertEquals(Verification.VALID, coo.verify(SignerLookup.of(controller.publicOnly())));
        assertTrue(coo.owns(OwnedThing.ip(IpText.parse(v4))));

        // serialized, chunked and signed as a controller sends it; assembled and parsed as a member receives it
        byte[] dict = c.toDictionary().toBytes();
        assertArrayEquals(dict, NetworkConfig.fromDictionary(Dictionary.parse(dict)).toDictionary().toBytes());
        List<NetworkConfigChunk> chunks = ConfigChunker.split(nwid, dict, 0x1234L, controller);
        ConfigAssembler assembler = new ConfigAssembler(nwid);
        AssemblyResult last = null;
        for (NetworkConfigChunk ch : chunks) last = assembler.accept(ch, controller.publicOnly());
        AssemblyResult.Complete done = assertInstanceOf(AssemblyResult.Complete.class, last);
        assertArrayEquals(dict, done.dictionary());
    }

    @Test
    void olderNodesWithoutTheRulesEngineGetOneAcceptRule() {
        long nwid = (controller.address().value() << 24) | 1;
        String id = String.format("%016x", nwid);
        NetworkRecord net = NetworkRecord.newNetwork(id, 1);
        MemberRecord m = MemberRecord.newMember(id, member.address().toString(), 1);
        ConfigRequestMetadata old = new ConfigRequestMetadata(6, 1, 10, 1, 4, 0, 1024, 128, 64, 128, 0, 0, "linux", null);
        NetworkConfig c = ConfigBuilder.build(controller, net, m, member.publicOnly(), List.of(m), old, 5, new SplittableRandom(2)).config();
        assertEquals(1, c.ruleCount());
        assertEquals(0, c.capabilities().length);
        assertEquals(0, c.tags().length);
    }
}

package net.ztj.service.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.core.identity.Address;
import net.ztj.core.wire.Endpoint;
import net.ztj.service.json.JsonText;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * local.conf physical/virtual as path limits (blacklists for all peers and per peer, addresses to try) and as 1.14's
 * physical path configuration (mtu, trustedPathId).
 */
class LocalPathPolicyTest {
    private static final Address PEER = Address.parse("89e92ceee5"), OTHER = Address.parse("0123456789");

    @Test
    void blacklistsAndTries() throws Exception {
        List<String> warnings = new ArrayList<>();
        LocalPathPolicy p = LocalPathPolicy.from((ObjectNode) JsonText.parse("""
                {"physical": {"10.1.0.0/16": {"blacklist": true}, "10.2.0.0/16": {"mtu": 1400}, "nonsense": {}},
                 "virtual": {"89e92ceee5": {"blacklist": ["192.0.2.0/24"], "try": ["203.0.113.5/9993", "bad"]},
                             "xyz": {}}}"""), warnings::add);
        assertFalse(p.allowed(OTHER, Endpoint.parse("10.1.2.3/9993")), "physical blacklist: every peer");
        assertTrue(p.allowed(OTHER, Endpoint.parse("10.2.2.3/9993")), "only blacklist: true counts");
        assertFalse(p.allowed(PEER, Endpoint.parse("192.0.2.9/9993")), "virtual blacklist: that peer");
        assertTrue(p.allowed(OTHER, Endpoint.parse("192.0.2.9/9993")), "... not the others");
        assertEquals(List.of(Endpoint.parse("203.0.113.5/9993")), p.tryAddresses(PEER));
        assertEquals(List.of(), p.tryAddresses(OTHER));
        assertEquals(3, warnings.size(), warnings.toString());
    }

    private static LocalPathPolicy policy(String json) throws Exception {
        return LocalPathPolicy.from((ObjectNode) JsonText.parse(json), w -> { });
    }

    @Test
    void trustedPathIdsAndMtusPerNetwork() throws Exception {
        LocalPathPolicy p = policy("""
                {"physical": {"10.1.0.0/16": {"trustedPathId": 81985529216486895, "mtu": 9000},
                              "10.2.0.0/16": {"mtu": 1400},
                              "10.3.0.0/16": {"trustedPathId": "42", "mtu": 100},
                              "10.4.0.0/16": {"mtu": 20000},
                              "fd00::/8": {"trustedPathId": 18446744073709551615}}}""");
        Endpoint in1 = Endpoint.parse("10.1.2.3/9993"), in2 = Endpoint.parse("10.2.2.3/9993");
        assertEquals(0x0123_4567_89ab_cdefL, p.trustedPathId(in1));
        assertEquals(9000, p.physicalMtu(in1));
        assertEquals(0, p.trustedPathId(in2), "an mtu alone trusts nothing");
        assertEquals(1400, p.physicalMtu(in2));
        assertEquals(42, p.trustedPathId(Endpoint.parse("10.3.0.1/1")), "a decimal string, as the reference reads it");
        assertEquals(1400, p.physicalMtu(Endpoint.parse("10.3.0.1/1")), "raised to the minimum");
        assertEquals(10324, p.physicalMtu(Endpoint.parse("10.4.0.1/1")), "lowered to the maximum");
        assertEquals(-1L, p.trustedPathId(Endpoint.parse("fd12::1/9993")), "a full unsigned 64-bit ID");
        assertEquals(1432, p.physicalMtu(Endpoint.parse("fd12::1/9993")), "no mtu: the default");
        assertEquals(0, p.physicalMtu(Endpoint.parse("192.0.2.1/9993")), "outside every network: the node's own");
        assertEquals(0, p.trustedPathId(Endpoint.parse("192.0.2.1/9993")));

        assertTrue(p.trusted(Endpoint.parse("10.1.9.9/1234"), 0x0123_4567_89ab_cdefL));
        assertFalse(p.trusted(Endpoint.parse("10.1.9.9/1234"), 42), "another network's ID");
        assertFalse(p.trusted(Endpoint.parse("10.9.9.9/1234"), 0x0123_4567_89ab_cdefL), "outside the network");
        assertFalse(p.trusted(in2, 0), "ID 0 is never trusted (the reference would accept it on 10.2.0.0/16)");
    }

    @Test
    void theFirstNetworkInTheReferenceOrderAnswers() throws Exception {
        // 1.14 keeps its physical path configurations in its address order: family, bits, then the address; a
        // blacklist-only entry is one too (default MTU, no trust) and can shadow a wider network.
        LocalPathPolicy p = policy("""
                {"physical": {"10.0.0.0/8": {"trustedPathId": 7, "mtu": 1500},
                              "10.5.0.0/16": {"blacklist": false}}}""");
        Endpoint in16 = Endpoint.parse("10.5.1.1/9993");
        assertEquals(7, p.trustedPathId(in16), "/8 sorts before /16");
        assertEquals(1500, p.physicalMtu(in16));
        LocalPathPolicy q = policy("""
                {"physical": {"10.0.0.0/24x": {"mtu": 1500}, "10.0.0.0/24": {"trustedPathId": 8}}}""");
        assertEquals(8, q.trustedPathId(Endpoint.parse("10.0.0.1/1")), "one network: the ID stays");
        assertEquals(1500, q.physicalMtu(Endpoint.parse("10.0.0.1/1")), "the later key (in key order) sets the MTU");
    }

    @Test
    void atMostThirtyTwoPhysicalPaths() throws Exception {
        StringBuilder json = new StringBuilder("{\"physical\": {");
        for (int i = 0; i < 40; i++) {
            if (i > 0) json.append(',');
            json.append("\"10.0.").append(i).append(".0/24\": {\"trustedPathId\": ").append(i + 1).append('}');
        }
        List<String> warnings = new ArrayList<>();
        LocalPathPolicy p = LocalPathPolicy.from((ObjectNode) JsonText.parse(json.append("}}").toString()), warnings::add);
        // IPv4 addresses order by their little-endian reading, so 10.0.i.0 sorts by i
        assertEquals(32, p.trustedPathId(Endpoint.parse("10.0.31.1/1")));
        assertEquals(0, p.trustedPathId(Endpoint.parse("10.0.32.1/1")));
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void aReloadReplacesBlacklistsButOnlyAddsPhysicalPaths() throws Exception {
        LocalPathPolicy first = policy("""
                {"physical": {"10.1.0.0/16": {"trustedPathId": 1, "mtu": 1500}, "10.2.0.0/16": {"blacklist": true},
                              "10.3.0.0/16": {"trustedPathId": 3}},
                 "virtual": {"89e92ceee5": {"try": ["203.0.113.5/9993"]}}}""");
        LocalPathPolicy next = first.reloaded((ObjectNode) JsonText.parse("""
                {"physical": {"10.3.0.0/16": {"mtu": 1400}, "10.4.0.0/16": {"trustedPathId": 4}}}"""),
                java.util.Map.of(), w -> { });
        assertTrue(next.allowed(OTHER, Endpoint.parse("10.2.0.1/9993")), "the blacklist is gone");
        assertEquals(List.of(), next.tryAddresses(PEER), "so are the addresses to try");
        assertEquals(1, next.trustedPathId(Endpoint.parse("10.1.0.1/1")), "a network no longer named stays");
        assertEquals(1500, next.physicalMtu(Endpoint.parse("10.1.0.1/1")));
        assertEquals(0, next.trustedPathId(Endpoint.parse("10.3.0.1/1")), "a network named again is replaced");
        assertEquals(1400, next.physicalMtu(Endpoint.parse("10.3.0.1/1")));
        assertEquals(4, next.trustedPathId(Endpoint.parse("10.4.0.1/1")), "a new network is added");
    }
}

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

/** local.conf physical/virtual as path limits: blacklists for all peers and per peer, addresses to try. */
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
}

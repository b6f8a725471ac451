package net.ztj.core.network.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.ztj.core.network.rules.Rule.*;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The JSON rule form of spec 04 §13 against the controller API examples and the binary vectors. */
class RuleJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode tree(Object o) throws Exception {
        return MAPPER.readTree(MAPPER.writeValueAsString(o));
    }

    @Test
    void controllerNormalizationExample() throws Exception {
        JsonNode example = Vectors.json("controller_api_examples.json");
        JsonNode found = null;
        for (var it = example.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.contains("normalization example")) found = example.get(k);
        }
        assertNotNull(found);
        List<?> request = MAPPER.convertValue(found.get("request").get("rules"), List.class);
        assertEquals(found.get("response").get("rules"), tree(RuleJson.render(RuleJson.parse(request))));
        List<?> capRequest = MAPPER.convertValue(found.get("request").get("capabilities").get(0).get("rules"), List.class);
        assertEquals(found.get("response").get("capabilities").get(1).get("rules"),
                tree(RuleJson.render(RuleJson.parse(capRequest))));
    }

    @Test
    void everyVectorRuleWithAJsonFormRoundTrips() {
        List<Rule> rules = RuleCodec.decodeList(Vectors.hex(Vectors.json("networks_rules.json").get("all_concatenated_hex").asText()));
        for (Rule r : rules) {
            if (r instanceof Priority || r instanceof UnknownMatch || r instanceof IntegerRange) {
                if (!(r instanceof IntegerRange)) assertTrue(RuleJson.render(r).isEmpty(), r.toString());
                continue;
            }
            Map<String, Object> j = RuleJson.render(r).orElseThrow();
            assertEquals(r, RuleJson.parse(j).orElseThrow(), j.toString());
        }
    }

    @Test
    void renderedForms() {
        assertEquals(Map.of("type", "MATCH_MAC_DEST", "not", false, "or", true, "mac", "ff:ff:ff:ff:ff:ff"),
                RuleJson.render(new MacDest(false, true, 0xffffffffffffL)).orElseThrow());
        assertEquals("10.147.17.0/24", RuleJson.render(new Ipv4Source(false, false, 0x0a931100, 24)).orElseThrow().get("ip"));
        assertEquals("fd00:1234::/32", RuleJson.render(new Ipv6Source(false, false, 0xfd00123400000000L, 0, 32)).orElseThrow().get("ip"));
        assertEquals("8000000000000002", RuleJson.render(new Characteristics(false, false, 0x8000000000000002L)).orElseThrow().get("mask"));
        Map<String, Object> icmp = RuleJson.render(new Icmp(false, false, 135, 0, 0)).orElseThrow();
        assertTrue(icmp.containsKey("icmpCode"));
        assertNull(icmp.get("icmpCode"));
        Map<String, Object> redirect = RuleJson.render(new Redirect(0xdeadbeef03L, 0, 0)).orElseThrow();
        assertEquals("deadbeef03", redirect.get("address"));
        assertFalse(redirect.containsKey("length"));
        assertFalse(redirect.containsKey("not"));
    }

    @Test
    void lenientInput() {
        assertEquals(new MacSource(false, false, 0x321863be00beL),
                RuleJson.parse(Map.of("type", "MATCH_MAC_SOURCE", "mac", "32-18-63-be-00-be")).orElseThrow());
        assertEquals(new MacSource(false, false, 0x321863be00beL),
                RuleJson.parse(Map.of("type", "MATCH_MAC_SOURCE", "mac", "321863be00be")).orElseThrow());
        assertEquals(new Ethertype(true, false, 0x0800),
                RuleJson.parse(Map.of("type", "MATCH_ETHERTYPE", "etherType", "2048", "not", true)).orElseThrow());
        assertEquals(new VlanDei(false, false, 1),
                RuleJson.parse(Map.of("type", "MATCH_VLAN_DEI", "vlanDei", true)).orElseThrow());
        assertEquals(new Characteristics(false, false, 0x8000000000000002L),
                RuleJson.parse(Map.of("type", "MATCH_CHARACTERISTICS", "mask", "8000000000000002")).orElseThrow());
        assertEquals(new Ipv4Dest(false, false, 0x0a000001, 32),
                RuleJson.parse(Map.of("type", "MATCH_IPV4_DEST", "ip", "10.0.0.1/99")).orElseThrow());
        assertEquals(new FrameSizeRange(false, false, 64, 64),
                RuleJson.parse(Map.of("type", "MATCH_FRAME_SIZE_RANGE", "start", 64)).orElseThrow());
        assertTrue(RuleJson.parse(Map.of("type", "INTEGER_RANGE", "start", "1", "end", "5")).isEmpty());
        assertTrue(RuleJson.parse(Map.of("type", "ACTION_PRIORITY")).isEmpty());
        assertTrue(RuleJson.parse(Map.of("type", "BOGUS")).isEmpty());
        assertTrue(RuleJson.parse(Map.of("no", "type")).isEmpty());
    }
}

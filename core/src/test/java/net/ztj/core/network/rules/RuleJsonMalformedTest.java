package net.ztj.core.network.rules;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Rule JSON of the wrong shape is dropped or read leniently, never an exception. */
class RuleJsonMalformedTest {
    private static final String[] TYPES = {"ACTION_TEE", "ACTION_REDIRECT", "MATCH_SOURCE_ZEROTIER_ADDRESS",
        "MATCH_MAC_SOURCE", "MATCH_IPV4_SOURCE", "MATCH_IPV6_DEST", "MATCH_IP_TOS", "MATCH_ICMP",
        "MATCH_IP_DEST_PORT_RANGE", "MATCH_CHARACTERISTICS", "MATCH_RANDOM", "MATCH_TAGS_EQUAL", "MATCH_VLAN_ID"};
    private static final String[] FIELDS = {"address", "flags", "length", "zt", "mac", "ip", "mask", "start", "end",
        "icmpType", "icmpCode", "probability", "id", "value", "vlanId", "not", "or"};
    private static final Object[] VALUES = {null, true, -1, 1e30, 3.5, "", "zz", "1.2.3.4/x", "::/999", "fe80::1/64",
        "10.0.0.1", "-5", "0x", "ff:ff", List.of(1), Map.of("a", 1), Long.MIN_VALUE};

    @Test
    void garbageFieldsNeverThrow() {
        Random rnd = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            Map<String, Object> j = new HashMap<>();
            j.put("type", TYPES[rnd.nextInt(TYPES.length)]);
            for (int k = 0; k < 4; k++) j.put(FIELDS[rnd.nextInt(FIELDS.length)], VALUES[rnd.nextInt(VALUES.length)]);
            RuleJson.parse(j).ifPresent(r -> RuleCodec.decodeOne(RuleCodec.encode(r)));
        }
        RuleJson.parse(List.of("not an object", 5, Map.of("type", 7)));
    }
}

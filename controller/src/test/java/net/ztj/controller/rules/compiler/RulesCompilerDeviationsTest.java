package net.ztj.controller.rules.compiler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static net.ztj.controller.rules.compiler.RulesCompilerExamplesTest.compiled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Where this compiler departs from rule-compiler.js on purpose (docs/rules-compiler.md): sources the reference
 * misreads without a word, values it overflows, garbage it takes for numbers or addresses. Each case says what the
 * reference gives (run with node on its compile()).
 */
class RulesCompilerDeviationsTest {
    private static final String DROP = "{\"type\":\"ACTION_DROP\"}";
    private static final String ACCEPT = "{\"type\":\"ACTION_ACCEPT\"}";

    @Test
    void aSemicolonRightAfterAnActionEndsIt() {
        // reference: error 2:1 'Unrecognized match type "accept"' (its block for drop stays open)
        assertEquals("[" + DROP + "," + ACCEPT + "]", compiled("drop;\naccept;").get("rules").toString());
        // reference: [DROP] alone, the accept silently lost
        assertEquals("[" + DROP + "," + ACCEPT + "]", compiled("drop ;\naccept ;").get("rules").toString());
    }

    @Test
    void characteristicMasksKeepEveryBit() {
        // reference: "4000000000000000" and "0000000040000000" (bit 63 or 31 with another bit overflows its int32)
        assertEquals("c000000000000000", compiled("accept chr inbound,multicast;").get("rules").get(0).get("mask").asText());
        assertEquals("00000000c0000000", compiled("accept chr 31,30;").get("rules").get(0).get("mask").asText());
    }

    @Test
    void tagValuesAreUnsigned() {
        // reference: -2147483648 and -1294967296
        assertEquals("[{\"id\":1,\"default\":2147483648}]", compiled("tag t id 1 flag 31 x default x;").get("tags").toString());
        assertEquals("[{\"id\":1,\"default\":3000000000}]", compiled("tag t id 1 default 3000000000;").get("tags").toString());
        // reference: error (the flag's value is negative there)
        assertEquals(2147483648L, compiled("tag t id 1 flag 31 x;\naccept teq t x;").get("rules").get(0).get("value").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "tee abc zzzzzzzzzz;", // reference: ACTION_TEE, length -1, address "zzzzzzzzzz"
            "accept ipsrc xx1.2.3.4yy/8;", // reference: MATCH_IPV4_SOURCE "xx1.2.3.4yy/8"
            "accept ipsrc 10.0.0.0/abc;", // reference: MATCH_IPV4_SOURCE "10.0.0.0/abc"
            "accept vlan 99999;", // reference: vlanId 99999
            "accept dport 12abc;", // reference: port 12
            "accept icmp 8 x;", // reference: icmpCode null
            "accept ztsrc 0x123456789;", // reference: zt "0123456789"
            "accept macsrc zz00:11:22:33:44:55:66;", // reference: mac "00:11:22:33:44:55"
            "accept not;", // reference: the dangling not ignored
            "accept random 7;", // reference: probability clamped to 1
    })
    void garbageValuesAreErrors(String source) {
        assertInstanceOf(CompileResult.Failed.class, RulesCompiler.compile(source));
    }

    @Test
    void keywordsAndNamesIgnoreCase() {
        // reference: error 1:5 (a capitalized action does not open a block), and error 2:12 (names are defined in
        // lower case but looked up as written)
        assertEquals("MATCH_ETHERTYPE", compiled("Drop not ethertype ipv4;").get("rules").get(0).get("type").asText());
        assertEquals("{\"type\":\"MATCH_TAGS_EQUAL\",\"not\":false,\"or\":false,\"id\":5,\"value\":1}",
                compiled("tag Department id 5 enum 1 Sales;\naccept teq Department Sales;").get("rules").get(0).toString());
        // reference: errors (lookups of ethertype, protocol and characteristic names are case-sensitive)
        assertEquals(58, compiled("accept ipprotocol ICMP6;").get("rules").get(0).get("ipProtocol").asInt());
        assertEquals("0000000000000002", compiled("accept chr TCP_SYN;").get("rules").get(0).get("mask").asText());
    }
}

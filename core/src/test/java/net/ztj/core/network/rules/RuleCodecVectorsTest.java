package net.ztj.core.network.rules;

import com.fasterxml.jackson.databind.JsonNode;
import net.ztj.core.network.rules.Rule.*;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Every rule of networks_rules.json (ZeroTier One 1.14) decodes and re-encodes byte-exact. */
class RuleCodecVectorsTest {
    private static final JsonNode V = Vectors.json("networks_rules.json");

    @Test
    void everyRuleRoundTrips() {
        for (JsonNode v : V.get("rules")) {
            String name = v.get("rule").asText();
            byte[] enc = Vectors.hex(v.get("encoded_hex"));
            Rule rule = RuleCodec.decodeOne(enc);
            assertEquals(v.get("type").asInt(), rule.type(), name);
            assertEquals(v.get("t").asInt(), RuleCodec.typeByte(rule), name);
            if (rule instanceof Match m) {
                assertEquals(v.get("not").asBoolean(), m.not(), name);
                assertEquals(v.get("or").asBoolean(), m.or(), name);
            }
            assertEquals(v.get("encoded_hex").asText(), Vectors.toHex(RuleCodec.encode(rule)), name);
        }
    }

    @Test
    void concatenatedListRoundTrips() {
        byte[] all = Vectors.hex(V.get("all_concatenated_hex"));
        List<Rule> rules = RuleCodec.decodeList(all);
        assertEquals(V.get("roundtrip_rule_count").asInt(), rules.size());
        assertEquals(V.get("all_concatenated_hex").asText(), Vectors.toHex(RuleCodec.encodeList(rules)));
        List<RawRule> frames = RuleCodec.frames(all, 0, all.length, RuleCodec.MAX_BASE_RULES);
        assertEquals(rules.size(), frames.size());
        for (int i = 0; i < frames.size(); i++) assertEquals(V.get("rules").get(i).get("t").asInt(), frames.get(i).t());
    }

    @Test
    void decodedValuesAreTheVectorsValues() {
        List<Rule> r = RuleCodec.decodeList(Vectors.hex(V.get("all_concatenated_hex")));
        assertEquals(new Tee(0xdeadbeef01L, 0, 64), r.get(2));
        assertEquals(new Watch(0xdeadbeef02L, 0, 0), r.get(3));
        assertEquals(new Redirect(0xdeadbeef03L, 0, 0), r.get(4));
        assertEquals(new Priority(0), r.get(6));
        assertEquals(new DestZtAddress(true, false, 0x06e597d517L), r.get(8));
        assertEquals(new VlanId(false, false, 42), r.get(9));
        assertEquals(new MacDest(false, true, 0xffffffffffffL), r.get(13));
        assertEquals(new Ipv4Source(false, false, 0x0a931100, 24), r.get(14));
        assertEquals(new Ipv6Dest(false, false, 0xfe80000000000000L, 1L, 128), r.get(17));
        assertEquals(new IpTos(false, false, 0xfc, 0x10, 0x20), r.get(18));
        assertEquals(new Icmp(false, false, 8, 0, 1), r.get(21));
        assertEquals(new SourcePortRange(false, false, 1024, 65535), r.get(23));
        assertEquals(new Characteristics(false, false, Characteristic.INBOUND | Characteristic.TCP_SYN), r.get(25));
        assertEquals(new RandomMatch(false, false, 0x7fffffffL), r.get(27));
        assertEquals(new TagsDifference(false, false, 100, 2), r.get(28));
        assertEquals(new TagReceiver(false, false, 106, 2), r.get(34));
        IntegerRange ir = (IntegerRange) r.get(35);
        assertEquals(1000, ir.start());
        assertEquals(1024, ir.end());
        assertEquals(36, ir.index());
        assertEquals(16, ir.bits());
        assertFalse(ir.littleEndian());
        IntegerRange le = (IntegerRange) r.get(36);
        assertTrue(le.not());
        assertTrue(le.littleEndian());
        assertEquals(32, le.bits());
        assertEquals(new UnknownMatch(60, false, false, new byte[0]), r.get(37));
    }

    @Test
    void priorityBucketIsNotSerialized() {
        assertEquals("0600", Vectors.toHex(RuleCodec.encode(new Priority(3))));
    }

    @Test
    void defaultAcceptRule() {
        assertEquals(V.get("defaults").get("controller_default_accept_hex").asText(),
                Vectors.toHex(RuleCodec.encodeList(DefaultRules.ACCEPT_ALL)));
    }

    @Test
    void longerValuesAndUnknownTypesAreSkipped() {
        // MATCH_ETHERTYPE with a 4-byte value, then an unknown type with 3 bytes, then ACCEPT.
        List<Rule> r = RuleCodec.decodeList(Vectors.hex("250408060000" + "3403aabbcc" + "0100"));
        assertEquals(List.of(new Ethertype(false, false, 0x0806),
                new UnknownMatch(52, false, false, Vectors.hex("aabbcc")), new Accept()), r);
    }

    @Test
    void maximumCountStopsParsing() {
        assertEquals(2, RuleCodec.decodeList(Vectors.hex("010001000100"), 0, 6, 2).size());
    }
}

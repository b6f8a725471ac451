package net.ztj.core.network.rules;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.ztj.core.wire.MalformedException;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jazzer targets for rules: the binary rule list of a network config or capability, and the rules JSON of the
 * controller's network records. Binary rules decode or are refused with {@link MalformedException}, and what
 * decodes encodes back to the same rules (unassigned match types and reserved actions lose their value bytes, as
 * in 1.14) and the same bytes again; JSON rules are read leniently (never an exception) and whatever is read
 * renders and reads back equal. Corpus replayed in the normal build; {@code scripts/fuzz.sh} fuzzes them.
 */
class RulesFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest
    void binary(byte[] input) {
        List<Rule> rules;
        try {
            rules = RuleCodec.decodeList(input, 0, input.length, RuleCodec.MAX_BASE_RULES);
        } catch (MalformedException refused) {
            return;
        }
        byte[] encoded = RuleCodec.encodeList(rules);
        List<Rule> again = RuleCodec.decodeList(encoded);
        assertEquals(rules.size(), again.size());
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            // as 1.14 does, unassigned matches and reserved actions are written without their value bytes
            if (!(r instanceof Rule.UnknownMatch) && !(r instanceof Rule.ReservedAction)) assertEquals(r, again.get(i));
        }
        assertArrayEquals(encoded, RuleCodec.encodeList(again));
        RuleJson.render(rules);
    }

    @FuzzTest
    void json(byte[] input) {
        Object parsed;
        try {
            parsed = JSON.readValue(input, Object.class);
        } catch (java.io.IOException notJson) {
            return;
        }
        List<?> list = parsed instanceof List<?> l ? l : Collections.singletonList(parsed);
        List<Rule> rules = RuleJson.parse(list);
        List<Rule> again = RuleJson.parse(JSON.convertValue(RuleJson.render(rules), List.class));
        assertEquals(RuleJson.render(rules), RuleJson.render(again));
        for (Rule r : rules) RuleCodec.decodeOne(RuleCodec.encode(r));
    }
}

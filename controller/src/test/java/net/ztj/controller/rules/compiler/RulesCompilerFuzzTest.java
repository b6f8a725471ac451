package net.ztj.controller.rules.compiler;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.core.network.rules.RuleJson;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jazzer target for the rules compiler: any text compiles or is refused without an exception; a refusal has errors
 * at positions inside the source; what compiles is the same on a second run, binds to a network record, every
 * rule it writes is one the controller's rule JSON reader takes (none dropped), and it is written back as source
 * ({@link RulesDecompiler}) that compiles to the same JSON. Corpus replayed in the normal build
 * (seeded with the example sources); {@code scripts/fuzz.sh} fuzzes it.
 */
class RulesCompilerFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest
    void compile(byte[] input) {
        String source = new String(input, StandardCharsets.UTF_8);
        CompileResult result = RulesCompiler.compile(source);
        if (result instanceof CompileResult.Failed failed) {
            int lines = source.split("\r\n|\r|\n", -1).length;
            for (CompileError e : failed.errors()) {
                assertTrue(e.line() >= 1 && e.line() <= lines && e.column() >= 1, e + " outside the source");
                assertFalse(e.message().isBlank());
                assertTrue(e.message().length() < 500, "a long message: " + e.message().length() + " characters");
            }
            return;
        }
        CompileResult.Compiled c = (CompileResult.Compiled) result;
        CompileResult.Compiled again = (CompileResult.Compiled) RulesCompiler.compile(source);
        assertEquals(c.rules(), again.rules());
        assertEquals(c.capabilities(), again.capabilities());
        assertEquals(c.tags(), again.tags());
        assertAllRead(c.rules());
        for (JsonNode cap : c.capabilities()) assertAllRead(cap.get("rules"));
        ObjectNode doc = JSON.createObjectNode().put("id", "0123456789000001");
        doc.set("rules", c.rules());
        doc.set("capabilities", c.capabilities());
        doc.set("tags", c.tags());
        NetworkRecord record = NetworkRecord.fromJson(doc);
        assertEquals(c.rules().size(), record.rules().size());
        String written = RulesDecompiler.decompile(c.rules(), c.capabilities(), c.tags()).orElseThrow();
        CompileResult.Compiled back = (CompileResult.Compiled) RulesCompiler.compile(written);
        assertEquals(c.rules(), back.rules());
        assertEquals(c.capabilities(), back.capabilities());
        assertEquals(c.tags(), back.tags());
    }

    private static void assertAllRead(JsonNode rules) {
        List<?> list = JSON.convertValue(rules, List.class);
        assertEquals(list.size(), RuleJson.parse(list).size(), "a compiled rule the controller cannot read: " + rules);
    }
}

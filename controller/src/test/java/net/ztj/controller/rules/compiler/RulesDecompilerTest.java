package net.ztj.controller.rules.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.core.network.rules.RuleJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static net.ztj.controller.rules.compiler.RulesCompilerExamplesTest.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules JSON written back as source compiles to the same JSON; what the language cannot write is refused. */
class RulesDecompilerTest {

    @Test
    void everyCompiledCorpusSourceRoundTrips() throws Exception {
        int n = 0;
        for (String line : RulesCompilerExamplesTest.resource("rules-compiler/reference-corpus.jsonl").split("\n")) {
            if (line.isBlank()) continue;
            if (!(RulesCompiler.compile(MAPPER.readTree(line).get("source").asText()) instanceof CompileResult.Compiled c)) {
                continue;
            }
            String source = RulesDecompiler.decompile(c.rules(), c.capabilities(), c.tags()).orElseThrow(
                    () -> new AssertionError("not written: " + line));
            CompileResult.Compiled again = (CompileResult.Compiled) RulesCompiler.compile(source);
            assertEquals(c.rules().toString(), again.rules().toString(), source);
            assertEquals(c.capabilities().toString(), again.capabilities().toString(), source);
            assertEquals(c.tags().toString(), again.tags().toString(), source);
            n++;
        }
        assertTrue(n > 250, n + " sources");
    }

    @Test
    void storedRulesAreWrittenReadably() throws Exception {
        NetworkRecord fresh = NetworkRecord.newNetwork("0123456789000001", 0);
        assertEquals("accept;\n", RulesDecompiler.decompile(fresh.rules(), MAPPER.createArrayNode(), MAPPER.createArrayNode())
                .orElseThrow());
        CompileResult.Compiled c = (CompileResult.Compiled) RulesCompiler.compile("""
                tag department id 1000 enum 100 sales default sales;
                cap ssh id 7 default accept ipprotocol tcp and dport 22; ;
                drop not ethertype ipv4 and not ethertype arp or not chr ipauth,inbound;
                tee -1 0123456789 random 0.25 and icmp 8 -1;
                accept teq department sales;
                """);
        // as the controller stores them: re-rendered with sorted keys, tee flags and a 16-bit length
        ArrayNode stored = (ArrayNode) MAPPER.valueToTree(RuleJson.render(RuleJson.parse(MAPPER.convertValue(c.rules(), List.class))));
        assertEquals("""
                tag tag_1000 id 1000 default 100;
                cap cap_7 id 7 default
                \taccept ipprotocol tcp and dport 22;
                ;
                drop not ethertype ipv4 and not ethertype arp or not chr inbound,ipauth;
                tee 65535 0123456789 random 0.25 and icmp 8 -1;
                accept teq 1000 100;
                """, RulesDecompiler.decompile(stored, c.capabilities(), c.tags()).orElseThrow());
    }

    @Test
    void tagsThatShareAnIdGetNamesOfTheirOwn() {
        CompileResult.Compiled c = (CompileResult.Compiled) RulesCompiler.compile("tag a id 5 default 1; tag b id 5;");
        assertEquals("tag tag_5 id 5 default 1;\ntag tag_5_2 id 5;\n",
                RulesDecompiler.decompile(c.rules(), c.capabilities(), c.tags()).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"type\":\"ACTION_TEE\",\"address\":\"0123456789\",\"length\":0,\"flags\":1}]",
            "[{\"type\":\"MATCH_CHARACTERISTICS\",\"not\":false,\"or\":false,\"mask\":\"0000000000000000\"},{\"type\":\"ACTION_DROP\"}]",
            "[{\"type\":\"ACTION_ACCEPT\"},{\"type\":\"MATCH_VLAN_ID\",\"not\":false,\"or\":false,\"vlanId\":5}]",
            "[{\"type\":\"ACTION_PRIORITY\"}]",
            "[{\"type\":\"MATCH_VLAN_ID\",\"not\":false,\"or\":false,\"vlanId\":70000},{\"type\":\"ACTION_DROP\"}]",
            "{\"type\":\"ACTION_DROP\"}"})
    void whatTheLanguageCannotWriteIsRefused(String rules) throws Exception {
        assertFalse(RulesDecompiler.decompile(MAPPER.readTree(rules), null, null).isPresent());
    }

    @Test
    void theStoredSourceIsEditedWhileItStillGivesTheStoredRules() {
        String source = "drop not ethertype ipv4; # keep IPv4 only\naccept;";
        CompileResult.Compiled c = (CompileResult.Compiled) RulesCompiler.compile(source);
        assertEquals(new RulesDecompiler.Editable(source, false),
                RulesDecompiler.editable(source, c.rules(), c.capabilities(), c.tags()));
        JsonNode changed = NetworkRecord.defaultRules();
        assertEquals(new RulesDecompiler.Editable("accept;\n", true),
                RulesDecompiler.editable(source, changed, c.capabilities(), c.tags()));
        JsonNode unwritable = MAPPER.createArrayNode().add(MAPPER.createObjectNode().put("type", "ACTION_PRIORITY"));
        assertEquals(new RulesDecompiler.Editable(source, false),
                RulesDecompiler.editable(source, unwritable, c.capabilities(), c.tags()));
    }
}

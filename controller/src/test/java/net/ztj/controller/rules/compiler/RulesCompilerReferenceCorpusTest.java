package net.ztj.controller.rules.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static net.ztj.controller.rules.compiler.RulesCompilerExamplesTest.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random well-formed rule sources (tags with enums and flags, capabilities, macros with parameters, every action and
 * match with values in decimal, hex and named forms, comments and varied layout) with what rule-compiler.js made of
 * each ({@code reference-corpus.jsonl}: one {@code {"source", "expected"}} per line, expected being its output in
 * the controller's form, or {@code {"error": [line, column, message]}}). Every source it compiles compiles here to
 * the same JSON; every source it refuses is refused here too.
 */
class RulesCompilerReferenceCorpusTest {
    @Test
    void compilesAsTheReferenceCompiler() throws Exception {
        List<String> mismatches = new ArrayList<>();
        int compiled = 0;
        int refused = 0;
        for (String line : RulesCompilerExamplesTest.resource("rules-compiler/reference-corpus.jsonl").split("\n")) {
            if (line.isBlank()) continue;
            JsonNode entry = MAPPER.readTree(line);
            String source = entry.get("source").asText();
            JsonNode expected = entry.get("expected");
            CompileResult result = RulesCompiler.compile(source);
            if (expected.has("error")) {
                refused++;
                if (!(result instanceof CompileResult.Failed)) mismatches.add("accepted what the reference refuses "
                        + expected.get("error") + ":\n" + source);
                continue;
            }
            compiled++;
            if (result instanceof CompileResult.Failed f) {
                mismatches.add("refused " + f.errors() + ":\n" + source);
                continue;
            }
            String actual = MAPPER.writeValueAsString(RulesCompilerExamplesTest.compiled(source));
            if (!actual.equals(MAPPER.writeValueAsString(expected))) {
                mismatches.add("different output:\n" + source + "\nexpected " + expected + "\nactual   " + actual);
            }
        }
        assertTrue(compiled > 250 && refused > 10, compiled + " compiled, " + refused + " refused");
        assertEquals(List.of(), mismatches, mismatches.size() + " mismatches");
    }
}

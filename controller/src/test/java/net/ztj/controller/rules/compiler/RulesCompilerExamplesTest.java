package net.ztj.controller.rules.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The examples shipped with ZeroTier's rule-compiler and those of ZeroTier's rules documentation compile to exactly
 * the JSON rule-compiler.js gives for them (the {@code .json} next to each {@code .ztrules}, made with node from
 * its compile() in the controller's form, as its cli.js builds "config"): same rules in the same order, same keys in
 * the same order, numbers and strings alike.
 */
class RulesCompilerExamplesTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<String> EXAMPLES = List.of("capabilities-and-tags", "central-default", "faq-client-isolation",
            "faq-remote-desktop", "faq-gradual-permissions", "manual-advanced", "every-match", "macros-and-caps");

    @TestFactory
    Stream<DynamicTest> examplesCompileAsTheReferenceDoes() {
        return EXAMPLES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            String source = resource("rules-compiler/examples/" + name + ".ztrules");
            JsonNode expected = MAPPER.readTree(resource("rules-compiler/examples/" + name + ".json"));
            assertEquals(MAPPER.writeValueAsString(expected), MAPPER.writeValueAsString(compiled(source)));
        }));
    }

    /** The compiled output as one object in the expectation files' form. */
    static ObjectNode compiled(String source) {
        CompileResult r = RulesCompiler.compile(source);
        if (r instanceof CompileResult.Failed f) throw new AssertionError("does not compile: " + f.errors());
        CompileResult.Compiled c = assertInstanceOf(CompileResult.Compiled.class, r);
        ObjectNode o = MAPPER.createObjectNode();
        o.set("rules", c.rules());
        o.set("capabilities", c.capabilities());
        o.set("tags", c.tags());
        return o;
    }

    static String resource(String path) throws IOException {
        try (InputStream in = RulesCompilerExamplesTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IOException("missing test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

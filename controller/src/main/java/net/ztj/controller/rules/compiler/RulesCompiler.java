package net.ztj.controller.rules.compiler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compiles ZeroTier's flow-rules language (the text ZeroTier Central's rule editor takes) into the controller's
 * {@code rules}, {@code capabilities} and {@code tags} JSON. For well-formed sources the output is the one
 * ZeroTier's rule-compiler.js gives (rule order, field names, numbers and strings); where that compiler silently
 * drops statements, reads garbage as numbers or overflows 32-bit arithmetic, this one reports an error or writes
 * the intended value instead (docs/rules-compiler.md lists the differences).
 *
 * <p>Never throws: any source, however malformed, gives a {@link CompileResult}.
 */
public final class RulesCompiler {
    /** Errors reported at most; a source with more is usually not rule text at all. */
    static final int MAX_ERRORS = 100;

    private RulesCompiler() {}

    /** Compiles {@code source}; null is compiled as the empty source. */
    public static CompileResult compile(String source) {
        List<CompileError> errors = new ArrayList<>();
        try {
            CompileResult.Compiled compiled = compile(source == null ? "" : source, errors);
            if (errors.isEmpty()) return compiled;
        } catch (TooManyErrors enough) {
            // the first MAX_ERRORS are reported
        } catch (RuntimeException bug) {
            errors.add(new CompileError(1, 1, "the rules compiler failed on this source: " + bug));
        }
        errors.sort(Comparator.comparingInt(CompileError::line).thenComparingInt(CompileError::column));
        return new CompileResult.Failed(errors);
    }

    /** Stops a compilation that has found {@link #MAX_ERRORS} errors. */
    private static final class TooManyErrors extends RuntimeException {
        TooManyErrors() {
            super(null, null, false, false);
        }
    }

    private static CompileResult.Compiled compile(String source, List<CompileError> found) {
        java.util.function.Consumer<SourceError> report = e -> {
            found.add(e.toError());
            if (found.size() >= MAX_ERRORS) throw new TooManyErrors();
        };
        List<SourceTree.Element> top = SourceTree.build(Lexer.tokens(source));
        Definitions definitions = Definitions.read(top, report);
        JsonNodeFactory json = JsonNodeFactory.instance;
        ArrayNode capabilities = json.arrayNode();
        for (Definitions.Capability cap : definitions.capabilities.values()) {
            ObjectNode c = capabilities.addObject();
            c.put("id", cap.id());
            c.put("default", cap.isDefault());
            c.set("rules", RuleWriter.write(cap.body(), definitions, report, Vocabulary.MAX_CAPABILITY_RULES));
        }
        ArrayNode rules = RuleWriter.write(definitions.baseRules, definitions, report, Vocabulary.MAX_RULES);
        ArrayNode tags = json.arrayNode();
        for (Definitions.Tag tag : definitions.tags.values()) {
            ObjectNode t = tags.addObject();
            t.put("id", tag.id());
            if (tag.defaultValue() == null) t.putNull("default");
            else t.put("default", tag.defaultValue());
        }
        return new CompileResult.Compiled(rules, capabilities, tags);
    }
}

package net.ztj.controller.rules.compiler;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.List;

/** What compiling a rule source gives: the controller's JSON, or the errors found. */
public sealed interface CompileResult {

    /**
     * A rule source compiled into the network fields the controller stores (spec 04 §13): {@code rules} (the base
     * rule objects), {@code capabilities} ({@code {id, default, rules}} in definition order) and {@code tags}
     * ({@code {id, default}} in definition order, default null when none is given).
     */
    record Compiled(ArrayNode rules, ArrayNode capabilities, ArrayNode tags) implements CompileResult {
        public Compiled {
            rules = rules.deepCopy();
            capabilities = capabilities.deepCopy();
            tags = tags.deepCopy();
        }

        @Override
        public ArrayNode rules() {
            return rules.deepCopy();
        }

        @Override
        public ArrayNode capabilities() {
            return capabilities.deepCopy();
        }

        @Override
        public ArrayNode tags() {
            return tags.deepCopy();
        }
    }

    /** The source did not compile; at least one error, ordered by position. */
    record Failed(List<CompileError> errors) implements CompileResult {
        public Failed {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) throw new IllegalArgumentException("a failed compilation has at least one error");
        }
    }
}

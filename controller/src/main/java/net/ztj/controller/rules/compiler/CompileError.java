package net.ztj.controller.rules.compiler;

/**
 * One problem in a rule source, at the 1-based line and column of the word it concerns.
 *
 * @param line    1-based line
 * @param column  1-based column, counted in UTF-16 units as browsers count them
 * @param message what is wrong and, where it helps, what was expected
 */
public record CompileError(int line, int column, String message) {
    @Override
    public String toString() {
        return line + ":" + column + ": " + message;
    }
}

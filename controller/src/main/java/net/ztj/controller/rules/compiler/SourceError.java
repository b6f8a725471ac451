package net.ztj.controller.rules.compiler;

/** A problem at a word of the source; thrown inside one statement and collected at the statement's boundary. */
final class SourceError extends RuntimeException {
    final int line;
    final int column;
    /** True when the cause is an error already reported elsewhere (a use of a definition that has errors). */
    final boolean followsReported;

    SourceError(SourceTree.Word at, String message) {
        this(at.line(), at.column(), message, false);
    }

    private SourceError(int line, int column, String message, boolean followsReported) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
        this.followsReported = followsReported;
    }

    /** Ends the statement at {@code at} without a report of its own: the definition it uses has its errors reported. */
    static SourceError followingReported(SourceTree.Word at) {
        return new SourceError(at.line(), at.column(), "uses a definition that has errors", true);
    }

    /** A word of the source in quotes for a message, shortened when long. */
    static String quote(String text) {
        return "'" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "'";
    }

    CompileError toError() {
        return new CompileError(line, column, getMessage());
    }
}

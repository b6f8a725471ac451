package net.ztj.controller.rules.compiler;

/** A problem at a word of the source; thrown inside one statement and collected at the statement's boundary. */
final class SourceError extends RuntimeException {
    final int line;
    final int column;

    SourceError(SourceTree.Word at, String message) {
        this(at.line(), at.column(), message);
    }

    SourceError(int line, int column, String message) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    CompileError toError() {
        return new CompileError(line, column, getMessage());
    }
}

package net.ztj.controller.rules.compiler;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits rule source into words and statement ends. Words are runs of characters other than white space and
 * {@code ;}; a {@code ;} is a statement end wherever it stands; a {@code #} at the start of a word comments out the
 * rest of the line (inside a word it is an ordinary character, as in the reference compiler). Lines end at LF, CRLF
 * or a lone CR.
 */
final class Lexer {
    /** A word or (when {@code text} is null) a statement end, at its 1-based position. */
    record Token(String text, int line, int column) {
        boolean isEnd() {
            return text == null;
        }
    }

    private Lexer() {}

    static List<Token> tokens(String source) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\n' || c == '\r') {
                i += c == '\r' && i + 1 < n && source.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                lineStart = i;
            } else if (isSpace(c)) {
                i++;
            } else if (c == ';') {
                out.add(new Token(null, line, i - lineStart + 1));
                i++;
            } else if (c == '#') {
                while (i < n && source.charAt(i) != '\n' && source.charAt(i) != '\r') i++;
            } else {
                int start = i;
                while (i < n && !isBreak(source.charAt(i))) i++;
                out.add(new Token(source.substring(start, i), line, start - lineStart + 1));
            }
        }
        return out;
    }

    private static boolean isBreak(char c) {
        return c == ';' || c == '\n' || c == '\r' || isSpace(c);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}

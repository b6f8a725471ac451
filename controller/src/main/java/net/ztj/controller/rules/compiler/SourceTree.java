package net.ztj.controller.rules.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The block structure of a rule source, built as the reference compiler builds it: every block keyword
 * ({@code macro tag cap drop accept tee watch redirect break priority}, in any case) opens a block that holds the
 * words after it up to the {@code ;} that closes it, and the block follows its keyword in the enclosing list.
 * Unlike the reference, a {@code ;} right after a keyword closes its (empty) block, so {@code drop;} is a whole
 * statement, and blocks still open at the end of the source are closed there.
 */
final class SourceTree {
    /** An element of a block: a word or a nested block. */
    sealed interface Element permits Word, Block {}

    /** A word of the source at its 1-based position. */
    record Word(String text, int line, int column) implements Element {
        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    /** The block opened by {@code opener}: the elements up to its {@code ;}. */
    record Block(Word opener, List<Element> items) implements Element {}

    private SourceTree() {}

    /** The top-level elements of {@code tokens}. */
    static List<Element> build(List<Lexer.Token> tokens) {
        List<Block> open = new ArrayList<>();
        List<Element> top = new ArrayList<>();
        for (Lexer.Token t : tokens) {
            List<Element> current = open.isEmpty() ? top : open.getLast().items();
            if (t.isEnd()) {
                if (!open.isEmpty()) close(open, top);
                continue;
            }
            Word w = new Word(t.text(), t.line(), t.column());
            current.add(w);
            if (Vocabulary.BLOCK_KEYWORDS.contains(w.lower())) open.add(new Block(w, new ArrayList<>()));
        }
        while (!open.isEmpty()) close(open, top);
        return top;
    }

    private static void close(List<Block> open, List<Element> top) {
        Block b = open.removeLast();
        (open.isEmpty() ? top : open.getLast().items()).add(b);
    }
}

package net.ztj.controller.rules.compiler;

import net.ztj.controller.rules.compiler.SourceTree.Block;
import net.ztj.controller.rules.compiler.SourceTree.Element;
import net.ztj.controller.rules.compiler.SourceTree.Word;
import net.ztj.controller.rules.compiler.Values.Arg;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The top-level definitions of a source: macros, tags and capabilities by lower-case name in definition order,
 * and the remaining top-level elements (the base rule set). A definition with an error is reported and left out;
 * its name is remembered so that uses of it do not each report it again.
 */
final class Definitions {
    /** A macro: its parameters (lower-case name to position in the argument list) and its body. */
    record Macro(String name, Map<String, Integer> params, List<Element> body) {}

    /** A tag: its id, default value (or null), and its flag and enum names (lower case) with their values. */
    record Tag(String name, long id, Long defaultValue, Map<String, Long> flags, Map<String, Long> enums) {}

    /** A capability: its id, whether members have it by default, and its rule elements. */
    record Capability(String name, long id, boolean isDefault, List<Element> body) {}

    final Map<String, Macro> macros = new LinkedHashMap<>();
    final Map<String, Tag> tags = new LinkedHashMap<>();
    final Map<String, Capability> capabilities = new LinkedHashMap<>();
    final Set<String> broken = new HashSet<>();
    final List<Element> baseRules = new ArrayList<>();

    /** Reads the definitions among {@code top}, reporting problems to {@code errors}. */
    static Definitions read(List<Element> top, Consumer<SourceError> errors) {
        Definitions d = new Definitions();
        for (int i = 0; i < top.size(); i++) {
            Element e = top.get(i);
            String keyword = e instanceof Word w ? w.lower() : "";
            if (!keyword.equals("macro") && !keyword.equals("tag") && !keyword.equals("cap")) {
                d.baseRules.add(e);
                continue;
            }
            Word at = (Word) e;
            Block block = i + 1 < top.size() && top.get(i + 1) instanceof Block b ? b : null;
            if (block != null) i++;
            try {
                if (block == null || block.items().isEmpty()) {
                    throw new SourceError(at, keyword + " needs a name, then its definition, then ;");
                }
                switch (keyword) {
                    case "macro" -> d.readMacro(block);
                    case "tag" -> d.readTag(block);
                    default -> d.readCapability(block);
                }
            } catch (SourceError error) {
                errors.accept(error);
            }
        }
        return d;
    }

    /** The lower-case name a definition starts with, checked; {@code max} bounds how many of its kind there are. */
    private String name(Block block, String kind, Map<String, ?> existing, int max) {
        Word first = (Word) block.items().getFirst();
        String name = first.lower();
        if (kind.equals("macro") && name.indexOf('(') > 0) name = name.substring(0, name.indexOf('('));
        broken.add(name);
        if (!Vocabulary.isValidName(name)) {
            throw new SourceError(first, SourceError.quote(name) + " is not a valid " + kind + " name: use letters, digits and _,"
                    + " not starting with a digit");
        }
        if (Vocabulary.RESERVED.contains(name)) throw new SourceError(first, SourceError.quote(name) + " is a keyword, not a " + kind + " name");
        if (existing.containsKey(name)) throw new SourceError(first, kind + " " + SourceError.quote(name) + " is already defined");
        if (existing.size() >= max) {
            throw new SourceError(block.opener(), "a network takes at most " + max + " "
                    + (kind.equals("capability") ? "capabilities" : kind + "s"));
        }
        return name;
    }

    private void readMacro(Block block) {
        String name = name(block, "macro", macros, Integer.MAX_VALUE);
        String head = ((Word) block.items().getFirst()).lower();
        Map<String, Integer> params = new LinkedHashMap<>();
        int paren = head.indexOf('(');
        if (paren > 0) {
            // "m($a,$b)": each parameter keeps its position among the comma-separated pieces
            String[] pieces = head.substring(paren + 1).split("[,)]+", -1);
            for (int k = 0; k < pieces.length; k++) if (!pieces[k].isEmpty()) params.put(pieces[k], k);
        }
        macros.put(name, new Macro(name, params, block.items().subList(1, block.items().size())));
        broken.remove(name);
    }

    private void readTag(Block block) {
        String name = name(block, "tag", tags, Vocabulary.MAX_TAGS);
        List<Element> items = block.items();
        Map<String, Long> flags = new LinkedHashMap<>();
        Map<String, Long> enums = new LinkedHashMap<>();
        long id = -1;
        Word dflt = null;
        for (int k = 1; k < items.size(); k++) {
            Word w = word(items.get(k), "tag " + name);
            switch (w.lower()) {
                case "id" -> {
                    if (id >= 0) throw new SourceError(w, "tag " + name + " has a second id");
                    Word value = next(items, k++, w, "a number");
                    id = Values.number(new Arg(value.text(), value), Values.U32_MAX, "a tag id");
                }
                case "default" -> {
                    if (dflt != null) throw new SourceError(w, "tag " + name + " has a second default");
                    dflt = next(items, k++, w, "a value, flag or enum name");
                }
                case "flag" -> {
                    Word bits = next(items, k++, w, "bit indexes or flag names, then a flag name");
                    Word flagName = next(items, k++, w, "a flag name after the bits");
                    long mask = flagMask(bits, flags);
                    flags.put(memberName(flagName, "flag", flags), mask);
                }
                case "enum" -> {
                    Word value = next(items, k++, w, "a value, then a name");
                    Word enumName = next(items, k++, w, "a name after the value");
                    long v = Values.number(new Arg(value.text(), value), Values.U32_MAX, "an enum value");
                    enums.put(memberName(enumName, "enum", enums), v);
                }
                default -> throw new SourceError(w, SourceError.quote(w.text()) + " is not part of a tag definition:"
                        + " expected id, default, flag or enum" + (Vocabulary.BLOCK_KEYWORDS.contains(w.lower())
                        ? " (is the ; that ends tag " + name + " missing?)" : ""));
            }
        }
        if (id < 0) throw new SourceError((Word) items.getFirst(), "tag " + name + " needs an id (id <number>)");
        Long defaultValue = dflt == null ? null : tagValue(new Arg(dflt.text(), dflt), flags, enums, "the default of tag " + name);
        tags.put(name, new Tag(name, id, defaultValue, flags, enums));
        broken.remove(name);
    }

    private void readCapability(Block block) {
        String name = name(block, "capability", capabilities, Vocabulary.MAX_CAPABILITIES);
        List<Element> items = block.items();
        List<Element> body = new ArrayList<>();
        long id = -1;
        boolean isDefault = false;
        for (int k = 1; k < items.size(); k++) {
            String dn = items.get(k) instanceof Word w ? w.lower() : "";
            if (dn.equals("id")) {
                Word w = (Word) items.get(k);
                if (id >= 0) throw new SourceError(w, "capability " + name + " has a second id");
                Word value = next(items, k++, w, "a number");
                id = Values.number(new Arg(value.text(), value), Values.U32_MAX, "a capability id");
                for (Capability other : capabilities.values()) {
                    if (other.id() == id) throw new SourceError(value, "capability " + other.name() + " already has id " + id);
                }
            } else if (dn.equals("default")) {
                isDefault = true;
            } else {
                body.add(items.get(k));
            }
        }
        if (id < 0) throw new SourceError((Word) items.getFirst(), "capability " + name + " needs an id (id <number>)");
        capabilities.put(name, new Capability(name, id, isDefault, body));
        broken.remove(name);
    }

    /** A flag, enum or number as a value of a tag, from 0 to 2^32 - 1. */
    static long tagValue(Arg a, Map<String, Long> flags, Map<String, Long> enums, String what) {
        String lower = a.text().toLowerCase(Locale.ROOT);
        Long named = flags.get(lower);
        if (named == null) named = enums.get(lower);
        if (named != null) return named;
        if (Values.parseNumber(a.text()) < 0) {
            throw new SourceError(a.at(), what + " must be a number or a flag or enum name of the tag, not " + SourceError.quote(a.text()));
        }
        return Values.number(a, Values.U32_MAX, what);
    }

    /** The bits of {@code flag <bits> <name>}: comma-separated bit indexes (0 to 31) or names of earlier flags. */
    private static long flagMask(Word bits, Map<String, Long> flags) {
        long mask = 0;
        for (String piece : bits.text().split(",+", -1)) {
            Long named = flags.get(piece.toLowerCase(Locale.ROOT));
            if (named != null) {
                mask |= named;
                continue;
            }
            long bit = Values.parseNumber(piece);
            if (bit < 0 || bit > 31) {
                throw new SourceError(bits, SourceError.quote(piece) + " is neither a bit index from 0 to 31 nor a flag defined before");
            }
            mask |= 1L << bit;
        }
        return mask;
    }

    private static String memberName(Word w, String kind, Map<String, Long> existing) {
        String name = w.lower();
        if (!Vocabulary.isValidName(name)) {
            throw new SourceError(w, SourceError.quote(w.text()) + " is not a valid " + kind + " name: use letters, digits and _,"
                    + " not starting with a digit");
        }
        if (existing.containsKey(name)) throw new SourceError(w, kind + " " + SourceError.quote(name) + " is already defined in this tag");
        return name;
    }

    /** The word after index {@code k}, which must exist and be a word. */
    private static Word next(List<Element> items, int k, Word after, String expected) {
        if (k + 1 >= items.size()) throw new SourceError(after, SourceError.quote(after.text()) + " must be followed by " + expected);
        return word(items.get(k + 1), SourceError.quote(after.text()));
    }

    /** {@code e} as a word; a nested block here means a keyword stood where a plain word was expected. */
    private static Word word(Element e, String context) {
        if (e instanceof Word w) return w;
        Word opener = ((Block) e).opener();
        throw new SourceError(opener, SourceError.quote(opener.text()) + " is a keyword and cannot be a name or value in " + context);
    }
}

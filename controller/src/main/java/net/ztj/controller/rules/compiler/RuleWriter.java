package net.ztj.controller.rules.compiler;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.rules.compiler.SourceTree.Block;
import net.ztj.controller.rules.compiler.SourceTree.Element;
import net.ztj.controller.rules.compiler.SourceTree.Word;
import net.ztj.controller.rules.compiler.Values.Arg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Writes a rule set (the base rules or a capability's) as the controller's rule objects: for each action its
 * matches in order, then the action, with the field names, number and string forms of ZeroTier's rule JSON
 * (spec 04 §13). Each statement that has an error is reported and left out; writing goes on with the next one.
 */
final class RuleWriter {
    /** Bounds on macro expansion, so that no source makes the compiler loop, recurse deeply or blow up. */
    private static final int MAX_INCLUDE_DEPTH = 32;
    private static final int MAX_INCLUDES = 10_000;
    /** Statements written, included ones counted each time: far above what 1024 rules need. */
    private static final int MAX_STEPS = 100_000;
    private static final Set<String> ACTIONS = Set.of("drop", "accept", "break", "tee", "watch", "redirect", "include");

    private final Definitions definitions;
    private final Consumer<SourceError> errors;
    private final int maxRules;
    private final ArrayNode out = JsonNodeFactory.instance.arrayNode();
    private final Set<String> including = new HashSet<>();
    private int includes;
    private int steps;

    private RuleWriter(Definitions definitions, Consumer<SourceError> errors, int maxRules) {
        this.definitions = definitions;
        this.errors = errors;
        this.maxRules = maxRules;
    }

    /** The rule objects of {@code elements}; problems go to {@code errors}. */
    static ArrayNode write(List<Element> elements, Definitions definitions, Consumer<SourceError> errors, int maxRules) {
        RuleWriter w = new RuleWriter(definitions, errors, maxRules);
        w.actions(elements, Map.of());
        return w.out;
    }

    private void actions(List<Element> items, Map<String, String> params) {
        for (int k = 0; k < items.size(); k++) {
            if (!(items.get(k) instanceof Word w)) continue; // blocks are consumed with their keyword below
            if (++steps > MAX_STEPS) {
                if (steps == MAX_STEPS + 1) errors.accept(new SourceError(w, "the rules expand to too many statements"));
                return;
            }
            Block block = k + 1 < items.size() && items.get(k + 1) instanceof Block b && b.opener() == w ? b : null;
            if (block != null) k++;
            try {
                if (w.lower().equals("include")) {
                    if (k + 1 >= items.size() || !(items.get(k + 1) instanceof Word name)) {
                        throw new SourceError(w, "include needs a macro name, such as include mymacro or include mymacro(22)");
                    }
                    k++;
                    include(name);
                } else {
                    action(w, block, params);
                }
            } catch (SourceError e) {
                if (!e.followsReported) errors.accept(e);
                // after a word that starts no statement, the words up to the next statement belong to it
                if (block == null && !w.lower().equals("include")) {
                    while (k + 1 < items.size() && items.get(k + 1) instanceof Word next && !startsStatement(next)) k++;
                }
            }
        }
    }

    private static boolean startsStatement(Word w) {
        return Vocabulary.BLOCK_KEYWORDS.contains(w.lower()) || w.lower().equals("include");
    }

    private void action(Word w, Block block, Map<String, String> params) {
        String action = w.lower();
        List<Element> args = block == null ? List.of() : block.items();
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        ArrayNode matches = JsonNodeFactory.instance.arrayNode();
        switch (action) {
            case "drop", "accept", "break" -> {
                matches(args, 0, params, matches);
                rule.put("type", "ACTION_" + action.toUpperCase(Locale.ROOT));
            }
            case "tee", "watch" -> {
                if (args.size() < 2 || !(args.get(0) instanceof Word length) || !(args.get(1) instanceof Word target)) {
                    throw new SourceError(w, action + " needs a length (bytes to send, -1 for the whole frame) and a"
                            + " ZeroTier address, such as " + action + " -1 0123456789");
                }
                long len = length.text().equals("-1") ? -1
                        : Values.number(new Arg(length.text(), length), 0xffff, "the " + action + " length");
                String address = Values.ztAddress(new Arg(target.text(), target), "the " + action + " target");
                matches(args, 2, params, matches);
                rule.put("type", "ACTION_" + action.toUpperCase(Locale.ROOT));
                rule.put("address", address);
                rule.put("length", len);
            }
            case "redirect" -> {
                if (args.isEmpty() || !(args.getFirst() instanceof Word target)) {
                    throw new SourceError(w, "redirect needs a ZeroTier address, such as redirect 0123456789");
                }
                String address = Values.ztAddress(new Arg(target.text(), target), "the redirect target");
                matches(args, 1, params, matches);
                rule.put("type", "ACTION_REDIRECT");
                rule.put("address", address);
            }
            case "priority" -> throw new SourceError(w, "priority is not an action the controller's rule JSON carries");
            default -> throw new SourceError(w, SourceError.quote(w.text()) + " is not an action: expected drop, accept, break, tee,"
                    + " watch, redirect or include" + (Vocabulary.MATCH_ARGUMENTS.containsKey(action)
                    ? " (matches go after an action, before its ;)" : Vocabulary.suggestion(action, ACTIONS)));
        }
        if (out.size() + matches.size() + 1 > maxRules) {
            throw new SourceError(w, "this rule set has more than " + maxRules + " rules, the most a network config carries");
        }
        out.addAll(matches);
        out.add(rule);
    }

    private void include(Word name) {
        String text = name.text();
        int paren = text.indexOf('(');
        String macroName = (paren > 0 ? text.substring(0, paren) : text).toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>();
        if (paren > 0) for (String v : text.substring(paren + 1).split("[,)]+")) if (!v.isEmpty()) values.add(v);
        Definitions.Macro macro = definitions.macros.get(macroName);
        if (macro == null) {
            if (definitions.broken.contains(macroName)) throw SourceError.followingReported(name);
            throw new SourceError(name, "no macro named " + SourceError.quote(macroName));
        }
        if (including.contains(macroName)) throw new SourceError(name, "macro " + macroName + " includes itself");
        if (including.size() >= MAX_INCLUDE_DEPTH) throw new SourceError(name, "macros are nested too deeply");
        if (++includes > MAX_INCLUDES) throw new SourceError(name, "too many macro inclusions");
        Map<String, String> params = new HashMap<>();
        for (Map.Entry<String, Integer> p : macro.params().entrySet()) {
            if (p.getValue() >= values.size()) {
                throw new SourceError(name, "macro " + macroName + " needs " + macro.params().size()
                        + " parameter(s): " + String.join(", ", macro.params().keySet()));
            }
            params.put(p.getKey(), values.get(p.getValue()));
        }
        including.add(macroName);
        try {
            actions(macro.body(), params);
        } finally {
            including.remove(macroName);
        }
    }

    private void matches(List<Element> items, int from, Map<String, String> params, ArrayNode into) {
        boolean not = false;
        boolean or = false;
        Word pending = null;
        for (int k = from; k < items.size(); k++) {
            if (!(items.get(k) instanceof Word w)) {
                Word opener = ((Block) items.get(k)).opener();
                throw new SourceError(opener, SourceError.quote(opener.text()) + " is not a match (is the ; before it missing?)");
            }
            String match = w.lower();
            switch (match) {
                case "and" -> { continue; }
                case "not" -> { not = true; pending = w; continue; }
                case "or" -> { or = true; pending = w; continue; }
                default -> { }
            }
            Integer count = Vocabulary.MATCH_ARGUMENTS.get(match);
            if (count == null) {
                throw new SourceError(w, SourceError.quote(w.text()) + " is not a match" + (startsStatement(w)
                        ? " (is the ; before it missing?)" : Vocabulary.suggestion(match, Vocabulary.MATCH_ARGUMENTS.keySet())));
            }
            List<Arg> args = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                if (k + 1 >= items.size() || !(items.get(k + 1) instanceof Word a)
                        || Vocabulary.RESERVED.contains(a.lower())) {
                    throw new SourceError(w, match + " needs " + count + (count == 1 ? " argument" : " arguments")
                            + (k + 1 < items.size() && items.get(k + 1) instanceof Word a
                            ? " (" + SourceError.quote(a.text()) + " is a keyword)" : ""));
                }
                k++;
                args.add(argument(a, params));
            }
            into.add(match(match, args, not, or));
            not = false;
            or = false;
            pending = null;
        }
        if (pending != null) throw new SourceError(pending, SourceError.quote(pending.text()) + " must be followed by a match");
    }

    private static Arg argument(Word a, Map<String, String> params) {
        if (!a.text().startsWith("$")) return new Arg(a.text(), a);
        String value = params.get(a.lower());
        if (value == null) throw new SourceError(a, SourceError.quote(a.text()) + " is not a parameter of the macro being included");
        return new Arg(value, a);
    }

    private ObjectNode match(String match, List<Arg> args, boolean not, boolean or) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        String type = Vocabulary.MATCH_TYPES.get(match);
        if (match.equals("ipsrc") || match.equals("ipdest")) {
            boolean v6 = Values.ipPrefixIsV6(args.getFirst());
            type = "MATCH_IPV" + (v6 ? "6" : "4") + (match.equals("ipsrc") ? "_SOURCE" : "_DEST");
        }
        r.put("type", type);
        r.put("not", not);
        r.put("or", or);
        Arg a = args.getFirst();
        switch (match) {
            case "ztsrc", "ztdest" -> r.put("zt", Values.ztAddress(a, "a ZeroTier address").toLowerCase(Locale.ROOT));
            case "vlan" -> r.put("vlanId", Values.number(a, 4095, "a VLAN id"));
            case "vlanpcp" -> r.put("vlanPcp", Values.number(a, 7, "a VLAN PCP"));
            case "vlandei" -> r.put("vlanDei", Values.number(a, 1, "a VLAN DEI"));
            case "ethertype" -> r.put("etherType", Values.numberOrName(a, Vocabulary.ETHERTYPES, 0xffff, "an ethertype"));
            case "ipprotocol" -> r.put("ipProtocol", Values.numberOrName(a, Vocabulary.IP_PROTOCOLS, 0xff, "an IP protocol"));
            case "macsrc", "macdest" -> r.put("mac", Values.mac(a));
            case "ipsrc", "ipdest" -> r.put("ip", a.text());
            case "random" -> r.put("probability", Values.probability(a));
            case "icmp" -> {
                r.put("icmpType", Values.number(a, 0xff, "an ICMP type"));
                Arg code = args.get(1);
                if (code.text().equals("-1")) r.putNull("icmpCode");
                else r.put("icmpCode", Values.number(code, 0xff, "an ICMP code (-1 for any)"));
            }
            case "sport", "dport", "framesize" -> {
                long[] range = Values.range(a, 0xffff, match.equals("framesize") ? "a frame size" : "a port");
                r.put("start", range[0]);
                r.put("end", range[1]);
            }
            case "iptos" -> {
                r.put("mask", Values.number(a, 0xff, "an IP TOS mask"));
                long[] range = Values.range(args.get(1), 0xff, "an IP TOS value");
                r.put("start", range[0]);
                r.put("end", range[1]);
            }
            case "chr" -> r.put("mask", characteristics(a));
            default -> tagMatch(r, args);
        }
        return r;
    }

    private void tagMatch(ObjectNode r, List<Arg> args) {
        Arg tagArg = args.get(0);
        Arg valueArg = args.get(1);
        String tagName = tagArg.text().toLowerCase(Locale.ROOT);
        Definitions.Tag tag = definitions.tags.get(tagName);
        long id;
        long value;
        if (tag != null) {
            id = tag.id();
            value = Definitions.tagValue(valueArg, tag.flags(), tag.enums(), "a value of tag " + tag.name());
        } else {
            if (Values.parseNumber(tagArg.text()) < 0) {
                if (definitions.broken.contains(tagName)) throw SourceError.followingReported(tagArg.at());
                throw new SourceError(tagArg.at(), "no tag named " + SourceError.quote(tagArg.text()) + " (nor a numeric tag id)");
            }
            id = Values.number(tagArg, Values.U32_MAX, "a tag id");
            value = Values.number(valueArg, Values.U32_MAX, "a tag value");
        }
        r.put("id", id);
        r.put("value", value);
    }

    /** The 64-bit {@code chr} mask as 16 hex digits from comma-separated names or bit indexes (0 to 63). */
    private static String characteristics(Arg a) {
        long mask = 0;
        int bits = 0;
        for (String piece : a.text().split(",+")) {
            if (piece.isEmpty()) continue;
            Integer named = Vocabulary.CHARACTERISTIC_BITS.get(piece.toLowerCase(Locale.ROOT));
            long bit = named != null ? named : Values.parseNumber(piece);
            if (bit < 0 || bit > 63) {
                throw new SourceError(a.at(), SourceError.quote(piece) + " is neither a bit index from 0 to 63 nor one of "
                        + new TreeSet<>(Vocabulary.CHARACTERISTIC_BITS.keySet()));
            }
            mask |= 1L << bit;
            bits++;
        }
        if (bits == 0) throw new SourceError(a.at(), "chr needs at least one characteristic, such as tcp_syn");
        String hex = Long.toHexString(mask);
        return "0".repeat(16 - hex.length()) + hex;
    }
}

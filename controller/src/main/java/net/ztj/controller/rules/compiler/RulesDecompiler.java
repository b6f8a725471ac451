package net.ztj.controller.rules.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.ztj.core.network.rules.Rule;
import net.ztj.core.network.rules.RuleJson;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a network's {@code rules}, {@code capabilities} and {@code tags} JSON back as rule source, so that a
 * network whose rules were set as JSON (with no {@code rulesSource}) can be edited in the language. Compiling the
 * text gives the same JSON back. Tags and capabilities get names made from their ids ({@code tag_1000},
 * {@code cap_7}); tag matches name tags by id. Rules the language cannot write (unknown types, tee or redirect
 * flags, an empty characteristics mask, matches after the last action) make the whole set unwritable.
 */
public final class RulesDecompiler {
    private static final Map<Long, String> ETHERTYPE_NAMES = Map.of(0x0800L, "ipv4", 0x0806L, "arp", 0x86ddL, "ipv6");
    private static final Map<Long, String> PROTOCOL_NAMES = Map.of(1L, "icmp4", 6L, "tcp", 17L, "udp", 58L, "icmp6");
    private static final Map<String, String> MATCH_WORDS = Map.ofEntries(
            Map.entry("MATCH_IPV4_SOURCE", "ipsrc"), Map.entry("MATCH_IPV6_SOURCE", "ipsrc"),
            Map.entry("MATCH_IPV4_DEST", "ipdest"), Map.entry("MATCH_IPV6_DEST", "ipdest"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private RulesDecompiler() {}

    /**
     * The text to edit for a network: its stored source when that still compiles to the stored fields, else the
     * source written from the fields ({@code generated}), else the stored source as it is (possibly empty).
     */
    public record Editable(String source, boolean generated) {}

    /** See {@link Editable}. */
    public static Editable editable(String storedSource, JsonNode rules, JsonNode capabilities, JsonNode tags) {
        String stored = storedSource == null ? "" : storedSource;
        if (!stored.isBlank() && sameRules(RulesCompiler.compile(stored), rules, capabilities, tags)) {
            return new Editable(stored, false);
        }
        return decompile(rules, capabilities, tags).map(s -> new Editable(s, true)).orElse(new Editable(stored, false));
    }

    /** The source of these fields, or empty when some rule cannot be written in the language. */
    public static Optional<String> decompile(JsonNode rules, JsonNode capabilities, JsonNode tags) {
        try {
            StringBuilder out = new StringBuilder();
            Set<String> names = new HashSet<>();
            for (JsonNode t : iterable(tags)) {
                long id = t.path("id").asLong();
                String name = "tag_" + id;
                for (int n = 2; !names.add(name); n++) name = "tag_" + id + "_" + n; // tags may share an id
                out.append("tag ").append(name).append(" id ").append(id);
                if (t.hasNonNull("default")) out.append(" default ").append(t.get("default").asLong());
                out.append(";\n");
            }
            for (JsonNode c : iterable(capabilities)) {
                long id = c.path("id").asLong();
                out.append("cap cap_").append(id).append(" id ").append(id);
                if (c.path("default").asBoolean(false)) out.append(" default");
                out.append('\n');
                statements(c.path("rules"), "\t", out);
                out.append(";\n");
            }
            statements(rules, "", out);
            String source = out.toString();
            return sameRules(RulesCompiler.compile(source), rules, capabilities, tags) ? Optional.of(source) : Optional.empty();
        } catch (IllegalArgumentException unwritable) {
            return Optional.empty();
        }
    }

    /** Whether {@code result} holds the same rules, capabilities and tags as the JSON, as the controller reads them. */
    private static boolean sameRules(CompileResult result, JsonNode rules, JsonNode capabilities, JsonNode tags) {
        if (!(result instanceof CompileResult.Compiled c)) return false;
        if (!parsed(c.rules()).equals(parsed(rules)) || c.capabilities().size() != size(capabilities)
                || c.tags().size() != size(tags)) {
            return false;
        }
        for (int i = 0; i < c.capabilities().size(); i++) {
            JsonNode mine = c.capabilities().get(i), theirs = capabilities.get(i);
            if (mine.get("id").asLong() != theirs.path("id").asLong()
                    || mine.get("default").asBoolean() != theirs.path("default").asBoolean(false)
                    || !parsed(mine.get("rules")).equals(parsed(theirs.path("rules")))) {
                return false;
            }
        }
        for (int i = 0; i < c.tags().size(); i++) {
            JsonNode mine = c.tags().get(i), theirs = tags.get(i);
            JsonNode myDefault = mine.get("default"), theirDefault = theirs.path("default");
            boolean sameDefault = myDefault.isNull() ? !theirs.hasNonNull("default")
                    : theirs.hasNonNull("default") && myDefault.asLong() == theirDefault.asLong();
            if (mine.get("id").asLong() != theirs.path("id").asLong() || !sameDefault) return false;
        }
        return true;
    }

    private static List<Rule> parsed(JsonNode rules) {
        if (rules == null || !rules.isArray()) return List.of();
        return RuleJson.parse(JSON.convertValue(rules, List.class));
    }

    private static int size(JsonNode array) {
        return array == null || !array.isArray() ? 0 : array.size();
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        if (array == null || array.isNull() || array.isMissingNode()) return List.of();
        if (!array.isArray()) throw new IllegalArgumentException("not an array");
        return array;
    }

    /** Each action with the matches before it, one statement a line. */
    private static void statements(JsonNode rules, String indent, StringBuilder out) {
        StringBuilder matches = new StringBuilder();
        for (JsonNode r : iterable(rules)) {
            String type = r.path("type").asText("");
            if (type.startsWith("MATCH_")) {
                if (r.path("or").asBoolean(false)) matches.append(matches.isEmpty() ? "or " : " or ");
                else if (!matches.isEmpty()) matches.append(" and ");
                if (r.path("not").asBoolean(false)) matches.append("not ");
                matches.append(match(type, r));
                continue;
            }
            out.append(indent).append(action(type, r));
            if (!matches.isEmpty()) out.append(' ').append(matches);
            out.append(";\n");
            matches.setLength(0);
        }
        if (!matches.isEmpty()) throw new IllegalArgumentException("matches after the last action");
    }

    private static String action(String type, JsonNode r) {
        if ((type.equals("ACTION_TEE") || type.equals("ACTION_WATCH") || type.equals("ACTION_REDIRECT"))
                && r.path("flags").asLong(0) != 0) {
            throw new IllegalArgumentException("flags");
        }
        return switch (type) {
            case "ACTION_DROP" -> "drop";
            case "ACTION_ACCEPT" -> "accept";
            case "ACTION_BREAK" -> "break";
            case "ACTION_TEE" -> "tee " + r.path("length").asLong() + " " + r.path("address").asText();
            case "ACTION_WATCH" -> "watch " + r.path("length").asLong() + " " + r.path("address").asText();
            case "ACTION_REDIRECT" -> "redirect " + r.path("address").asText();
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static String match(String type, JsonNode r) {
        return switch (type) {
            case "MATCH_SOURCE_ZEROTIER_ADDRESS" -> "ztsrc " + r.path("zt").asText();
            case "MATCH_DEST_ZEROTIER_ADDRESS" -> "ztdest " + r.path("zt").asText();
            case "MATCH_VLAN_ID" -> "vlan " + r.path("vlanId").asLong();
            case "MATCH_VLAN_PCP" -> "vlanpcp " + r.path("vlanPcp").asLong();
            case "MATCH_VLAN_DEI" -> "vlandei " + r.path("vlanDei").asLong();
            case "MATCH_ETHERTYPE" -> "ethertype " + named(r.path("etherType").asLong(), ETHERTYPE_NAMES);
            case "MATCH_IP_PROTOCOL" -> "ipprotocol " + named(r.path("ipProtocol").asLong(), PROTOCOL_NAMES);
            case "MATCH_MAC_SOURCE" -> "macsrc " + r.path("mac").asText();
            case "MATCH_MAC_DEST" -> "macdest " + r.path("mac").asText();
            case "MATCH_IPV4_SOURCE", "MATCH_IPV6_SOURCE", "MATCH_IPV4_DEST", "MATCH_IPV6_DEST" ->
                    MATCH_WORDS.get(type) + " " + r.path("ip").asText();
            case "MATCH_IP_TOS" -> "iptos " + r.path("mask").asLong() + " " + range(r);
            case "MATCH_ICMP" -> "icmp " + r.path("icmpType").asLong() + " "
                    + (r.hasNonNull("icmpCode") ? r.get("icmpCode").asLong() : -1);
            case "MATCH_IP_SOURCE_PORT_RANGE" -> "sport " + range(r);
            case "MATCH_IP_DEST_PORT_RANGE" -> "dport " + range(r);
            case "MATCH_FRAME_SIZE_RANGE" -> "framesize " + range(r);
            case "MATCH_CHARACTERISTICS" -> "chr " + characteristics(r.path("mask"));
            case "MATCH_RANDOM" -> "random " + probability(r.path("probability").asLong());
            case "MATCH_TAGS_DIFFERENCE" -> tag("tdiff", r);
            case "MATCH_TAGS_BITWISE_AND" -> tag("tand", r);
            case "MATCH_TAGS_BITWISE_OR" -> tag("tor", r);
            case "MATCH_TAGS_BITWISE_XOR" -> tag("txor", r);
            case "MATCH_TAGS_EQUAL" -> tag("teq", r);
            case "MATCH_TAG_SENDER" -> tag("tseq", r);
            case "MATCH_TAG_RECEIVER" -> tag("treq", r);
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static String named(long value, Map<Long, String> names) {
        return names.getOrDefault(value, Long.toString(value));
    }

    private static String range(JsonNode r) {
        long start = r.path("start").asLong();
        long end = r.hasNonNull("end") ? r.get("end").asLong() : start;
        return start == end ? Long.toString(start) : start + "-" + end;
    }

    private static String tag(String word, JsonNode r) {
        return word + " " + r.path("id").asLong() + " " + r.path("value").asLong();
    }

    /** Names for the named bits, numbers for the others, most significant first. */
    private static String characteristics(JsonNode maskNode) {
        long mask = maskNode.isTextual() ? Long.parseUnsignedLong(maskNode.asText().replaceFirst("^0[xX]", ""), 16)
                : maskNode.asLong();
        if (mask == 0) throw new IllegalArgumentException("empty characteristics mask");
        StringBuilder out = new StringBuilder();
        for (int bit = 63; bit >= 0; bit--) {
            if ((mask & (1L << bit)) == 0) continue;
            if (!out.isEmpty()) out.append(',');
            String name = null;
            for (Map.Entry<String, Integer> e : Vocabulary.CHARACTERISTIC_BITS.entrySet()) {
                if (e.getValue() == bit) name = e.getKey();
            }
            out.append(name != null ? name : Integer.toString(bit));
        }
        return out.toString();
    }

    /**
     * The shortest decimal number whose threshold (as {@link Values#probability} computes it) is exactly
     * {@code threshold}: 0.25 rather than the 0.24999999982537702 the threshold divides back to.
     */
    private static String probability(long threshold) {
        if (threshold < 0 || threshold > Values.U32_MAX) throw new IllegalArgumentException("probability");
        double p = threshold / 4294967295.0;
        while (Math.floor(4294967295.0 * p) < threshold) p = Math.nextUp(p);
        while (Math.floor(4294967295.0 * p) > threshold) p = Math.nextDown(p);
        BigDecimal exact = new BigDecimal(Math.min(p, 1.0));
        for (int digits = 1; digits <= 24; digits++) {
            for (RoundingMode mode : List.of(RoundingMode.HALF_UP, RoundingMode.CEILING,
                    RoundingMode.FLOOR)) {
                String text = exact.setScale(digits, mode).stripTrailingZeros().toPlainString();
                double v = Double.parseDouble(text);
                if (v <= 1.0 && (long) Math.floor(4294967295.0 * v) == threshold) return text;
            }
        }
        throw new IllegalArgumentException("probability " + threshold);
    }
}

package net.ztj.service.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON exactly as the reference's JSON library (nlohmann/json) does, because clients compare bytes: object
 * keys in ascending order, compact form without spaces ({@code dump()}), indented form with {@code ": "} after
 * keys and one element per line ({@code dump(n)}), {@code []}/{@code {}} for empty containers, control characters
 * escaped as backslash-u and four lower-case hex digits, other characters as they are, and floating-point numbers in nlohmann's
 * shortest form ({@code 1.0}, {@code 0.001}, {@code 1e+16}). Reads strict JSON (one value, nothing after it).
 */
public final class JsonText {
    /**
     * The mapper, made on first use: building trees by hand ({@link #object}, {@link #array}) and writing them does
     * not need it, so a daemon without local.conf answers its first {@code /status} without initialising Jackson's
     * databind (its date formats, time zones and serializer introspection cost 0.1 s in a cold JVM).
     */
    private static final class Mapper {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /** Thrown for text that is not one JSON value; the message imitates the reference's parser where it matters. */
    public static final class SyntaxException extends Exception {
        public SyntaxException(String message) {
            super(message);
        }
    }

    private JsonText() {}

    /** The tree of a record, list or map as Jackson binds it (record components become object keys). */
    public static JsonNode tree(Object value) {
        return Mapper.MAPPER.valueToTree(value);
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode(); // what the mapper would make
    }

    /** A new empty array node. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /**
     * Parses one JSON value.
     *
     * @throws SyntaxException for empty input, malformed JSON or anything after the value
     */
    public static JsonNode parse(String text) throws SyntaxException {
        if (text.isEmpty()) {
            throw new SyntaxException("[json.exception.parse_error.101] parse error at line 1, column 1: attempting to "
                    + "parse an empty input; check that your input string or stream contains the expected JSON");
        }
        try {
            JsonNode node = Mapper.MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new SyntaxException("[json.exception.parse_error.101] parse error at line 1, column 1: syntax "
                        + "error while parsing value - unexpected end of input; expected '[', '{', or a literal");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ";
            String kind = e instanceof JsonParseException ? "syntax error while parsing value - " : "";
            throw new SyntaxException("[json.exception.parse_error.101] parse error " + where + kind + e.getOriginalMessage());
        }
    }

    /** nlohmann's {@code dump()}: no whitespace at all. */
    public static String compact(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, -1, 0, sb);
        return sb.toString();
    }

    /** nlohmann's {@code dump(indent)}: {@code indent} spaces per level. */
    public static String indented(JsonNode node, int indent) {
        StringBuilder sb = new StringBuilder();
        write(node, indent, 0, sb);
        return sb.toString();
    }

    private static void write(JsonNode node, int indent, int level, StringBuilder sb) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, indent, level, sb);
            case ARRAY -> writeArray(node, indent, level, sb);
            case STRING -> quote(node.textValue(), sb);
            case NUMBER -> sb.append(number(node));
            case BOOLEAN -> sb.append(node.booleanValue());
            default -> sb.append("null"); // NULL, MISSING, BINARY, POJO
        }
    }

    private static void writeObject(JsonNode node, int indent, int level, StringBuilder sb) {
        if (node.isEmpty()) {
            sb.append("{}");
            return;
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        entries.addAll(node.properties());
        entries.sort((a, b) -> compareUtf8(a.getKey(), b.getKey()));
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : entries) {
            if (!first) sb.append(',');
            first = false;
            newline(indent, level + 1, sb);
            quote(e.getKey(), sb);
            sb.append(indent >= 0 ? ": " : ":");
            write(e.getValue(), indent, level + 1, sb);
        }
        newline(indent, level, sb);
        sb.append('}');
    }

    private static void writeArray(JsonNode node, int indent, int level, StringBuilder sb) {
        if (node.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) sb.append(',');
            newline(indent, level + 1, sb);
            write(node.get(i), indent, level + 1, sb);
        }
        newline(indent, level, sb);
        sb.append(']');
    }

    private static void newline(int indent, int level, StringBuilder sb) {
        if (indent < 0) return;
        sb.append('\n');
        sb.append(" ".repeat(indent * level));
    }

    /** Orders keys as nlohmann's std::map does: by UTF-8 bytes, which is code point order. */
    static int compareUtf8(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    private static String number(JsonNode node) {
        if (node.isIntegralNumber()) return node.bigIntegerValue().toString();
        return formatDouble(node.doubleValue());
    }

    /** nlohmann's float output: the shortest round-trip digits, laid out by its {@code format_buffer}. */
    static String formatDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return "null";
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        String sign = d < 0 ? "-" : "";
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int k = digits.length();
        int n = k - bd.scale(); // position of the decimal point relative to the first digit
        final int minExp = -4, maxExp = 15;
        String body;
        if (k <= n && n <= maxExp) {
            body = digits + "0".repeat(n - k) + ".0";
        } else if (0 < n && n <= maxExp) {
            body = digits.substring(0, n) + "." + digits.substring(n);
        } else if (minExp < n && n <= 0) {
            body = "0." + "0".repeat(-n) + digits;
        } else {
            int e = n - 1;
            String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = Integer.toString(Math.abs(e));
            body = mantissa + "e" + (e < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
        }
        return sign + body;
    }
}

package net.ztj.controller.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Typed reads of one field of a JSON object, with the conversions ZeroTier's controller applies (spec 04 §12.1:
 * numbers and booleans as names, booleans from numbers and "t"/"1" strings, integers from decimal strings).
 * Missing and null fields give the default; anything that cannot be converted is an {@link InvalidFieldException}.
 */
final class Fields {
    private Fields() {}

    static String string(JsonNode object, String field, String dflt) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return dflt;
        if (v.isTextual()) return v.textValue();
        if (v.isIntegralNumber()) return v.bigIntegerValue().toString();
        if (v.isBoolean()) return v.booleanValue() ? "1" : "0";
        throw new InvalidFieldException(field, "expected a string");
    }

    /** A string or null (null stays null, unlike {@link #string}). */
    static String nullableString(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return null;
        return string(object, field, null);
    }

    static boolean bool(JsonNode object, String field, boolean dflt) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return dflt;
        if (v.isBoolean()) return v.booleanValue();
        if (v.isNumber()) return v.doubleValue() > 0;
        if (v.isTextual()) {
            String s = v.textValue();
            return !s.isEmpty() && (s.charAt(0) == 't' || s.charAt(0) == 'T' || s.charAt(0) == '1');
        }
        throw new InvalidFieldException(field, "expected a boolean");
    }

    static long integer(JsonNode object, String field, long dflt) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return dflt;
        return integer(v, field);
    }

    static long integer(JsonNode v, String field) {
        if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
        if (v.isFloatingPointNumber()) return (long) v.doubleValue();
        if (v.isBoolean()) return v.booleanValue() ? 1 : 0;
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.textValue().trim());
            } catch (NumberFormatException e) {
                throw new InvalidFieldException(field, "expected an integer, got \"" + v.textValue() + "\"");
            }
        }
        throw new InvalidFieldException(field, "expected an integer");
    }

    /** The array at {@code field}, or an empty array when missing or null. */
    static ArrayNode array(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return RecordJson.array();
        if (!v.isArray()) throw new InvalidFieldException(field, "expected an array");
        return (ArrayNode) v;
    }

    static void requireObject(JsonNode v, String field) {
        if (!v.isObject()) throw new InvalidFieldException(field, "expected an object");
    }
}

package net.ztj.service.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nlohmann/json's output forms, and strict parsing. */
class JsonTextTest {
    @Test
    void compactAndIndentedFormsSortKeys() throws Exception {
        JsonNode n = JsonText.parse("{\"b\":[1,{}],\"a\":{\"z\":null,\"Y\":true},\"c\":[],\"s\":\"x\"}");
        assertEquals("{\"a\":{\"Y\":true,\"z\":null},\"b\":[1,{}],\"c\":[],\"s\":\"x\"}", JsonText.compact(n));
        assertEquals("""
                {
                 "a": {
                  "Y": true,
                  "z": null
                 },
                 "b": [
                  1,
                  {}
                 ],
                 "c": [],
                 "s": "x"
                }""", JsonText.indented(n, 1));
        assertEquals("{\n    \"k\": [\n        1\n    ]\n}", JsonText.indented(JsonText.parse("{\"k\":[1]}"), 4));
    }

    @Test
    void stringsAreEscapedAsNlohmannDoes() throws Exception {
        JsonNode n = JsonText.parse("\"q\\\" b\\\\ \\n\\t\\u0001 / \\u00e9 \\u007f\"");
        assertEquals("\"q\\\" b\\\\ \\n\\t\\u0001 / é \u007f\"", JsonText.compact(n));
    }

    @Test
    void numbersKeepTheirFormIncludingUnsigned64Bit() throws Exception {
        assertEquals("[18446744073709551615,-1,0]", JsonText.compact(JsonText.parse("[18446744073709551615,-1,0]")));
        assertEquals("1.0", JsonText.formatDouble(1.0));
        assertEquals("0.5", JsonText.formatDouble(0.5));
        assertEquals("123.456", JsonText.formatDouble(123.456));
        assertEquals("0.001", JsonText.formatDouble(0.001));
        assertEquals("1e-05", JsonText.formatDouble(0.00001));
        assertEquals("1e+16", JsonText.formatDouble(1e16));
        assertEquals("100000000000000.0", JsonText.formatDouble(1e14));
        assertEquals("1.5e+300", JsonText.formatDouble(1.5e300));
        assertEquals("-0.0", JsonText.formatDouble(-0.0));
    }

    @Test
    void parsingIsStrict() {
        JsonText.SyntaxException empty = assertThrows(JsonText.SyntaxException.class, () -> JsonText.parse(""));
        assertEquals("[json.exception.parse_error.101] parse error at line 1, column 1: attempting to parse an empty "
                + "input; check that your input string or stream contains the expected JSON", empty.getMessage());
        assertThrows(JsonText.SyntaxException.class, () -> JsonText.parse("{bad"));
        assertThrows(JsonText.SyntaxException.class, () -> JsonText.parse("{} {}"));
        assertThrows(JsonText.SyntaxException.class, () -> JsonText.parse("   "));
        JsonText.SyntaxException bad = assertThrows(JsonText.SyntaxException.class, () -> JsonText.parse("{bad"));
        assertTrue(bad.getMessage().startsWith("[json.exception.parse_error.101] parse error at line 1, column 2"),
                bad.getMessage());
    }

    @Test
    void lenientReadersMatchTheReference() throws Exception {
        JsonNode n = JsonText.parse("{\"t\":\"true\",\"T\":\"True\",\"one\":\"1\",\"yes\":\"yes\",\"n\":2,\"z\":0,"
                + "\"neg\":-3,\"s\":\"12abc\",\"x\":\"abc\",\"o\":{},\"b\":true,\"f\":1.9}");
        assertTrue(JsonValues.bool(n.get("t"), false));
        assertTrue(JsonValues.bool(n.get("T"), false));
        assertTrue(JsonValues.bool(n.get("one"), false));
        assertEquals(false, JsonValues.bool(n.get("yes"), true));
        assertTrue(JsonValues.bool(n.get("n"), false));
        assertEquals(false, JsonValues.bool(n.get("z"), true));
        assertTrue(JsonValues.bool(n.get("neg"), false));
        assertTrue(JsonValues.bool(n.get("o"), true), "an object gives the default");
        assertTrue(JsonValues.bool(null, true));
        assertEquals(12, JsonValues.integer(n.get("s"), 7));
        assertEquals(0, JsonValues.integer(n.get("x"), 7));
        assertEquals(7, JsonValues.integer(n.get("o"), 7));
        assertEquals(1, JsonValues.integer(n.get("b"), 7));
        assertEquals(1, JsonValues.integer(n.get("f"), 7));
        assertEquals("12abc", JsonValues.string(n.get("s"), "-"));
        assertEquals("2", JsonValues.string(n.get("n"), "-"));
        assertEquals("18446744073709551613", JsonValues.string(n.get("neg"), "-"));
        assertEquals("1", JsonValues.string(n.get("b"), "-"));
        assertEquals("-", JsonValues.string(n.get("o"), "-"));
        assertEquals(-1L, JsonValues.leadingDecimal("99999999999999999999999"));
    }
}

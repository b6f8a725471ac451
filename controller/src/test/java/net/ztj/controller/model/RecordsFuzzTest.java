package net.ztj.controller.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Jazzer targets for the controller's records as stored or submitted through the API: JSON bytes parse (or are
 * refused as not JSON, {@link IllegalArgumentException}) and bind to a {@link NetworkRecord} or {@link MemberRecord}
 * or are refused with {@link InvalidFieldException}; a record's JSON binds back to a record with the same JSON.
 * Corpus replayed in the normal build; {@code scripts/fuzz.sh} fuzzes them.
 */
class RecordsFuzzTest {
    @FuzzTest
    void network(byte[] input) {
        JsonNode doc = json(input);
        if (doc == null) return;
        NetworkRecord r;
        try {
            r = NetworkRecord.fromJson(doc);
        } catch (InvalidFieldException refused) {
            return;
        }
        String text = r.toJsonText();
        assertEquals(text, NetworkRecord.fromJson(RecordJson.parse(text)).toJsonText());
    }

    @FuzzTest
    void member(byte[] input) {
        JsonNode doc = json(input);
        if (doc == null) return;
        MemberRecord r;
        try {
            r = MemberRecord.fromJson(doc);
        } catch (InvalidFieldException refused) {
            return;
        }
        String text = r.toJsonText();
        assertEquals(text, MemberRecord.fromJson(RecordJson.parse(text)).toJsonText());
    }

    private static JsonNode json(byte[] input) {
        try {
            return RecordJson.parse(new String(input, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }
}

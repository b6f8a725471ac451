package net.ztj.controller.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MemberRecordTest {
    private static final JsonNode API = Vectors.json("controller_api_examples.json");

    @Test
    void newMemberHasTheReferenceDefaults() {
        JsonNode expected = API.get("POST /controller/network/{id}/member/{addr} with body {}").get("response");
        MemberRecord m = MemberRecord.newMember(expected.get("nwid").textValue(), expected.get("id").textValue(),
                expected.get("creationTime").longValue());
        assertJson(expected, m.withRevision(1).toJson());
    }

    @Test
    void storedDocumentsRoundTrip() {
        for (String key : new String[] {"POST /controller/network/{id}/member/{addr} with body {}",
                "POST /controller/network/{id}/member/{addr} example", "DELETE member"}) {
            JsonNode doc = API.get(key).get("response");
            assertJson(doc, MemberRecord.fromJson(doc).toJson());
        }
        for (JsonNode doc : API.get("GET /controller/network/{id}/member").get("response")) {
            if (doc.isObject() && doc.has("objtype")) assertJson(doc, MemberRecord.fromJson(doc).toJson());
        }
    }

    @Test
    void normalizesAssignmentsTagsAndCapabilities() {
        ObjectNode request = API.get("POST /controller/network/{id}/member/{addr} example").get("request").deepCopy();
        MemberRecord m = MemberRecord.fromJson(request);
        assertEquals(List.of("10.147.17.5", "fd00:1234::5"), m.ipAssignments());
        assertEquals(List.of(new MemberTag(100, 5), new MemberTag(300, 7)), m.tags());
        assertEquals(List.of(3L, 7L), m.capabilities());
        assertEquals("{\"nwid\":\"8056c2e21c000001\",\"tags\":[[1,2]]}", RecordJson.write(RecordJson.parse(
                "{\"tags\":[[1,2]],\"nwid\":\"8056c2e21c000001\"}")));
    }

    @Test
    void illTypedFieldsAreNamed() {
        assertEquals("ipAssignments[1]", field("{\"ipAssignments\":[\"10.0.0.1\",5]}"));
        assertEquals("authorized", field("{\"authorized\":[]}"));
        assertEquals("capabilities[0]", field("{\"capabilities\":[\"x\"]}"));
        assertEquals("tags[0][1]", field("{\"tags\":[[1,{}]]}"));
    }

    /** Compares as stored text: Jackson's int and long nodes differ, their JSON does not. */
    static void assertJson(JsonNode expected, JsonNode actual) {
        assertEquals(RecordJson.write(expected), RecordJson.write(actual));
    }

    private static String field(String json) {
        return assertThrows(InvalidFieldException.class, () -> MemberRecord.fromJson(RecordJson.parse(json))).field();
    }
}

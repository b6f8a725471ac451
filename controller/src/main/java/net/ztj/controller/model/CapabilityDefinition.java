package net.ztj.controller.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A capability of a network ({@code capabilities[]}): its id, whether members get it by default, and its rules,
 * kept as the JSON tree of rule objects (spec 04 §13) for the rule codec to parse.
 */
public record CapabilityDefinition(long id, boolean isDefault, ArrayNode rules) {

    static CapabilityDefinition fromJson(JsonNode element, String path) {
        Fields.requireObject(element, path);
        JsonNode id = element.get("id");
        if (id == null || id.isNull()) throw new InvalidFieldException(path + ".id", "missing");
        return new CapabilityDefinition(Fields.integer(id, path + ".id"), Fields.bool(element, "default", false),
                NetworkRecord.rulesFromJson(element, "rules", path + ".rules", RecordJson.array()));
    }

    ObjectNode toJson() {
        ObjectNode o = RecordJson.object();
        o.put("default", isDefault);
        o.put("id", id);
        o.set("rules", rules.deepCopy());
        return o;
    }
}

package net.ztj.controller.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A tag of a network ({@code tags[]}): its id and the value members get by default, or null for none. */
public record TagDefinition(long id, Long defaultValue) {

    static TagDefinition fromJson(JsonNode element, String path) {
        Fields.requireObject(element, path);
        JsonNode id = element.get("id");
        if (id == null || id.isNull()) throw new InvalidFieldException(path + ".id", "missing");
        JsonNode d = element.get("default");
        Long dflt = d == null || d.isNull() ? null : Fields.integer(d, path + ".default");
        return new TagDefinition(Fields.integer(id, path + ".id"), dflt);
    }

    ObjectNode toJson() {
        ObjectNode o = RecordJson.object();
        if (defaultValue == null) o.putNull("default");
        else o.put("default", defaultValue);
        o.put("id", id);
        return o;
    }
}

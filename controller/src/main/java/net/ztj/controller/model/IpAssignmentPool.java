package net.ztj.controller.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A range of addresses the controller assigns from ({@code ipAssignmentPools[]}), both ends canonical, same family. */
public record IpAssignmentPool(String ipRangeStart, String ipRangeEnd) {

    /** Binds one element; null when the reference drops it (missing end, invalid address, mixed families). */
    static IpAssignmentPool fromJson(JsonNode element) {
        if (!element.isObject()) return null;
        JsonNode s = element.get("ipRangeStart");
        JsonNode e = element.get("ipRangeEnd");
        if (s == null || e == null || !s.isTextual() || !e.isTextual()) return null;
        byte[] start = IpText.parse(s.textValue());
        byte[] end = IpText.parse(e.textValue());
        if (start == null || end == null || start.length != end.length) return null;
        return new IpAssignmentPool(IpText.format(start), IpText.format(end));
    }

    ObjectNode toJson() {
        ObjectNode o = RecordJson.object();
        o.put("ipRangeEnd", ipRangeEnd);
        o.put("ipRangeStart", ipRangeStart);
        return o;
    }
}

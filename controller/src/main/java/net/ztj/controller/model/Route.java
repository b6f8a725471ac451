package net.ztj.controller.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * One managed route of a network: {@code target} is canonical {@code "ip/bits"}, {@code via} a gateway of the
 * same family or null (on-link).
 */
public record Route(String target, String via) {

    /** Binds one {@code routes[]} element; null when the reference would drop it (invalid target). */
    static Route fromJson(JsonNode element) {
        if (!element.isObject()) return null;
        JsonNode t = element.get("target");
        if (t == null || !t.isTextual()) return null;
        String target = IpText.canonicalCidr(t.textValue());
        if (target == null) return null;
        byte[] targetIp = IpText.parse(target.substring(0, target.indexOf('/')));
        String via = null;
        JsonNode v = element.get("via");
        if (v != null && v.isTextual()) {
            byte[] viaIp = IpText.parse(v.textValue());
            if (viaIp != null && viaIp.length == targetIp.length) via = IpText.format(viaIp);
        }
        return new Route(target, via);
    }

    ObjectNode toJson() {
        ObjectNode o = RecordJson.object();
        o.put("target", target);
        if (via == null) o.putNull("via");
        else o.put("via", via);
        return o;
    }

    @Override
    public String toString() {
        return target + (via == null ? "" : " via " + via);
    }
}

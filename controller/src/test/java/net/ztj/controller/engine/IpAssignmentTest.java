package net.ztj.controller.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.core.identity.Address;
import net.ztj.vectors.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** controller_ip_assignment.json: the addresses a 1.14.1 controller issued, in its order (spec 04 §6). */
class IpAssignmentTest {
    private static final JsonNode CASES = Vectors.json("controller_ip_assignment.json").get("cases");

    private static NetworkRecord network(JsonNode c, JsonNode previousNetwork) {
        JsonNode n = c.get("network").isObject() ? c.get("network") : previousNetwork;
        ObjectNode doc = n.deepCopy();
        doc.put("id", c.get("networkId").asText());
        doc.put("nwid", c.get("networkId").asText());
        return NetworkRecord.fromJson(doc);
    }

    private static MemberRecord member(JsonNode c, List<String> assignments) {
        MemberRecord fresh = MemberRecord.newMember(c.get("networkId").asText(), c.get("memberAddress").asText(), 1);
        ObjectNode doc = (ObjectNode) fresh.toJson();
        ArrayNode ips = doc.putArray("ipAssignments");
        assignments.forEach(ips::add);
        return MemberRecord.fromJson(doc);
    }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static IpAssignment.Result run(JsonNode c, NetworkRecord net, List<String> assignments) {
        return IpAssignment.assign(net, member(c, assignments), Long.parseUnsignedLong(c.get("networkId").asText(), 16),
                Address.parse(c.get("memberAddress").asText()), Set.of(), new SplittableRandom(1));
    }

    @Test
    void everyObservedCase() {
        assertEquals(3, CASES.size());
        JsonNode previous = null;
        for (JsonNode c : CASES) {
            NetworkRecord net = network(c, previous);
            if (c.get("network").isObject()) previous = c.get("network");
            IpAssignment.Result r = run(c, net, List.of());
            assertEquals(strings(c.get("member_ipAssignments_after")), r.ipAssignments(), c.get("memberAddress").asText());
            if (c.has("config_static_ips_in_order")) {
                assertEquals(strings(c.get("config_static_ips_in_order")), r.staticIps());
                assertEquals(Long.parseUnsignedLong(c.get("config_flags").asText(), 16) & 0x04, r.ndpEmulation() ? 4L : 0L);
            }
            if (c.has("then_api_sets_member_ipAssignments")) {
                IpAssignment.Result explicit = run(c, net, strings(c.get("then_api_sets_member_ipAssignments")));
                assertEquals(strings(c.get("config_static_ips_after")), explicit.staticIps(),
                        "longest containing route; addresses outside every route left out");
                assertEquals(strings(c.get("then_api_sets_member_ipAssignments")), explicit.ipAssignments(),
                        "no pool address once one is assigned explicitly");
            }
        }
    }

    @Test
    void takenAddressesAreSkippedAndNoAutoAssignIsHonoured() {
        JsonNode c = CASES.get(0);
        NetworkRecord net = network(c, null);
        IpAssignment.Result r = IpAssignment.assign(net, member(c, List.of()), Long.parseUnsignedLong(c.get("networkId").asText(), 16),
                Address.parse(c.get("memberAddress").asText()), Set.of("10.147.17.10", "fd00:1234::5a:1a7e:56c0"),
                new SplittableRandom(2));
        assertTrue(r.ipAssignments().contains("10.147.17.11"), r.ipAssignments().toString());
        assertEquals(2, r.ipAssignments().size());
        assertTrue(r.ipAssignments().get(0).startsWith("fd00:1234:"), "a random address from the IPv6 pool");

        MemberRecord manual = member(c, List.of());
        ObjectNode doc = (ObjectNode) manual.toJson();
        doc.put("noAutoAssignIps", true);
        IpAssignment.Result none = IpAssignment.assign(net, MemberRecord.fromJson(doc), 1, Address.parse("5a1a7e56c0"),
                Set.of(), new SplittableRandom(3));
        assertEquals(List.of(), none.staticIps());
        assertEquals(List.of(), none.ipAssignments());
    }
}

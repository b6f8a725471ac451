package net.ztj.service.dns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Networks, members and queries for the DNS tests. */
final class DnsFixtures {
    static final String NWID = "8056c2e21c000001";
    static final long NETWORK_ID = Long.parseUnsignedLong(NWID, 16);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DnsFixtures() {}

    /** A network with 10.147.17.0/24 managed, RFC4193 on, and the given domain (null: no dns). */
    static NetworkRecord network(String domain) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", NWID).put("nwid", NWID).put("name", "test");
        o.putArray("routes").addObject().put("target", "10.147.17.0/24");
        o.putObject("v6AssignMode").put("rfc4193", true).put("zt", false).put("6plane", false);
        if (domain != null) o.putObject("dns").put("domain", domain).putArray("servers").add("10.147.17.1");
        return NetworkRecord.fromJson(o);
    }

    static MemberRecord member(String address, String name, boolean authorized, String... ips) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", address).put("address", address).put("nwid", NWID).put("authorized", authorized);
        if (name != null) o.put("name", name);
        var a = o.putArray("ipAssignments");
        for (String ip : ips) a.add(ip);
        return MemberRecord.fromJson(o);
    }

    static byte[] query(String name, int type) {
        return query(name, type, DClass.IN);
    }

    static byte[] query(String name, int type, int dclass) {
        try {
            return Message.newQuery(Record.newRecord(Name.fromString(name), type, dclass)).toWire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Message parse(byte[] wire) {
        try {
            return new Message(wire);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

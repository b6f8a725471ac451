package net.ztj.controller.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.controller.model.MemberRecord;
import net.ztj.controller.model.NetworkRecord;
import net.ztj.core.network.config.DnsConfig;
import net.ztj.core.network.config.IpNetworkPrefix;
import net.ztj.core.wire.IpText;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The network's dns object read as ZeroTier One 1.14's controller reads it into the DNS blob. */
class PushedDnsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DnsConfig read(String json) throws Exception {
        return PushedDns.fromJson(JSON.readTree(json));
    }

    private static IpNetworkPrefix ip(String text, int port) {
        return new IpNetworkPrefix(IpText.parse(text), port);
    }

    @Test
    void serversKeepTheirSlotAndAnEntryThatIsNoAddressLeavesItsSlotEmpty() throws Exception {
        DnsConfig d = read("{\"domain\":\"zt.example\",\"servers\":[\"nope\",\"10.0.0.1\",\"fd00::1/5353\"]}");
        assertEquals("zt.example", d.domain());
        assertEquals(Arrays.asList(null, ip("10.0.0.1", 0), ip("fd00::1", 5353)), d.slots());
        assertEquals(List.of(ip("10.0.0.1", 0), ip("fd00::1", 5353)), d.servers());
    }

    @Test
    void onlyTheFirstFourEntriesAreRead() throws Exception {
        DnsConfig d = read("{\"domain\":\"x\",\"servers\":[1,2,3,4,\"10.0.0.5\"]}");
        assertEquals(List.of(), d.slots(), "numbers are no addresses, and the fifth entry is never read");
    }

    @Test
    void textWithADotOrColonThatDoesNotParseIsTheZeroAddress() {
        assertEquals(ip("0.0.0.0", 0), PushedDns.server("foo.bar"));
        assertEquals(ip("::", 53), PushedDns.server("zz:zz/53x"));
        assertEquals(ip("10.0.0.1", 0xffff), PushedDns.server("10.0.0.1/-1"));
        assertNull(PushedDns.server("a".repeat(60) + ".1234"), "64 bytes and more are no address");
    }

    @Test
    void theDomainIsTheValueAsTextAndNothingWithoutADnsObject() throws Exception {
        assertEquals("1", read("{\"domain\":true}").domain());
        assertEquals("42", read("{\"domain\":42}").domain());
        assertEquals("", read("{\"domain\":null}").domain());
        assertEquals(DnsConfig.NONE, read("[]"));
        assertEquals(128, read("{\"domain\":\"" + "d".repeat(200) + "\"}").domain().length());
    }

    @Test
    void ownServersFillOnlyADomainWithoutServers() throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", "8056c2e21c000001").put("nwid", "8056c2e21c000001");
        n.putArray("routes").addObject().put("target", "10.147.17.0/24");
        n.putObject("v6AssignMode").put("rfc4193", true);
        NetworkRecord net = NetworkRecord.fromJson(n);
        ObjectNode m = JSON.createObjectNode();
        m.put("id", "8056c2e21c").put("address", "8056c2e21c").put("nwid", "8056c2e21c000001").put("authorized", true);
        m.putArray("ipAssignments").add("10.147.17.1");
        MemberRecord self = MemberRecord.fromJson(m);
        DnsConfig filled = PushedDns.withOwnServers(new DnsConfig("zt.example", List.of()), net, self, 0x8056c2e21c000001L);
        assertEquals(List.of(ip("10.147.17.1", 0), ip("fd80:56c2:e21c:0:199:9380:56c2:e21c", 0)), filled.servers());
        DnsConfig given = new DnsConfig("zt.example", List.of(ip("10.0.0.9", 0)));
        assertEquals(given, PushedDns.withOwnServers(given, net, self, 0x8056c2e21c000001L));
        assertEquals(DnsConfig.NONE, PushedDns.withOwnServers(DnsConfig.NONE, net, self, 0x8056c2e21c000001L));
    }
}

package net.ztj.service.dns;

import net.ztj.controller.model.MemberRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import static net.ztj.service.dns.DnsFixtures.NETWORK_ID;
import static net.ztj.service.dns.DnsFixtures.member;
import static net.ztj.service.dns.DnsFixtures.network;
import static net.ztj.service.dns.DnsFixtures.parse;
import static net.ztj.service.dns.DnsFixtures.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsResponderTest {
    private final ZoneBook book = new ZoneBook();
    private final DnsCounters counters = new DnsCounters();
    private final DnsResponder responder = new DnsResponder(book::zones, counters);
    private MemberRecord alpha;

    @BeforeEach
    void zone() {
        book.networkChanged(null, network("zt.example"));
        alpha = member("a1b2c3d4e5", "Alpha Box", true, "10.147.17.5");
        book.memberChanged(null, alpha);
        book.memberChanged(null, member("0102030405", null, true, "10.147.17.6"));
    }

    private Message ask(String name, int type) {
        byte[] q = query(name, type);
        return parse(responder.answer(q, 0, q.length, false, id -> true));
    }

    private static List<String> answers(Message m) {
        return m.getSection(Section.ANSWER).stream().map(r -> r.rdataToString()).toList();
    }

    @Test
    void memberNameAndAddressResolveToItsManagedAddresses() throws Exception {
        Message a = ask("alpha-box.zt.example.", Type.A);
        assertEquals(Rcode.NOERROR, a.getRcode());
        assertTrue(a.getHeader().getFlag(Flags.AA));
        assertFalse(a.getHeader().getFlag(Flags.RA));
        assertEquals(List.of("10.147.17.5"), answers(a));
        assertEquals(List.of("10.147.17.5"), answers(ask("A1B2C3D4E5.ZT.Example.", Type.A)));
        assertEquals(List.of("10.147.17.6"), answers(ask("0102030405.zt.example.", Type.A)));
        // the RFC4193 address the network computes for the member
        assertEquals(List.of("fd80:56c2:e21c:0:199:93a1:b2c3:d4e5"), answers(ask("alpha-box.zt.example.", Type.AAAA)));
        assertEquals(2, answers(ask("alpha-box.zt.example.", Type.ANY)).size());
    }

    @Test
    void unknownNamesAreNxdomainWithTheZonesSoaAndOtherTypesEmpty() {
        Message m = ask("nobody.zt.example.", Type.A);
        assertEquals(Rcode.NXDOMAIN, m.getRcode());
        assertEquals(Type.SOA, m.getSection(Section.AUTHORITY).get(0).getType());
        assertEquals(Rcode.NXDOMAIN, ask("x.alpha-box.zt.example.", Type.A).getRcode());
        Message mx = ask("alpha-box.zt.example.", Type.MX);
        assertEquals(Rcode.NOERROR, mx.getRcode());
        assertTrue(mx.getSection(Section.ANSWER).isEmpty());
        assertEquals(Type.SOA, ask("zt.example.", Type.SOA).getSection(Section.ANSWER).get(0).getType());
    }

    @Test
    void renamesAndDeauthorizationsShowInTheNextAnswer() {
        MemberRecord renamed = member("a1b2c3d4e5", "beta", true, "10.147.17.5");
        book.memberChanged(alpha, renamed);
        assertEquals(Rcode.NXDOMAIN, ask("alpha-box.zt.example.", Type.A).getRcode());
        assertEquals(List.of("10.147.17.5"), answers(ask("beta.zt.example.", Type.A)));
        book.memberChanged(renamed, member("a1b2c3d4e5", "beta", false, "10.147.17.5"));
        assertEquals(Rcode.NXDOMAIN, ask("beta.zt.example.", Type.A).getRcode());
        assertEquals(Rcode.NXDOMAIN, ask("a1b2c3d4e5.zt.example.", Type.A).getRcode());
    }

    @Test
    void removingTheDomainRemovesTheZone() {
        book.networkChanged(network("zt.example"), network(null));
        assertEquals(Rcode.REFUSED, ask("alpha-box.zt.example.", Type.A).getRcode());
    }

    @Test
    void reverseNamesOfManagedAddressesGivePtr() throws Exception {
        Name reverse = ReverseMap.fromAddress(InetAddress.getByName("10.147.17.5"));
        Message m = ask(reverse.toString(), Type.PTR);
        assertEquals(List.of("alpha-box.zt.example.", "a1b2c3d4e5.zt.example."), answers(m));
        Name v6 = ReverseMap.fromAddress(InetAddress.getByName("fd80:56c2:e21c:0:199:93a1:b2c3:d4e5"));
        assertEquals(2, answers(ask(v6.toString(), Type.PTR)).size());
        assertEquals(Rcode.REFUSED, ask(ReverseMap.fromAddress(InetAddress.getByName("10.147.17.99")).toString(),
                Type.PTR).getRcode());
    }

    @Test
    void otherZonesClassesAndTransfersAreRefused() {
        assertEquals(Rcode.REFUSED, ask("example.com.", Type.A).getRcode());
        byte[] chaos = query("alpha-box.zt.example.", Type.TXT, DClass.CH);
        assertEquals(Rcode.REFUSED, parse(responder.answer(chaos, 0, chaos.length, false, id -> true)).getRcode());
        assertEquals(Rcode.REFUSED, ask("zt.example.", Type.AXFR).getRcode());
        byte[] q = query("alpha-box.zt.example.", Type.A);
        assertEquals(Rcode.REFUSED, parse(responder.answer(q, 0, q.length, false, id -> id != NETWORK_ID)).getRcode(),
                "a listener of another network does not answer for this one");
    }

    @Test
    void badQueriesGetFormerrOrNotimpOrNothing() throws Exception {
        byte[] q = query("alpha-box.zt.example.", Type.A);
        Message cut = parse(responder.answer(q, 0, q.length - 3, false, id -> true));
        assertEquals(Rcode.FORMERR, cut.getRcode());
        assertEquals(parse(q).getHeader().getID(), cut.getHeader().getID());
        assertNull(responder.answer(q, 0, 11, false, id -> true), "shorter than a header");
        byte[] response = q.clone();
        response[2] |= (byte) 0x80;
        assertNull(responder.answer(response, 0, response.length, false, id -> true), "a response is not answered");

        Message two = Message.newQuery(Record.newRecord(Name.fromString("a.zt.example."), Type.A, DClass.IN));
        two.addRecord(Record.newRecord(Name.fromString("b.zt.example."), Type.A, DClass.IN), Section.QUESTION);
        byte[] w = two.toWire();
        assertEquals(Rcode.FORMERR, parse(responder.answer(w, 0, w.length, false, id -> true)).getRcode());

        Message notify = Message.newQuery(Record.newRecord(Name.fromString("zt.example."), Type.SOA, DClass.IN));
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        byte[] n = notify.toWire();
        assertEquals(Rcode.NOTIMP, parse(responder.answer(n, 0, n.length, false, id -> true)).getRcode());

        byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0xff);
        garbage[2] = 0;
        assertEquals(Rcode.FORMERR, parse(responder.answer(garbage, 0, garbage.length, false, id -> true)).getRcode());
        assertEquals(3, counters.formerr.sum());
        assertEquals(2, counters.dropped.sum());
    }

    @Test
    void udpAnswersOverTheLimitAreTruncatedAndTcpOnesAreNot() throws Exception {
        String[] ips = new String[60];
        for (int i = 0; i < ips.length; i++) ips[i] = "10.147.17." + (10 + i);
        book.memberChanged(null, member("0a0b0c0d0e", "big", true, ips));
        byte[] q = query("big.zt.example.", Type.A);
        byte[] udp = responder.answer(q, 0, q.length, false, id -> true);
        assertTrue(udp.length <= DnsResponder.UDP_PLAIN);
        assertTrue(parse(udp).getHeader().getFlag(Flags.TC));
        assertEquals(1, counters.truncated.sum());
        Message tcp = parse(responder.answer(q, 0, q.length, true, id -> true));
        assertFalse(tcp.getHeader().getFlag(Flags.TC));
        assertEquals(31, tcp.getSection(Section.ANSWER).size(), "32 static IPs at most, the first the RFC4193 one");

        Message edns = Message.newQuery(Record.newRecord(Name.fromString("big.zt.example."), Type.A, DClass.IN));
        edns.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        byte[] e = edns.toWire();
        byte[] bigger = responder.answer(e, 0, e.length, false, id -> true);
        assertTrue(bigger.length > DnsResponder.UDP_PLAIN && bigger.length <= DnsResponder.UDP_MAX);
    }
}

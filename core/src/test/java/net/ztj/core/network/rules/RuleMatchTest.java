package net.ztj.core.network.rules;

import net.ztj.core.network.rules.Rule.*;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static net.ztj.core.network.rules.Direction.INBOUND;
import static net.ztj.core.network.rules.Direction.OUTBOUND;
import static net.ztj.core.network.rules.Frames.*;
import static net.ztj.core.network.rules.RuleFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** Each match type of spec 03 §9.5 against frames that match, do not match, and cannot be judged. */
class RuleMatchTest {
    private static final int SRC4 = v4(10, 147, 17, 5);
    private static final int DST4 = v4(192, 168, 1, 1);
    private static final byte[] SRC6 = v6("fd001234000000000000000000000001");
    private static final byte[] DST6 = v6("fe800000000000000000000000000001");
    private static final RuleFrame TCP4 = ipv4(OUTBOUND, Frames.ipv4(6, SRC4, DST4, 0x28, tcp(40000, 22, 0x002)));
    private static final RuleFrame UDP4 = ipv4(OUTBOUND, Frames.ipv4(17, SRC4, DST4, 0, udp(5353, 53)));
    private static final RuleFrame PING4 = ipv4(OUTBOUND, Frames.ipv4(1, SRC4, DST4, 0, icmp(8, 0)));
    private static final RuleFrame TCP6 = ipv6(INBOUND, Frames.ipv6(6, SRC6, DST6, 0x28, tcp(40000, 443, 0x012)));
    private static final RuleFrame ARP = frame(OUTBOUND, RuleFrame.ETHERTYPE_ARP, arp(SRC4, DST4));

    /** Asserts that neither the match nor its negation is true: the "hardNo" outcome. */
    private static void assertHardNo(Match m, RuleFrame f) {
        assertFalse(matches(m, f), "match");
        assertFalse(matches(negate(m), f), "negated");
    }

    private static void assertMatch(Match m, RuleFrame f) {
        assertTrue(matches(m, f), "match");
        assertFalse(matches(negate(m), f), "negated");
    }

    private static void assertNoMatch(Match m, RuleFrame f) {
        assertFalse(matches(m, f), "match");
        assertTrue(matches(negate(m), f), "negated");
    }

    @Test
    void zeroTierAddresses() {
        assertMatch(new SourceZtAddress(false, false, US), TCP4);
        assertNoMatch(new SourceZtAddress(false, false, PEER), TCP4);
        assertMatch(new DestZtAddress(false, false, PEER), TCP4);
        assertNoMatch(new DestZtAddress(false, false, OTHER), TCP4);
        RuleFrame multicast = new RuleFrame(OUTBOUND, US, 0, MAC_US, MAC_BROADCAST, 0x0800, 0, TCP4.payload());
        assertMatch(new DestZtAddress(false, false, 0), multicast);
    }

    @Test
    void vlanFieldsOnlyMatchZero() {
        assertMatch(new VlanId(false, false, 0), TCP4);
        assertNoMatch(new VlanId(false, false, 42), TCP4);
        assertMatch(new VlanPcp(false, false, 0), TCP4);
        assertNoMatch(new VlanPcp(false, false, 5), TCP4);
        assertMatch(new VlanDei(false, false, 0), TCP4);
        assertNoMatch(new VlanDei(false, false, 1), TCP4);
    }

    @Test
    void macAddresses() {
        assertMatch(new MacSource(false, false, MAC_US), TCP4);
        assertNoMatch(new MacSource(false, false, MAC_PEER), TCP4);
        assertMatch(new MacDest(false, false, MAC_PEER), TCP4);
        assertNoMatch(new MacDest(false, false, MAC_BROADCAST), TCP4);
    }

    @Test
    void ipv4Prefixes() {
        assertMatch(new Ipv4Source(false, false, v4(10, 147, 17, 0), 24), TCP4);
        assertNoMatch(new Ipv4Source(false, false, v4(10, 147, 18, 0), 24), TCP4);
        assertMatch(new Ipv4Source(false, false, v4(1, 2, 3, 4), 0), TCP4);
        assertMatch(new Ipv4Dest(false, false, DST4, 32), TCP4);
        assertNoMatch(new Ipv4Dest(false, false, v4(192, 168, 1, 2), 32), TCP4);
        assertMatch(new Ipv4Dest(false, false, v4(192, 168, 1, 99), 24), TCP4); // host bits ignored
        assertHardNo(new Ipv4Source(false, false, SRC4, 32), TCP6);
        assertHardNo(new Ipv4Source(false, false, SRC4, 32), ARP);
        assertHardNo(new Ipv4Source(false, false, SRC4, 32), ipv4(OUTBOUND, new byte[19]));
    }

    @Test
    void ipv6Prefixes() {
        assertMatch(new Ipv6Source(false, false, 0xfd00123400000000L, 0, 32), TCP6);
        assertNoMatch(new Ipv6Source(false, false, 0xfd00123500000000L, 0, 32), TCP6);
        assertNoMatch(new Ipv6Source(false, false, 0xfd00123400000000L, 1, 32), TCP6); // rule host bits set
        assertMatch(new Ipv6Dest(false, false, 0xfe80000000000000L, 1, 128), TCP6);
        assertNoMatch(new Ipv6Dest(false, false, 0xfe80000000000000L, 2, 128), TCP6);
        assertHardNo(new Ipv6Dest(false, false, 0xfe80000000000000L, 1, 128), TCP4);
    }

    @Test
    void tosAndTrafficClass() {
        assertMatch(new IpTos(false, false, 0xfc, 0x20, 0x30), TCP4);
        assertNoMatch(new IpTos(false, false, 0xfc, 0x30, 0x40), TCP4);
        assertMatch(new IpTos(false, false, 0xff, 0x28, 0x28), TCP6);
        assertNoMatch(new IpTos(false, false, 0x07, 0x01, 0xff), TCP6);
        assertHardNo(new IpTos(false, false, 0xff, 0, 255), ARP);
    }

    @Test
    void ipProtocolWalksIpv6Extensions() {
        assertMatch(new IpProtocol(false, false, 6), TCP4);
        assertNoMatch(new IpProtocol(false, false, 17), TCP4);
        assertMatch(new IpProtocol(false, false, 6), TCP6);
        RuleFrame hopByHop = ipv6(INBOUND, Frames.ipv6(0, SRC6, DST6, 0, extension(17, udp(1, 2))));
        assertMatch(new IpProtocol(false, false, 17), hopByHop);
        assertNoMatch(new IpProtocol(false, false, 0), hopByHop);
        byte[] truncated = Frames.ipv6(43, SRC6, DST6, 0, new byte[] {17, 4}); // claims 40 bytes of routing header
        assertHardNo(new IpProtocol(false, false, 17), ipv6(INBOUND, truncated));
        assertHardNo(new IpProtocol(false, false, 6), ARP);
    }

    @Test
    void ethertype() {
        assertMatch(new Ethertype(false, false, 0x0806), ARP);
        assertNoMatch(new Ethertype(false, false, 0x0800), ARP);
    }

    @Test
    void icmpTypeAndCode() {
        assertMatch(new Icmp(false, false, 8, 0, 1), PING4);
        assertNoMatch(new Icmp(false, false, 8, 1, 1), PING4);
        assertHardNo(new Icmp(false, false, 0, 0, 1), PING4);
        Icmp anyCode = new Icmp(false, false, 8, 99, 0);
        assertTrue(matches(anyCode, PING4));
        assertTrue(matches(negate(anyCode), PING4)); // hardYes: true whatever NOT says
        RuleFrame ns = ipv6(INBOUND, Frames.ipv6(58, SRC6, DST6, 0, icmp(135, 0)));
        assertTrue(matches(new Icmp(false, false, 135, 0, 0), ns));
        assertHardNo(new Icmp(false, false, 136, 0, 0), ns);
        assertHardNo(new Icmp(false, false, 8, 0, 0), TCP4);
        assertHardNo(new Icmp(false, false, 8, 0, 0), ARP);
    }

    @Test
    void portRanges() {
        assertMatch(new DestPortRange(false, false, 22, 22), TCP4);
        assertNoMatch(new DestPortRange(false, false, 23, 100), TCP4);
        assertMatch(new SourcePortRange(false, false, 1024, 65535), TCP4);
        assertMatch(new DestPortRange(false, false, 53, 53), UDP4);
        assertNoMatch(new SourcePortRange(false, false, 1, 1023), UDP4);
        assertNoMatch(new DestPortRange(false, false, 0, 65535), PING4); // other IPv4 protocol: r = 0
        assertMatch(new DestPortRange(false, false, 443, 443), TCP6);
        RuleFrame port0 = ipv6(INBOUND, Frames.ipv6(17, SRC6, DST6, 0, udp(0, 0)));
        assertNoMatch(new DestPortRange(false, false, 0, 65535), port0);
        assertHardNo(new DestPortRange(false, false, 0, 65535), ARP);
    }

    @Test
    void characteristics() {
        assertMatch(new Characteristics(false, false, Characteristic.TCP_SYN), TCP4);
        assertNoMatch(new Characteristics(false, false, Characteristic.TCP_ACK | Characteristic.INBOUND), TCP4);
        assertMatch(new Characteristics(false, false, Characteristic.INBOUND), TCP6);
        assertMatch(new Characteristics(false, false, Characteristic.TCP_ACK), TCP6);
        RuleFrame ns = new RuleFrame(OUTBOUND, US, PEER, MAC_US, 0x3333ff000001L, 0x86dd, 0,
                Frames.ipv6(58, SRC6, DST6, 0, icmp(135, 0)));
        assertMatch(new Characteristics(false, false, Characteristic.MULTICAST), ns);
        assertNoMatch(new Characteristics(false, false, Characteristic.BROADCAST), ns);
        assertMatch(new Characteristics(false, false, Characteristic.SENDER_IP_AUTHENTICATED), ns);
        RuleFrame bcast = new RuleFrame(OUTBOUND, US, 0, MAC_US, MAC_BROADCAST, 0x0806, 0, ARP.payload());
        assertMatch(new Characteristics(false, false, Characteristic.BROADCAST), bcast);
        RuleFrame ns9 = ipv4(OUTBOUND, Frames.ipv4(6, SRC4, DST4, 0, tcp(1, 2, 0x100)));
        assertMatch(new Characteristics(false, false, Characteristic.TCP_NS), ns9);
    }

    @Test
    void senderAuthenticationAsksTheOwnership() {
        AddressOwnership owns = new AddressOwnership() {
            @Override public boolean ownsIp(byte[] ip) {
                return ip.length == 4 && ip[0] == 10 && ip[3] == 5;
            }
            @Override public boolean ownsMac(long mac) {
                return mac == MAC_US;
            }
        };
        RemoteParty remote = new RemoteParty(Map.of(), owns);
        Match ipAuth = new Characteristics(false, false, Characteristic.SENDER_IP_AUTHENTICATED);
        Match macAuth = new Characteristics(false, false, Characteristic.SENDER_MAC_AUTHENTICATED);
        assertTrue(matches(ipAuth, TCP4, Map.of(), remote, 0));
        assertTrue(matches(ipAuth, ARP, Map.of(), remote, 0));
        assertFalse(matches(ipAuth, TCP4));
        assertFalse(matches(ipAuth, ipv4(OUTBOUND, Frames.ipv4(6, DST4, SRC4, 0, tcp(1, 2, 0))), Map.of(), remote, 0));
        assertTrue(matches(macAuth, TCP4, Map.of(), remote, 0));
        assertFalse(matches(macAuth, TCP6, Map.of(), remote, 0));
    }

    @Test
    void frameSize() {
        assertMatch(new FrameSizeRange(false, false, 40, 40), TCP4);
        assertNoMatch(new FrameSizeRange(false, false, 64, 1500), TCP4);
    }

    @Test
    void random() {
        RuleFrame f = TCP4;
        Match half = new RandomMatch(false, false, 0x7fffffffL);
        RulesEngine low = new RulesEngine(() -> 0x12345678);
        RulesEngine high = new RulesEngine(() -> 0x80000000);
        List<Rule> rules = List.of(half, new Accept());
        assertInstanceOf(FilterResult.Accepted.class, low.filter(network(rules), f, RemoteParty.UNKNOWN, List.of(), false));
        assertInstanceOf(FilterResult.Dropped.class, high.filter(network(rules), f, RemoteParty.UNKNOWN, List.of(), false));
        List<Rule> always = List.of(new RandomMatch(false, false, 0xffffffffL), new Accept());
        assertInstanceOf(FilterResult.Accepted.class, new RulesEngine(() -> -1)
                .filter(network(always), f, RemoteParty.UNKNOWN, List.of(), false));
        List<Rule> never = List.of(new RandomMatch(false, false, 0), new Accept());
        assertInstanceOf(FilterResult.Dropped.class, high.filter(network(never), f, RemoteParty.UNKNOWN, List.of(), false));
    }

    @Test
    void integerRange() {
        byte[] payload = new byte[64];
        payload[42] = 0x03;
        payload[43] = (byte) 0xf0; // 1008 big-endian at the end of the 8-byte window at 36
        RuleFrame f = ipv4(OUTBOUND, payload);
        assertMatch(new IntegerRange(false, false, 1000, 24, 36, 15), f);
        assertNoMatch(new IntegerRange(false, false, 1009, 100, 36, 15), f);
        payload[0] = 5; // 5 little-endian, 32 bits at 0
        assertMatch(new IntegerRange(false, false, 5, 0, 0, 0x9f), f);
        assertNoMatch(new IntegerRange(false, false, 6, 0, 0, 0x9f), f);
        assertMatch(new IntegerRange(false, false, 0, 0, 60, 0x3f), f); // out of range reads as 0
        assertNoMatch(new IntegerRange(false, false, 1, 0, 60, 0x3f), f);
    }

    @Test
    void unknownMatchFollowsConfigFlag() {
        Match unknown = new UnknownMatch(60, false, false, new byte[0]);
        assertFalse(matches(unknown, TCP4, Map.of(), RemoteParty.UNKNOWN, 0));
        assertTrue(matches(unknown, TCP4, Map.of(), RemoteParty.UNKNOWN, RuleNetwork.FLAG_RULES_RESULT_OF_UNSUPPORTED_MATCH));
    }
}

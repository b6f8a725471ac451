package net.ztj.core.network.rules;

import net.ztj.core.network.rules.Rule.*;

import java.util.List;
import java.util.Map;

/** Shared parties and helpers for the rules-engine tests. */
final class RuleFixture {
    private RuleFixture() {}

    static final long NWID = 0x8056c2e21c000001L;
    static final long US = 0x1111111111L;
    static final long PEER = 0x2222222222L;
    static final long OTHER = 0x3333333333L;
    static final long MAC_US = 0x32aaaaaaaaaaL;
    static final long MAC_PEER = 0x32bbbbbbbbbbL;
    static final long MAC_BROADCAST = 0xffffffffffffL;

    /** A frame from PEER to US (inbound) or from US to PEER (outbound). */
    static RuleFrame frame(Direction d, int ethertype, byte[] payload) {
        return d == Direction.INBOUND
                ? new RuleFrame(d, PEER, US, MAC_PEER, MAC_US, ethertype, 0, payload)
                : new RuleFrame(d, US, PEER, MAC_US, MAC_PEER, ethertype, 0, payload);
    }

    static RuleFrame ipv4(Direction d, byte[] payload) {
        return frame(d, RuleFrame.ETHERTYPE_IPV4, payload);
    }

    static RuleFrame ipv6(Direction d, byte[] payload) {
        return frame(d, RuleFrame.ETHERTYPE_IPV6, payload);
    }

    static RuleNetwork network(List<Rule> rules) {
        return network(rules, Map.of(), 0);
    }

    static RuleNetwork network(List<Rule> rules, Map<Long, Long> ourTags, long flags) {
        return new RuleNetwork(NWID, US, flags, rules, ourTags);
    }

    static FilterResult filter(List<Rule> rules, RuleFrame f) {
        return new RulesEngine(() -> 0).filter(network(rules), f, RemoteParty.UNKNOWN, List.of(), false);
    }

    /** Whether {@code m} followed by ACCEPT accepts the frame. */
    static boolean matches(Match m, RuleFrame f) {
        return matches(m, f, Map.of(), RemoteParty.UNKNOWN, 0);
    }

    static boolean matches(Match m, RuleFrame f, Map<Long, Long> ourTags, RemoteParty remote, long flags) {
        FilterResult r = new RulesEngine(() -> 0)
                .filter(network(List.of(m, new Accept()), ourTags, flags), f, remote, List.of(), false);
        return r instanceof FilterResult.Accepted;
    }

    /** The same match with its NOT bit flipped. */
    static Match negate(Match m) {
        byte[] b = RuleCodec.encode(m);
        b[0] ^= (byte) RuleType.FLAG_NOT;
        return (Match) RuleCodec.decodeOne(b);
    }

    /** The same match with its OR bit set. */
    static Match or(Match m) {
        byte[] b = RuleCodec.encode(m);
        b[0] |= (byte) RuleType.FLAG_OR;
        return (Match) RuleCodec.decodeOne(b);
    }
}

package net.ztj.core.network.rules;

import net.ztj.core.network.rules.Rule.*;

import java.util.function.IntSupplier;

import static net.ztj.core.network.rules.L3Header.*;

/**
 * The per-type match semantics of spec 03 §9.5: computes a match's raw result {@code r}, before the NOT
 * inversion. "hardNo" / "hardYes" return {@code not} / {@code !not} so the rule ends false / true whatever NOT is.
 */
final class MatchEvaluator {
    private static final long MAC_BROADCAST = 0xffffffffffffL;

    private final RuleNetwork network;
    private final RuleFrame frame;
    private final RemoteParty remote;
    private final TagEvaluator tags;
    private final byte[] p;

    MatchEvaluator(RuleNetwork network, RuleFrame frame, RemoteParty remote, RuleListEvaluation state) {
        this.network = network;
        this.frame = frame;
        this.remote = remote;
        this.tags = new TagEvaluator(network, frame, remote, state);
        this.p = frame.payload();
    }

    boolean evaluate(Match m, IntSupplier random32) {
        boolean hardNo = m.not();
        return switch (m) {
            case SourceZtAddress r -> r.address() == frame.sourceAddress();
            case DestZtAddress r -> r.address() == frame.destAddress();
            case VlanId r -> r.vlanId() == frame.vlanId();
            case VlanPcp r -> r.pcp() == 0;
            case VlanDei r -> r.dei() == 0;
            case MacSource r -> r.mac() == frame.macSource();
            case MacDest r -> r.mac() == frame.macDest();
            case Ipv4Source r -> isIpv4(frame) ? ipv4In(i32(p, 12), r.address(), r.prefixBits()) : hardNo;
            case Ipv4Dest r -> isIpv4(frame) ? ipv4In(i32(p, 16), r.address(), r.prefixBits()) : hardNo;
            case Ipv6Source r -> isIpv6(frame) ? ipv6In(8, r.addressHigh(), r.addressLow(), r.prefixBits()) : hardNo;
            case Ipv6Dest r -> isIpv6(frame) ? ipv6In(24, r.addressHigh(), r.addressLow(), r.prefixBits()) : hardNo;
            case IpTos r -> tos(r, hardNo);
            case IpProtocol r -> protocol(r, hardNo);
            case Ethertype r -> r.ethertype() == frame.ethertype();
            case Icmp r -> icmp(r, hardNo);
            case SourcePortRange r -> port(0, r.start(), r.end(), hardNo);
            case DestPortRange r -> port(2, r.start(), r.end(), hardNo);
            case Characteristics r -> (characteristics() & r.mask()) != 0;
            case FrameSizeRange r -> r.start() <= frame.length() && frame.length() <= r.end();
            case RandomMatch r -> Integer.toUnsignedLong(random32.getAsInt()) <= r.probability();
            case TagMatch r -> tags.evaluate(r);
            case IntegerRange r -> integerRange(r);
            case UnknownMatch r -> (network.configFlags() & RuleNetwork.FLAG_RULES_RESULT_OF_UNSUPPORTED_MATCH) != 0;
        };
    }

    private static boolean ipv4In(int address, int rule, int prefixBits) {
        int bits = Math.min(prefixBits, 32);
        if (bits == 0) return true;
        return (address >>> (32 - bits)) == (rule >>> (32 - bits));
    }

    private boolean ipv6In(int at, long ruleHigh, long ruleLow, int prefixBits) {
        int bits = Math.min(prefixBits, 128);
        for (int i = 0; i < 16; i++) {
            int maskBits = Math.max(0, Math.min(8, bits - 8 * i));
            int mask = (0xff00 >> maskBits) & 0xff;
            long word = i < 8 ? ruleHigh : ruleLow;
            int ruleByte = (int) (word >>> (8 * (7 - (i & 7)))) & 0xff;
            if ((p[at + i] & mask) != ruleByte) return false;
        }
        return true;
    }

    private boolean tos(IpTos r, boolean hardNo) {
        int tos;
        if (isIpv4(frame)) tos = u8(p, 1) & r.mask();
        else if (isIpv6(frame)) tos = (((u8(p, 0) << 4) & 0xf0) | (u8(p, 1) >> 4)) & r.mask();
        else return hardNo;
        return r.start() <= tos && tos <= r.end();
    }

    private boolean protocol(IpProtocol r, boolean hardNo) {
        if (isIpv4(frame)) return u8(p, 9) == r.protocol();
        if (isIpv6(frame)) {
            long walk = ipv6Upper(p);
            return walk < 0 ? hardNo : protocolOf(walk) == r.protocol();
        }
        return hardNo;
    }

    private boolean icmp(Icmp r, boolean hardNo) {
        int at;
        if (isIpv4(frame) && u8(p, 9) == 1 && ipv4HeaderLength(p) + 2 <= p.length) {
            at = ipv4HeaderLength(p);
        } else if (isIpv6(frame)) {
            long walk = ipv6Upper(p);
            if (walk < 0 || protocolOf(walk) != 58 || offsetOf(walk) + 2 > p.length) return hardNo;
            at = offsetOf(walk);
        } else {
            return hardNo;
        }
        if (u8(p, at) != r.icmpType()) return hardNo;
        if ((r.flags() & Icmp.FLAG_CHECK_CODE) == 0) return !hardNo;
        return u8(p, at + 1) == r.icmpCode();
    }

    private static boolean isPortProtocol(int protocol) {
        return protocol == 6 || protocol == 17 || protocol == 132 || protocol == 136;
    }

    private boolean port(int fieldOffset, int start, int end, boolean hardNo) {
        if (isIpv4(frame)) {
            int hl = ipv4HeaderLength(p);
            if (!isPortProtocol(u8(p, 9)) || p.length <= hl + 4) return false;
            int port = u16(p, hl + fieldOffset);
            return start <= port && port <= end;
        }
        if (isIpv6(frame)) {
            long walk = ipv6Upper(p);
            if (walk < 0) return hardNo;
            int at = offsetOf(walk) + fieldOffset;
            if (!isPortProtocol(protocolOf(walk)) || at + 2 > p.length) return false;
            int port = u16(p, at);
            return port != 0 && start <= port && port <= end;
        }
        return hardNo;
    }

    private long characteristics() {
        long cf = 0;
        if (frame.inbound()) cf |= Characteristic.INBOUND;
        if ((frame.macDest() & 0x010000000000L) != 0) cf |= Characteristic.MULTICAST;
        if (frame.macDest() == MAC_BROADCAST) cf |= Characteristic.BROADCAST;
        if (senderIpAuthenticated()) cf |= Characteristic.SENDER_IP_AUTHENTICATED;
        if (remote.ownership().ownsMac(frame.macSource())) cf |= Characteristic.SENDER_MAC_AUTHENTICATED;
        return cf | tcpFlags();
    }

    private boolean senderIpAuthenticated() {
        AddressOwnership owner = remote.ownership();
        if (isIpv4(frame)) return owner.ownsIp(slice(12, 4));
        if (isIpv6(frame)) {
            long walk = ipv6Upper(p);
            if (walk >= 0 && protocolOf(walk) == 58 && offsetOf(walk) < p.length) {
                int icmpType = u8(p, offsetOf(walk));
                if (icmpType == 135) return true;
                if (icmpType == 136) return p.length >= 64 && owner.ownsIp(slice(48, 16));
            }
            return owner.ownsIp(slice(8, 16));
        }
        if (frame.ethertype() == RuleFrame.ETHERTYPE_ARP && p.length >= 28) return owner.ownsIp(slice(14, 4));
        return false;
    }

    private long tcpFlags() {
        int at;
        if (isIpv4(frame) && u8(p, 9) == 6) {
            at = ipv4HeaderLength(p);
            if (at + 14 > p.length) return 0;
        } else if (isIpv6(frame)) {
            long walk = ipv6Upper(p);
            if (walk < 0 || protocolOf(walk) != 6 || p.length <= offsetOf(walk) + 14) return 0;
            at = offsetOf(walk);
        } else {
            return 0;
        }
        return u8(p, at + 13) | ((long) (u8(p, at + 12) & 0x0f) << 8);
    }

    private boolean integerRange(IntegerRange r) {
        int bits = r.bits();
        int bytes = (bits + 7) / 8;
        long v = 0;
        if (r.littleEndian()) {
            int from = r.index();
            if (from + bytes <= p.length) {
                for (int i = 0; i < bytes; i++) v = (v >>> 8) | ((long) u8(p, from + i) << 56);
                v >>>= 64 - bits;
            }
        } else {
            int from = r.index() + 8 - bytes;
            if (from + bytes <= p.length) {
                for (int i = 0; i < bytes; i++) v = (v << 8) | u8(p, from + i);
                if (bits < 64) v &= (1L << bits) - 1;
            }
        }
        return Long.compareUnsigned(r.start(), v) <= 0 && Long.compareUnsigned(v, r.end()) <= 0;
    }

    private byte[] slice(int from, int n) {
        byte[] out = new byte[n];
        System.arraycopy(p, from, out, 0, n);
        return out;
    }
}

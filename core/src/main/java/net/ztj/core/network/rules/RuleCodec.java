package net.ztj.core.network.rules;

import net.ztj.core.network.rules.Rule.*;
import net.ztj.core.wire.ByteReader;
import net.ztj.core.wire.ByteWriter;
import net.ztj.core.wire.MalformedException;

import java.util.ArrayList;
import java.util.List;

/**
 * The binary rule form of spec 03 §9.2–§9.3: {@code [t][len][value]} per rule, big-endian, concatenated.
 * Decoding reads a known type's value from the start of its {@code len} bytes and then skips all of them, so
 * longer values and unknown types are tolerated; a value shorter than its type needs is malformed. Encoding
 * writes what ZeroTier 1.14 writes: a PRIORITY's bucket and the value of unknown/reserved types are not sent.
 */
public final class RuleCodec {
    /** Maximum base rules in a network configuration. */
    public static final int MAX_BASE_RULES = 1024;
    /** Maximum rules in one capability. */
    public static final int MAX_CAPABILITY_RULES = 64;

    private static final long ADDRESS_MASK = 0xffffffffffL;

    private RuleCodec() {}

    /** Splits a rule list into its framing only, up to {@code maxCount} rules. */
    public static List<RawRule> frames(byte[] b, int off, int len, int maxCount) {
        ByteReader r = new ByteReader(b, off, checkedEnd(b, off, len));
        List<RawRule> out = new ArrayList<>();
        while (r.hasRemaining() && out.size() < maxCount) {
            int t = r.u8();
            int n = r.u8();
            out.add(new RawRule(t, r.bytes(n)));
        }
        return out;
    }

    /** Decodes a rule list, up to {@code maxCount} rules (1024 for base rules, the declared count for a capability). */
    public static List<Rule> decodeList(byte[] b, int off, int len, int maxCount) {
        List<Rule> out = new ArrayList<>();
        for (RawRule raw : frames(b, off, len, maxCount)) out.add(decode(raw));
        return out;
    }

    /** Decodes a whole buffer as a base rule list. */
    public static List<Rule> decodeList(byte[] b) {
        return decodeList(b, 0, b.length, MAX_BASE_RULES);
    }

    /** Decodes exactly one framed rule occupying the whole buffer. */
    public static Rule decodeOne(byte[] b) {
        ByteReader r = new ByteReader(b);
        Rule rule = decode(r);
        if (r.hasRemaining()) throw new MalformedException("bytes after the rule");
        return rule;
    }

    /** Reads one framed rule at the reader's position. */
    public static Rule decode(ByteReader r) {
        int t = r.u8();
        return decode(new RawRule(t, r.bytes(r.u8())));
    }

    /** Interprets the value of one framed rule. */
    public static Rule decode(RawRule raw) {
        byte[] v = raw.value();
        ByteReader r = new ByteReader(v);
        boolean not = (raw.t() & RuleType.FLAG_NOT) != 0;
        boolean or = (raw.t() & RuleType.FLAG_OR) != 0;
        int type = raw.type();
        return switch (type) {
            case RuleType.ACTION_DROP -> new Drop();
            case RuleType.ACTION_ACCEPT -> new Accept();
            case RuleType.ACTION_TEE -> new Tee(r.u64() & ADDRESS_MASK, r.u32(), r.u16());
            case RuleType.ACTION_WATCH -> new Watch(r.u64() & ADDRESS_MASK, r.u32(), r.u16());
            case RuleType.ACTION_REDIRECT -> new Redirect(r.u64() & ADDRESS_MASK, r.u32(), r.u16());
            case RuleType.ACTION_BREAK -> new Break();
            case RuleType.ACTION_PRIORITY -> new Priority(0);
            case RuleType.MATCH_SOURCE_ZEROTIER_ADDRESS -> new SourceZtAddress(not, or, r.u40());
            case RuleType.MATCH_DEST_ZEROTIER_ADDRESS -> new DestZtAddress(not, or, r.u40());
            case RuleType.MATCH_VLAN_ID -> new VlanId(not, or, r.u16());
            case RuleType.MATCH_VLAN_PCP -> new VlanPcp(not, or, r.u8());
            case RuleType.MATCH_VLAN_DEI -> new VlanDei(not, or, r.u8());
            case RuleType.MATCH_MAC_SOURCE -> new MacSource(not, or, r.u48());
            case RuleType.MATCH_MAC_DEST -> new MacDest(not, or, r.u48());
            case RuleType.MATCH_IPV4_SOURCE -> new Ipv4Source(not, or, r.i32(), r.u8());
            case RuleType.MATCH_IPV4_DEST -> new Ipv4Dest(not, or, r.i32(), r.u8());
            case RuleType.MATCH_IPV6_SOURCE -> new Ipv6Source(not, or, r.u64(), r.u64(), r.u8());
            case RuleType.MATCH_IPV6_DEST -> new Ipv6Dest(not, or, r.u64(), r.u64(), r.u8());
            case RuleType.MATCH_IP_TOS -> new IpTos(not, or, r.u8(), r.u8(), r.u8());
            case RuleType.MATCH_IP_PROTOCOL -> new IpProtocol(not, or, r.u8());
            case RuleType.MATCH_ETHERTYPE -> new Ethertype(not, or, r.u16());
            case RuleType.MATCH_ICMP -> new Icmp(not, or, r.u8(), r.u8(), r.u8());
            case RuleType.MATCH_IP_SOURCE_PORT_RANGE -> new SourcePortRange(not, or, r.u16(), r.u16());
            case RuleType.MATCH_IP_DEST_PORT_RANGE -> new DestPortRange(not, or, r.u16(), r.u16());
            case RuleType.MATCH_CHARACTERISTICS -> new Characteristics(not, or, r.u64());
            case RuleType.MATCH_FRAME_SIZE_RANGE -> new FrameSizeRange(not, or, r.u16(), r.u16());
            case RuleType.MATCH_RANDOM -> new RandomMatch(not, or, r.u32());
            case RuleType.MATCH_TAGS_DIFFERENCE -> new TagsDifference(not, or, r.u32(), r.u32());
            case RuleType.MATCH_TAGS_BITWISE_AND -> new TagsBitwiseAnd(not, or, r.u32(), r.u32());
            case RuleType.MATCH_TAGS_BITWISE_OR -> new TagsBitwiseOr(not, or, r.u32(), r.u32());
            case RuleType.MATCH_TAGS_BITWISE_XOR -> new TagsBitwiseXor(not, or, r.u32(), r.u32());
            case RuleType.MATCH_TAGS_EQUAL -> new TagsEqual(not, or, r.u32(), r.u32());
            case RuleType.MATCH_TAG_SENDER -> new TagSender(not, or, r.u32(), r.u32());
            case RuleType.MATCH_TAG_RECEIVER -> new TagReceiver(not, or, r.u32(), r.u32());
            case RuleType.MATCH_INTEGER_RANGE -> {
                long start = r.u64();
                long end = r.u64();
                yield new IntegerRange(not, or, start, (int) (end - start), r.u16(), r.u8());
            }
            default -> type <= RuleType.LAST_ACTION ? new ReservedAction(type, v) : new UnknownMatch(type, not, or, v);
        };
    }

    /** Encodes a rule list. */
    public static byte[] encodeList(List<? extends Rule> rules) {
        ByteWriter w = new ByteWriter(rules.size() * 8);
        for (Rule rule : rules) encode(rule, w);
        return w.toByteArray();
    }

    /** Encodes one rule. */
    public static byte[] encode(Rule rule) {
        ByteWriter w = new ByteWriter(24);
        encode(rule, w);
        return w.toByteArray();
    }

    /** The type byte of a rule: its type number with the NOT and OR bits of a match. */
    public static int typeByte(Rule rule) {
        int t = rule.type();
        if (rule instanceof Match m) t |= (m.not() ? RuleType.FLAG_NOT : 0) | (m.or() ? RuleType.FLAG_OR : 0);
        return t;
    }

    /** Appends one framed rule. */
    public static void encode(Rule rule, ByteWriter w) {
        w.u8(typeByte(rule));
        switch (rule) {
            case Drop d -> w.u8(0);
            case Accept a -> w.u8(0);
            case Break b -> w.u8(0);
            case Priority p -> w.u8(0);
            case ReservedAction ra -> w.u8(0);
            case Forwarding f -> w.u8(14).u64(f.address() & ADDRESS_MASK).u32(f.flags()).u16(f.length());
            case SourceZtAddress m -> w.u8(5).u40(m.address());
            case DestZtAddress m -> w.u8(5).u40(m.address());
            case VlanId m -> w.u8(2).u16(m.vlanId());
            case VlanPcp m -> w.u8(1).u8(m.pcp());
            case VlanDei m -> w.u8(1).u8(m.dei());
            case MacSource m -> w.u8(6).u48(m.mac());
            case MacDest m -> w.u8(6).u48(m.mac());
            case Ipv4Source m -> w.u8(5).u32(Integer.toUnsignedLong(m.address())).u8(m.prefixBits());
            case Ipv4Dest m -> w.u8(5).u32(Integer.toUnsignedLong(m.address())).u8(m.prefixBits());
            case Ipv6Source m -> w.u8(17).u64(m.addressHigh()).u64(m.addressLow()).u8(m.prefixBits());
            case Ipv6Dest m -> w.u8(17).u64(m.addressHigh()).u64(m.addressLow()).u8(m.prefixBits());
            case IpTos m -> w.u8(3).u8(m.mask()).u8(m.start()).u8(m.end());
            case IpProtocol m -> w.u8(1).u8(m.protocol());
            case Ethertype m -> w.u8(2).u16(m.ethertype());
            case Icmp m -> w.u8(3).u8(m.icmpType()).u8(m.icmpCode()).u8(m.flags());
            case SourcePortRange m -> w.u8(4).u16(m.start()).u16(m.end());
            case DestPortRange m -> w.u8(4).u16(m.start()).u16(m.end());
            case Characteristics m -> w.u8(8).u64(m.mask());
            case FrameSizeRange m -> w.u8(4).u16(m.start()).u16(m.end());
            case RandomMatch m -> w.u8(4).u32(m.probability());
            case TagMatch m -> w.u8(8).u32(m.id()).u32(m.value());
            case IntegerRange m -> w.u8(19).u64(m.start()).u64(m.end()).u16(m.index()).u8(m.format());
            case UnknownMatch m -> w.u8(0);
        }
    }

    private static int checkedEnd(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) throw new MalformedException("rule list outside buffer");
        return off + len;
    }
}

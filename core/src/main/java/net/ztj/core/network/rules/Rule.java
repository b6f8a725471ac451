package net.ztj.core.network.rules;

import java.util.Arrays;

/**
 * One entry of a rule list (spec 03 §9.1–§9.2): an action, or a match that feeds the running result of the
 * actions that follow. Matches carry the NOT (invert) and OR (combine by OR instead of AND) flags of the type
 * byte; actions ignore them. Integers that are unsigned on the wire and wider than 16 bits are held in longs.
 */
public sealed interface Rule permits Rule.Action, Rule.Match {

    /** The type number, 0–63, without the NOT and OR bits. */
    int type();

    /** An action (types 0–15): taken when the preceding matches combine to true. */
    sealed interface Action extends Rule
            permits Drop, Accept, Forwarding, Break, Priority, ReservedAction {}

    /** A match (types 16–63). */
    sealed interface Match extends Rule
            permits SourceZtAddress, DestZtAddress, VlanId, VlanPcp, VlanDei, MacSource, MacDest, Ipv4Source,
            Ipv4Dest, Ipv6Source, Ipv6Dest, IpTos, IpProtocol, Ethertype, Icmp, SourcePortRange, DestPortRange,
            Characteristics, FrameSizeRange, RandomMatch, TagMatch, IntegerRange, UnknownMatch {
        /** Whether the result is inverted. */
        boolean not();

        /** Whether the result is ORed (rather than ANDed) into the running result. */
        boolean or();
    }

    /** An action that sends the frame, or a copy of it, to another member (TEE, WATCH, REDIRECT). */
    sealed interface Forwarding extends Action permits Tee, Watch, Redirect {
        /** The target ZeroTier address (40 bits). */
        long address();

        /** The 32-bit flags field (carried, unused by 1.14). */
        long flags();

        /** Bytes of payload to copy; 0 = all. Unused for REDIRECT. */
        int length();
    }

    record Drop() implements Action { public int type() { return RuleType.ACTION_DROP; } }

    record Accept() implements Action { public int type() { return RuleType.ACTION_ACCEPT; } }

    /** Copy the frame (its first {@code length} payload bytes) to {@code address} and go on evaluating. */
    record Tee(long address, long flags, int length) implements Forwarding {
        public int type() { return RuleType.ACTION_TEE; }
    }

    /** Like TEE, but the copy asks for an acknowledgement (EXT_FRAME flag 0x10). */
    record Watch(long address, long flags, int length) implements Forwarding {
        public int type() { return RuleType.ACTION_WATCH; }
    }

    /** Send the frame to {@code address} instead of its destination. */
    record Redirect(long address, long flags, int length) implements Forwarding {
        public int type() { return RuleType.ACTION_REDIRECT; }
    }

    /** Stop evaluating this list with no match. */
    record Break() implements Action { public int type() { return RuleType.ACTION_BREAK; } }

    /** Accept into a QoS bucket; the bucket is not serialized, so a decoded rule has bucket 0. */
    record Priority(int qosBucket) implements Action { public int type() { return RuleType.ACTION_PRIORITY; } }

    /** Actions 7–15, reserved: no-ops. The value bytes are kept as read; encoded empty, as 1.14 does. */
    record ReservedAction(int type, byte[] value) implements Action {
        @Override public boolean equals(Object o) {
            return o instanceof ReservedAction r && r.type == type && Arrays.equals(r.value, value);
        }
        @Override public int hashCode() { return type * 31 + Arrays.hashCode(value); }
        @Override public String toString() { return "ReservedAction[" + type + "]"; }
    }

    record SourceZtAddress(boolean not, boolean or, long address) implements Match {
        public int type() { return RuleType.MATCH_SOURCE_ZEROTIER_ADDRESS; }
    }

    record DestZtAddress(boolean not, boolean or, long address) implements Match {
        public int type() { return RuleType.MATCH_DEST_ZEROTIER_ADDRESS; }
    }

    record VlanId(boolean not, boolean or, int vlanId) implements Match {
        public int type() { return RuleType.MATCH_VLAN_ID; }
    }

    record VlanPcp(boolean not, boolean or, int pcp) implements Match {
        public int type() { return RuleType.MATCH_VLAN_PCP; }
    }

    record VlanDei(boolean not, boolean or, int dei) implements Match {
        public int type() { return RuleType.MATCH_VLAN_DEI; }
    }

    /** Source MAC, 48 bits. */
    record MacSource(boolean not, boolean or, long mac) implements Match {
        public int type() { return RuleType.MATCH_MAC_SOURCE; }
    }

    /** Destination MAC, 48 bits. */
    record MacDest(boolean not, boolean or, long mac) implements Match {
        public int type() { return RuleType.MATCH_MAC_DEST; }
    }

    /** IPv4 source in a prefix; {@code address} is the 32-bit address in network order as an int. */
    record Ipv4Source(boolean not, boolean or, int address, int prefixBits) implements Match {
        public int type() { return RuleType.MATCH_IPV4_SOURCE; }
    }

    record Ipv4Dest(boolean not, boolean or, int address, int prefixBits) implements Match {
        public int type() { return RuleType.MATCH_IPV4_DEST; }
    }

    /** IPv6 source in a prefix; the 128-bit address as its high and low 64 bits. */
    record Ipv6Source(boolean not, boolean or, long addressHigh, long addressLow, int prefixBits) implements Match {
        public int type() { return RuleType.MATCH_IPV6_SOURCE; }
    }

    record Ipv6Dest(boolean not, boolean or, long addressHigh, long addressLow, int prefixBits) implements Match {
        public int type() { return RuleType.MATCH_IPV6_DEST; }
    }

    /** IP TOS / traffic class ANDed with {@code mask} within [start, end]. */
    record IpTos(boolean not, boolean or, int mask, int start, int end) implements Match {
        public int type() { return RuleType.MATCH_IP_TOS; }
    }

    record IpProtocol(boolean not, boolean or, int protocol) implements Match {
        public int type() { return RuleType.MATCH_IP_PROTOCOL; }
    }

    record Ethertype(boolean not, boolean or, int ethertype) implements Match {
        public int type() { return RuleType.MATCH_ETHERTYPE; }
    }

    /** ICMP (v4 or v6) type, and code when {@code flags & 0x01}. */
    record Icmp(boolean not, boolean or, int icmpType, int icmpCode, int flags) implements Match {
        public static final int FLAG_CHECK_CODE = 0x01;
        public int type() { return RuleType.MATCH_ICMP; }
    }

    record SourcePortRange(boolean not, boolean or, int start, int end) implements Match {
        public int type() { return RuleType.MATCH_IP_SOURCE_PORT_RANGE; }
    }

    record DestPortRange(boolean not, boolean or, int start, int end) implements Match {
        public int type() { return RuleType.MATCH_IP_DEST_PORT_RANGE; }
    }

    /** Any of the {@link Characteristic} bits in {@code mask} present. */
    record Characteristics(boolean not, boolean or, long mask) implements Match {
        public int type() { return RuleType.MATCH_CHARACTERISTICS; }
    }

    /** Payload (L3) length within [start, end]. */
    record FrameSizeRange(boolean not, boolean or, int start, int end) implements Match {
        public int type() { return RuleType.MATCH_FRAME_SIZE_RANGE; }
    }

    /** Matches when an unsigned 32-bit random number is at most {@code probability} (unsigned 32 bits). */
    record RandomMatch(boolean not, boolean or, long probability) implements Match {
        public int type() { return RuleType.MATCH_RANDOM; }
    }

    /** The tag matches (types 44–50): a tag ID and a value, both unsigned 32 bits. */
    sealed interface TagMatch extends Match
            permits TagsDifference, TagsBitwiseAnd, TagsBitwiseOr, TagsBitwiseXor, TagsEqual, TagSender, TagReceiver {
        long id();

        long value();
    }

    /** |ours − theirs| ≤ value. */
    record TagsDifference(boolean not, boolean or, long id, long value) implements TagMatch {
        public int type() { return RuleType.MATCH_TAGS_DIFFERENCE; }
    }

    /** (ours AND theirs) == value. */
    record TagsBitwiseAnd(boolean not, boolean or, long id, long value) implements TagMatch {
        public int type() { return RuleType.MATCH_TAGS_BITWISE_AND; }
    }

    /** (ours OR theirs) == value. */
    record TagsBitwiseOr(boolean not, boolean or, long id, long value) implements TagMatch {
        public int type() { return RuleType.MATCH_TAGS_BITWISE_OR; }
    }

    /** (ours XOR theirs) == value. */
    record TagsBitwiseXor(boolean not, boolean or, long id, long value) implements TagMatch {
        public int type() { return RuleType.MATCH_TAGS_BITWISE_XOR; }
    }

    /** ours == value and theirs == value. */
    record TagsEqual(boolean not, boolean or, long id, long value) implements TagMatch {
        public int type() { return RuleType.MATCH_TAGS_EQUAL; }
    }

    /** The sender's tag == value. */
    record TagSender(boolean not, boolean or, long id, long value) implements TagMatch {
        public int type() { return RuleType.MATCH_TAG_SENDER; }
    }

    /** The receiver's tag == value. */
    record TagReceiver(boolean not, boolean or, long id, long value) implements TagMatch {
        public int type() { return RuleType.MATCH_TAG_RECEIVER; }
    }

    /**
     * An integer read from the payload within [start, start + endOffset] (unsigned). {@code endOffset} is the
     * unsigned 32-bit in-memory offset; the wire holds the absolute end. {@code format}: bits 0–5 = width − 1,
     * bit 7 = little-endian.
     */
    record IntegerRange(boolean not, boolean or, long start, int endOffset, int index, int format) implements Match {
        public int type() { return RuleType.MATCH_INTEGER_RANGE; }

        /** The absolute end, start + offset modulo 2^64. */
        public long end() { return start + Integer.toUnsignedLong(endOffset); }

        /** Width of the integer in bits, 1–64. */
        public int bits() { return (format & 63) + 1; }

        public boolean littleEndian() { return (format & 0x80) != 0; }
    }

    /** Unassigned match types (16–23, 52–63), value bytes kept as read; encoded empty, as 1.14 does. */
    record UnknownMatch(int type, boolean not, boolean or, byte[] value) implements Match {
        @Override public boolean equals(Object o) {
            return o instanceof UnknownMatch u && u.type == type && u.not == not && u.or == or
                    && Arrays.equals(u.value, value);
        }
        @Override public int hashCode() { return (type * 31 + (not ? 2 : 0) + (or ? 1 : 0)) * 31 + Arrays.hashCode(value); }
        @Override public String toString() { return "UnknownMatch[" + type + ", not=" + not + ", or=" + or + "]"; }
    }
}

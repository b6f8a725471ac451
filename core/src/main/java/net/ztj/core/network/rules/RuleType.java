package net.ztj.core.network.rules;

/** The type numbers and type-byte flag bits of spec 03 §9.1–§9.2. */
public final class RuleType {
    private RuleType() {}

    /** Type-byte bit: invert the match. */
    public static final int FLAG_NOT = 0x80;
    /** Type-byte bit: OR the match into the running result. */
    public static final int FLAG_OR = 0x40;
    /** Type-byte mask of the type number. */
    public static final int TYPE_MASK = 0x3f;
    /** Types up to this one are actions. */
    public static final int LAST_ACTION = 15;

    public static final int ACTION_DROP = 0;
    public static final int ACTION_ACCEPT = 1;
    public static final int ACTION_TEE = 2;
    public static final int ACTION_WATCH = 3;
    public static final int ACTION_REDIRECT = 4;
    public static final int ACTION_BREAK = 5;
    public static final int ACTION_PRIORITY = 6;
    public static final int MATCH_SOURCE_ZEROTIER_ADDRESS = 24;
    public static final int MATCH_DEST_ZEROTIER_ADDRESS = 25;
    public static final int MATCH_VLAN_ID = 26;
    public static final int MATCH_VLAN_PCP = 27;
    public static final int MATCH_VLAN_DEI = 28;
    public static final int MATCH_MAC_SOURCE = 29;
    public static final int MATCH_MAC_DEST = 30;
    public static final int MATCH_IPV4_SOURCE = 31;
    public static final int MATCH_IPV4_DEST = 32;
    public static final int MATCH_IPV6_SOURCE = 33;
    public static final int MATCH_IPV6_DEST = 34;
    public static final int MATCH_IP_TOS = 35;
    public static final int MATCH_IP_PROTOCOL = 36;
    public static final int MATCH_ETHERTYPE = 37;
    public static final int MATCH_ICMP = 38;
    public static final int MATCH_IP_SOURCE_PORT_RANGE = 39;
    public static final int MATCH_IP_DEST_PORT_RANGE = 40;
    public static final int MATCH_CHARACTERISTICS = 41;
    public static final int MATCH_FRAME_SIZE_RANGE = 42;
    public static final int MATCH_RANDOM = 43;
    public static final int MATCH_TAGS_DIFFERENCE = 44;
    public static final int MATCH_TAGS_BITWISE_AND = 45;
    public static final int MATCH_TAGS_BITWISE_OR = 46;
    public static final int MATCH_TAGS_BITWISE_XOR = 47;
    public static final int MATCH_TAGS_EQUAL = 48;
    public static final int MATCH_TAG_SENDER = 49;
    public static final int MATCH_TAG_RECEIVER = 50;
    public static final int MATCH_INTEGER_RANGE = 51;
}

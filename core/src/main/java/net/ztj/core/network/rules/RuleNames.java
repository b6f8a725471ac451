package net.ztj.core.network.rules;

import net.ztj.core.network.rules.Rule.*;

/** The JSON {@code type} names of rules (spec 04 §13). */
final class RuleNames {
    private RuleNames() {}

    /** The name of a rule, or null for rules without a JSON form. */
    static String nameOf(Rule rule) {
        return switch (rule) {
            case Drop r -> "ACTION_DROP";
            case Accept r -> "ACTION_ACCEPT";
            case Tee r -> "ACTION_TEE";
            case Watch r -> "ACTION_WATCH";
            case Redirect r -> "ACTION_REDIRECT";
            case Break r -> "ACTION_BREAK";
            case Priority r -> null;
            case ReservedAction r -> null;
            case SourceZtAddress r -> "MATCH_SOURCE_ZEROTIER_ADDRESS";
            case DestZtAddress r -> "MATCH_DEST_ZEROTIER_ADDRESS";
            case VlanId r -> "MATCH_VLAN_ID";
            case VlanPcp r -> "MATCH_VLAN_PCP";
            case VlanDei r -> "MATCH_VLAN_DEI";
            case MacSource r -> "MATCH_MAC_SOURCE";
            case MacDest r -> "MATCH_MAC_DEST";
            case Ipv4Source r -> "MATCH_IPV4_SOURCE";
            case Ipv4Dest r -> "MATCH_IPV4_DEST";
            case Ipv6Source r -> "MATCH_IPV6_SOURCE";
            case Ipv6Dest r -> "MATCH_IPV6_DEST";
            case IpTos r -> "MATCH_IP_TOS";
            case IpProtocol r -> "MATCH_IP_PROTOCOL";
            case Ethertype r -> "MATCH_ETHERTYPE";
            case Icmp r -> "MATCH_ICMP";
            case SourcePortRange r -> "MATCH_IP_SOURCE_PORT_RANGE";
            case DestPortRange r -> "MATCH_IP_DEST_PORT_RANGE";
            case Characteristics r -> "MATCH_CHARACTERISTICS";
            case FrameSizeRange r -> "MATCH_FRAME_SIZE_RANGE";
            case RandomMatch r -> "MATCH_RANDOM";
            case TagsDifference r -> "MATCH_TAGS_DIFFERENCE";
            case TagsBitwiseAnd r -> "MATCH_TAGS_BITWISE_AND";
            case TagsBitwiseOr r -> "MATCH_TAGS_BITWISE_OR";
            case TagsBitwiseXor r -> "MATCH_TAGS_BITWISE_XOR";
            case TagsEqual r -> "MATCH_TAGS_EQUAL";
            case TagSender r -> "MATCH_TAG_SENDER";
            case TagReceiver r -> "MATCH_TAG_RECEIVER";
            case IntegerRange r -> "INTEGER_RANGE";
            case UnknownMatch r -> null;
        };
    }
}

package net.ztj.controller.rules.compiler;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The words of the rules language and the names it gives to numbers (ethertypes, IP protocols, flag bits). */
final class Vocabulary {
    private Vocabulary() {}

    /** Keywords that open a block ended by {@code ;}. */
    static final Set<String> BLOCK_KEYWORDS = Set.of("macro", "tag", "cap", "drop", "accept", "tee", "watch",
            "redirect", "break", "priority");

    /** Words that cannot name a tag, capability or macro, nor stand as a match argument. */
    static final Set<String> RESERVED = Set.of("macro", "tag", "cap", "default", "drop", "accept", "tee", "watch",
            "redirect", "break", "priority", "ztsrc", "ztdest", "vlan", "vlanpcp", "vlandei", "ethertype", "macsrc",
            "macdest", "ipsrc", "ipdest", "iptos", "ipprotocol", "icmp", "sport", "dport", "chr", "framesize", "random",
            "tand", "tor", "txor", "tdiff", "teq", "tseq", "treq", "type", "enum", "class", "define", "import",
            "include", "log", "not", "xor", "or", "and", "set", "var", "let");

    /** Each match keyword with the number of arguments it takes. */
    static final Map<String, Integer> MATCH_ARGUMENTS = Map.ofEntries(
            Map.entry("ztsrc", 1), Map.entry("ztdest", 1), Map.entry("vlan", 1), Map.entry("vlanpcp", 1),
            Map.entry("vlandei", 1), Map.entry("ethertype", 1), Map.entry("macsrc", 1), Map.entry("macdest", 1),
            Map.entry("ipsrc", 1), Map.entry("ipdest", 1), Map.entry("iptos", 2), Map.entry("ipprotocol", 1),
            Map.entry("icmp", 2), Map.entry("sport", 1), Map.entry("dport", 1), Map.entry("chr", 1),
            Map.entry("framesize", 1), Map.entry("random", 1), Map.entry("tand", 2), Map.entry("tor", 2),
            Map.entry("txor", 2), Map.entry("tdiff", 2), Map.entry("teq", 2), Map.entry("tseq", 2),
            Map.entry("treq", 2));

    /** The rule type of each match keyword that maps to one type (ipsrc/ipdest depend on the address family). */
    static final Map<String, String> MATCH_TYPES = Map.ofEntries(
            Map.entry("ztsrc", "MATCH_SOURCE_ZEROTIER_ADDRESS"), Map.entry("ztdest", "MATCH_DEST_ZEROTIER_ADDRESS"),
            Map.entry("vlan", "MATCH_VLAN_ID"), Map.entry("vlanpcp", "MATCH_VLAN_PCP"),
            Map.entry("vlandei", "MATCH_VLAN_DEI"), Map.entry("ethertype", "MATCH_ETHERTYPE"),
            Map.entry("macsrc", "MATCH_MAC_SOURCE"), Map.entry("macdest", "MATCH_MAC_DEST"),
            Map.entry("iptos", "MATCH_IP_TOS"), Map.entry("ipprotocol", "MATCH_IP_PROTOCOL"),
            Map.entry("icmp", "MATCH_ICMP"), Map.entry("sport", "MATCH_IP_SOURCE_PORT_RANGE"),
            Map.entry("dport", "MATCH_IP_DEST_PORT_RANGE"), Map.entry("chr", "MATCH_CHARACTERISTICS"),
            Map.entry("framesize", "MATCH_FRAME_SIZE_RANGE"), Map.entry("random", "MATCH_RANDOM"),
            Map.entry("tand", "MATCH_TAGS_BITWISE_AND"), Map.entry("tor", "MATCH_TAGS_BITWISE_OR"),
            Map.entry("txor", "MATCH_TAGS_BITWISE_XOR"), Map.entry("tdiff", "MATCH_TAGS_DIFFERENCE"),
            Map.entry("teq", "MATCH_TAGS_EQUAL"), Map.entry("tseq", "MATCH_TAG_SENDER"),
            Map.entry("treq", "MATCH_TAG_RECEIVER"));

    /** Bit indexes of the {@code chr} names (0 is the least significant bit). */
    static final Map<String, Integer> CHARACTERISTIC_BITS = Map.ofEntries(
            Map.entry("inbound", 63), Map.entry("multicast", 62), Map.entry("broadcast", 61),
            Map.entry("ipauth", 60), Map.entry("macauth", 59), Map.entry("tcp_fin", 0), Map.entry("tcp_syn", 1),
            Map.entry("tcp_rst", 2), Map.entry("tcp_psh", 3), Map.entry("tcp_ack", 4), Map.entry("tcp_urg", 5),
            Map.entry("tcp_ece", 6), Map.entry("tcp_cwr", 7), Map.entry("tcp_ns", 8), Map.entry("tcp_rs2", 9),
            Map.entry("tcp_rs1", 10), Map.entry("tcp_rs0", 11));

    /** Ethertype names. */
    static final Map<String, Long> ETHERTYPES = Map.of("ipv4", 0x0800L, "arp", 0x0806L, "wol", 0x0842L,
            "rarp", 0x8035L, "ipv6", 0x86ddL, "atalk", 0x809bL, "aarp", 0x80f3L, "ipx_a", 0x8137L, "ipx_b", 0x8138L);

    /** IP protocol names. */
    static final Map<String, Long> IP_PROTOCOLS = Map.ofEntries(Map.entry("icmp", 1L), Map.entry("icmp4", 1L),
            Map.entry("icmpv4", 1L), Map.entry("igmp", 2L), Map.entry("ipip", 4L), Map.entry("tcp", 6L),
            Map.entry("egp", 8L), Map.entry("igp", 9L), Map.entry("udp", 17L), Map.entry("rdp", 27L),
            Map.entry("esp", 50L), Map.entry("ah", 51L), Map.entry("icmp6", 58L), Map.entry("icmpv6", 58L),
            Map.entry("l2tp", 115L), Map.entry("sctp", 132L), Map.entry("udplite", 136L));

    /** ZeroTier's limits on what a network config carries (ZT_MAX_NETWORK_RULES and friends). */
    static final int MAX_RULES = 1024;
    static final int MAX_CAPABILITIES = 128;
    static final int MAX_CAPABILITY_RULES = 64;
    static final int MAX_TAGS = 128;

    /**
     * A name for a tag, capability, macro, flag or enum: not empty, not starting with a digit, made of letters,
     * digits and {@code _} (the reference takes letters and digits of the Basic Multilingual Plane).
     */
    static boolean isValidName(String n) {
        if (n.isEmpty() || (n.charAt(0) >= '0' && n.charAt(0) <= '9')) return false;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            boolean asciiAlnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (c != '_' && !asciiAlnum && !(c >= 0xaa && Character.isLetter(c))) return false;
        }
        return true;
    }

    /** " (did you mean 'x'?)" for the candidate within two edits of {@code word}, or "" when there is none. */
    static String suggestion(String word, Collection<String> candidates) {
        if (word.length() < 3) return "";
        String best = null;
        int bestDistance = 3;
        for (String c : new TreeSet<>(candidates)) {
            int d = editDistance(word, c, bestDistance);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** The Levenshtein distance of a and b, or {@code limit} when it is at least that. */
    private static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) return limit;
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return Math.min(previous[b.length()], limit);
    }
}

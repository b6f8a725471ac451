package net.ztj.core.network.rules;

import net.ztj.core.network.rules.Rule.*;
import net.ztj.core.wire.IpText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The controller's JSON form of rules (spec 04 §13), over a plain tree (maps, lists, strings, numbers, booleans)
 * so that core needs no JSON library. Rendering sorts keys as the reference controller does; parsing is as
 * lenient as the reference (numbers, decimal strings or booleans for integers) and drops what it does not know.
 */
public final class RuleJson {
    private static final long ADDRESS_MASK = 0xffffffffffL;

    private RuleJson() {}

    /** Renders rules, leaving out those with no JSON form (PRIORITY, reserved actions, unknown matches). */
    public static List<Map<String, Object>> render(List<? extends Rule> rules) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Rule r : rules) render(r).ifPresent(out::add);
        return out;
    }

    /** Parses rule objects, dropping those that do not parse (unknown type, INTEGER_RANGE, PRIORITY). */
    public static List<Rule> parse(List<?> json) {
        List<Rule> out = new ArrayList<>();
        for (Object o : json) if (o instanceof Map<?, ?> m) parse(m).ifPresent(out::add);
        return out;
    }

    /** One rule as a JSON object, or empty if it has no JSON form. */
    public static Optional<Map<String, Object>> render(Rule rule) {
        Map<String, Object> j = new TreeMap<>();
        String name = RuleNames.nameOf(rule);
        if (name == null) return Optional.empty();
        j.put("type", name);
        if (rule instanceof Match m) {
            j.put("not", m.not());
            j.put("or", m.or());
        }
        switch (rule) {
            case Tee t -> forwarding(j, t, true);
            case Watch w -> forwarding(j, w, true);
            case Redirect r -> forwarding(j, r, false);
            case SourceZtAddress m -> j.put("zt", hex(m.address(), 10));
            case DestZtAddress m -> j.put("zt", hex(m.address(), 10));
            case VlanId m -> j.put("vlanId", (long) m.vlanId());
            case VlanPcp m -> j.put("vlanPcp", (long) m.pcp());
            case VlanDei m -> j.put("vlanDei", (long) m.dei());
            case MacSource m -> j.put("mac", mac(m.mac()));
            case MacDest m -> j.put("mac", mac(m.mac()));
            case Ipv4Source m -> j.put("ip", ipv4(m.address(), m.prefixBits()));
            case Ipv4Dest m -> j.put("ip", ipv4(m.address(), m.prefixBits()));
            case Ipv6Source m -> j.put("ip", ipv6(m.addressHigh(), m.addressLow(), m.prefixBits()));
            case Ipv6Dest m -> j.put("ip", ipv6(m.addressHigh(), m.addressLow(), m.prefixBits()));
            case IpTos m -> {
                j.put("mask", (long) m.mask());
                range(j, m.start(), m.end());
            }
            case IpProtocol m -> j.put("ipProtocol", (long) m.protocol());
            case Ethertype m -> j.put("etherType", (long) m.ethertype());
            case Icmp m -> {
                j.put("icmpType", (long) m.icmpType());
                j.put("icmpCode", (m.flags() & Icmp.FLAG_CHECK_CODE) != 0 ? (Object) (long) m.icmpCode() : null);
            }
            case SourcePortRange m -> range(j, m.start(), m.end());
            case DestPortRange m -> range(j, m.start(), m.end());
            case Characteristics m -> j.put("mask", hex(m.mask(), 16));
            case FrameSizeRange m -> range(j, m.start(), m.end());
            case RandomMatch m -> j.put("probability", m.probability());
            case TagMatch m -> {
                j.put("id", m.id());
                j.put("value", m.value());
            }
            case IntegerRange m -> {
                j.put("start", hex(m.start(), 16));
                j.put("end", hex(m.end(), 16));
                j.put("idx", (long) m.index());
                j.put("little", m.littleEndian());
                j.put("bits", (long) m.bits());
            }
            default -> { }
        }
        return Optional.of(j);
    }

    /** Parses one rule object; empty if its type is unknown or not accepted as input. */
    public static Optional<Rule> parse(Map<?, ?> j) {
        if (!(j.get("type") instanceof String name)) return Optional.empty();
        boolean not = JsonValues.bool(j.get("not"));
        boolean or = JsonValues.bool(j.get("or"));
        Rule rule = switch (name) {
            case "ACTION_DROP" -> new Drop();
            case "ACTION_ACCEPT" -> new Accept();
            case "ACTION_BREAK" -> new Break();
            case "ACTION_TEE" -> new Tee(address(j.get("address")), u32(j.get("flags")), u16(j.get("length")));
            case "ACTION_WATCH" -> new Watch(address(j.get("address")), u32(j.get("flags")), u16(j.get("length")));
            case "ACTION_REDIRECT" -> new Redirect(address(j.get("address")), u32(j.get("flags")), 0);
            case "MATCH_SOURCE_ZEROTIER_ADDRESS" -> new SourceZtAddress(not, or, address(j.get("zt")));
            case "MATCH_DEST_ZEROTIER_ADDRESS" -> new DestZtAddress(not, or, address(j.get("zt")));
            case "MATCH_VLAN_ID" -> new VlanId(not, or, u16(j.get("vlanId")));
            case "MATCH_VLAN_PCP" -> new VlanPcp(not, or, u8(j.get("vlanPcp")));
            case "MATCH_VLAN_DEI" -> new VlanDei(not, or, u8(j.get("vlanDei")));
            case "MATCH_MAC_SOURCE" -> new MacSource(not, or, mac(j.get("mac")));
            case "MATCH_MAC_DEST" -> new MacDest(not, or, mac(j.get("mac")));
            case "MATCH_IPV4_SOURCE", "MATCH_IPV4_DEST", "MATCH_IPV6_SOURCE", "MATCH_IPV6_DEST" ->
                    JsonValues.ipRule(name, not, or, j.get("ip"));
            case "MATCH_IP_TOS" -> new IpTos(not, or, u8(j.get("mask")), u8(j.get("start")), u8(j.get("end")));
            case "MATCH_IP_PROTOCOL" -> new IpProtocol(not, or, u8(j.get("ipProtocol")));
            case "MATCH_ETHERTYPE" -> new Ethertype(not, or, u16(j.get("etherType")));
            case "MATCH_ICMP" -> j.get("icmpCode") == null
                    ? new Icmp(not, or, u8(j.get("icmpType")), 0, 0)
                    : new Icmp(not, or, u8(j.get("icmpType")), u8(j.get("icmpCode")), Icmp.FLAG_CHECK_CODE);
            case "MATCH_IP_SOURCE_PORT_RANGE" -> new SourcePortRange(not, or, u16(j.get("start")), end16(j));
            case "MATCH_IP_DEST_PORT_RANGE" -> new DestPortRange(not, or, u16(j.get("start")), end16(j));
            case "MATCH_CHARACTERISTICS" -> new Characteristics(not, or, JsonValues.numberOrHex(j.get("mask")));
            case "MATCH_FRAME_SIZE_RANGE" -> new FrameSizeRange(not, or, u16(j.get("start")), end16(j));
            case "MATCH_RANDOM" -> new RandomMatch(not, or, u32(j.get("probability")));
            case "MATCH_TAGS_DIFFERENCE" -> new TagsDifference(not, or, u32(j.get("id")), u32(j.get("value")));
            case "MATCH_TAGS_BITWISE_AND" -> new TagsBitwiseAnd(not, or, u32(j.get("id")), u32(j.get("value")));
            case "MATCH_TAGS_BITWISE_OR" -> new TagsBitwiseOr(not, or, u32(j.get("id")), u32(j.get("value")));
            case "MATCH_TAGS_BITWISE_XOR" -> new TagsBitwiseXor(not, or, u32(j.get("id")), u32(j.get("value")));
            case "MATCH_TAGS_EQUAL" -> new TagsEqual(not, or, u32(j.get("id")), u32(j.get("value")));
            case "MATCH_TAG_SENDER" -> new TagSender(not, or, u32(j.get("id")), u32(j.get("value")));
            case "MATCH_TAG_RECEIVER" -> new TagReceiver(not, or, u32(j.get("id")), u32(j.get("value")));
            default -> null; // includes INTEGER_RANGE and ACTION_PRIORITY (spec 04 §13 quirk)
        };
        return Optional.ofNullable(rule);
    }

    private static void forwarding(Map<String, Object> j, Forwarding f, boolean withLength) {
        j.put("address", hex(f.address(), 10));
        j.put("flags", f.flags());
        if (withLength) j.put("length", (long) f.length());
    }

    private static void range(Map<String, Object> j, int start, int end) {
        j.put("start", (long) start);
        j.put("end", (long) end);
    }

    private static int end16(Map<?, ?> j) {
        return j.containsKey("end") && j.get("end") != null ? u16(j.get("end")) : u16(j.get("start"));
    }

    private static long address(Object o) {
        return JsonValues.hexPrefix(o) & ADDRESS_MASK;
    }

    private static long mac(Object o) {
        if (!(o instanceof String s)) return 0;
        return JsonValues.hexPrefix(s.replace(":", "").replace("-", "")) & 0xffffffffffffL;
    }

    private static int u8(Object o) {
        return (int) (JsonValues.integer(o) & 0xff);
    }

    private static int u16(Object o) {
        return (int) (JsonValues.integer(o) & 0xffff);
    }

    private static long u32(Object o) {
        return JsonValues.integer(o) & 0xffffffffL;
    }

    static String hex(long v, int digits) {
        String s = Long.toHexString(v);
        return "0".repeat(Math.max(0, digits - s.length())) + s;
    }

    private static String mac(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            sb.append(hex((mac >>> (8 * i)) & 0xff, 2));
            if (i > 0) sb.append(':');
        }
        return sb.toString();
    }

    private static String ipv4(int address, int bits) {
        byte[] b = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        return IpText.format(b) + "/" + bits;
    }

    private static String ipv6(long high, long low, int bits) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return IpText.format(b) + "/" + bits;
    }
}

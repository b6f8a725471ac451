package net.ztj.core.network.rules;

/**
 * One Ethernet frame as the rules engine inspects it (spec 03 §9.4).
 *
 * @param direction     inbound (received from a peer) or outbound (from our tap)
 * @param sourceAddress ZeroTier address of the sender (40 bits)
 * @param destAddress   ZeroTier address of the recipient, 0 = none (multicast, bridge fan-out)
 * @param macSource     source MAC (48 bits)
 * @param macDest       destination MAC (48 bits)
 * @param ethertype     the frame's ethertype
 * @param vlanId        VLAN ID (always 0 in 1.14)
 * @param payload       the frame payload from the L3 header on; its length is the frame length of the rules
 */
public record RuleFrame(Direction direction, long sourceAddress, long destAddress, long macSource, long macDest,
                        int ethertype, int vlanId, byte[] payload) {
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_IPV6 = 0x86dd;

    public boolean inbound() {
        return direction == Direction.INBOUND;
    }

    /** The frame length the rules see: the payload length. */
    public int length() {
        return payload.length;
    }
}

package net.ztj.core.network.rules;

/** The bits of a MATCH_CHARACTERISTICS mask (spec 03 §9.2). */
public final class Characteristic {
    private Characteristic() {}

    public static final long INBOUND = 0x8000000000000000L;
    public static final long MULTICAST = 0x4000000000000000L;
    public static final long BROADCAST = 0x2000000000000000L;
    public static final long SENDER_IP_AUTHENTICATED = 0x1000000000000000L;
    public static final long SENDER_MAC_AUTHENTICATED = 0x0800000000000000L;
    public static final long TCP_RESERVED_0 = 0x0800;
    public static final long TCP_RESERVED_1 = 0x0400;
    public static final long TCP_RESERVED_2 = 0x0200;
    public static final long TCP_NS = 0x0100;
    public static final long TCP_CWR = 0x0080;
    public static final long TCP_ECE = 0x0040;
    public static final long TCP_URG = 0x0020;
    public static final long TCP_ACK = 0x0010;
    public static final long TCP_PSH = 0x0008;
    public static final long TCP_RST = 0x0004;
    public static final long TCP_SYN = 0x0002;
    public static final long TCP_FIN = 0x0001;
}

package net.ztj.tap;

import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.ztj.linux.Libc;

/**
 * Pure encoder and decoder of the rtnetlink messages {@link Netlink} exchanges with the kernel (layouts
 * from {@code <linux/netlink.h>}, {@code <linux/rtnetlink.h>}, {@code <linux/if_addr.h>}): host byte order,
 * every message and attribute padded to 4 bytes. No I/O, so it is tested byte for byte without root.
 */
final class RtnlMessages {
    // nlmsghdr: u32 len, u16 type, u16 flags, u32 seq, u32 pid
    static final int NLMSG_HDRLEN = 16;
    static final int NLMSG_NOOP = 1, NLMSG_ERROR = 2, NLMSG_DONE = 3, NLMSG_OVERRUN = 4;
    static final int NLM_F_REQUEST = 0x1, NLM_F_MULTI = 0x2, NLM_F_ACK = 0x4, NLM_F_DUMP = 0x300,
            NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400;
    static final int RTM_NEWLINK = 16, RTM_GETLINK = 18, RTM_NEWADDR = 20, RTM_DELADDR = 21, RTM_GETADDR = 22,
            RTM_NEWROUTE = 24, RTM_DELROUTE = 25;
    // ifaddrmsg: u8 family, u8 prefixlen, u8 flags, u8 scope, u32 index; then IFA_* attributes
    static final int IFADDRMSG_LEN = 8;
    static final int IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_LABEL = 3, IFA_BROADCAST = 4, IFA_FLAGS = 8;
    static final int IFA_F_PERMANENT = 0x80;
    // rtmsg: u8 family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags; then RTA_*
    static final int RTMSG_LEN = 12;
    static final int RTA_DST = 1, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_PRIORITY = 6;
    static final int RT_TABLE_MAIN = 254, RTPROT_STATIC = 4, RT_SCOPE_UNIVERSE = 0, RT_SCOPE_NOWHERE = 255,
            RTN_UNSPEC = 0, RTN_UNICAST = 1;
    // ifinfomsg: u8 family, u8 pad, u16 type, s32 index, u32 flags, u32 change; then IFLA_*
    static final int IFINFOMSG_LEN = 16;
    static final int IFLA_IFNAME = 3;
    static final int AF_UNSPEC = 0;

    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private RtnlMessages() {
    }

    /** RTM_NEWADDR (create, exclusive, ack): permanent, scope universe; IPv4 also gets local, broadcast, label. */
    static byte[] newAddress(int seq, int ifIndex, String label, IpPrefix address) {
        Writer w = new Writer(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq);
        ifaddrmsg(w, ifIndex, address, IFA_F_PERMANENT);
        byte[] ip = address.address().getAddress();
        w.attr(IFA_LOCAL, ip);
        w.attr(IFA_ADDRESS, ip);
        if (!address.isIpv6()) {
            if (address.length() <= 30) {
                w.attr(IFA_BROADCAST, address.broadcast().getAddress());
            }
            w.attrString(IFA_LABEL, label);
        }
        return w.finish();
    }

    /** RTM_DELADDR (ack) of {@code address} on the interface. */
    static byte[] deleteAddress(int seq, int ifIndex, IpPrefix address) {
        Writer w = new Writer(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, seq);
        ifaddrmsg(w, ifIndex, address, 0);
        byte[] ip = address.address().getAddress();
        w.attr(IFA_LOCAL, ip);
        w.attr(IFA_ADDRESS, ip);
        return w.finish();
    }

    private static void ifaddrmsg(Writer w, int ifIndex, IpPrefix address, int flags) {
        w.u8(family(address)).u8(address.length()).u8(flags).u8(RT_SCOPE_UNIVERSE).u32(ifIndex);
    }

    /** RTM_GETADDR dump of every address of every family. */
    static byte[] dumpAddresses(int seq) {
        Writer w = new Writer(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, seq);
        w.u8(AF_UNSPEC).u8(0).u8(0).u8(0).u32(0);
        return w.finish();
    }

    /**
     * RTM_NEWROUTE (create, exclusive, ack) in the main table, protocol static, scope universe, unicast:
     * destination {@code target} (host bits cleared), gateway when not null, output interface, priority.
     */
    static byte[] newRoute(int seq, IpPrefix target, InetAddress gateway, int ifIndex, int metric) {
        Writer w = new Writer(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq);
        routeAttributes(w, target, gateway, ifIndex, metric, RT_SCOPE_UNIVERSE, RTN_UNICAST);
        return w.finish();
    }

    /**
     * RTM_DELROUTE (ack) of a static main-table route: destination, gateway when not null, output
     * interface, and priority when {@code metric > 0}; scope "nowhere" and type unspecified match any.
     */
    static byte[] deleteRoute(int seq, IpPrefix target, InetAddress gateway, int ifIndex, int metric) {
        Writer w = new Writer(RTM_DELROUTE, NLM_F_REQUEST | NLM_F_ACK, seq);
        routeAttributes(w, target, gateway, ifIndex, metric, RT_SCOPE_NOWHERE, RTN_UNSPEC);
        return w.finish();
    }

    private static void routeAttributes(Writer w, IpPrefix target, InetAddress gateway, int ifIndex, int metric,
                                        int scope, int type) {
        IpPrefix net = target.network();
        w.u8(family(net)).u8(net.length()).u8(0).u8(0)
                .u8(RT_TABLE_MAIN).u8(RTPROT_STATIC).u8(scope).u8(type).u32(0);
        w.attr(RTA_DST, net.address().getAddress());
        if (gateway != null) {
            w.attr(RTA_GATEWAY, gateway.getAddress());
        }
        if (ifIndex > 0) {
            w.attrU32(RTA_OIF, ifIndex);
        }
        if (metric > 0) {
            w.attrU32(RTA_PRIORITY, metric);
        }
    }

    /** RTM_GETLINK of the interface named {@code name} (the kernel looks it up by IFLA_IFNAME). */
    static byte[] getLink(int seq, String name) {
        Writer w = new Writer(RTM_GETLINK, NLM_F_REQUEST, seq);
        w.u8(AF_UNSPEC).u8(0).u16(0).u32(0).u32(0).u32(0);
        w.attrString(IFLA_IFNAME, name);
        return w.finish();
    }

    private static int family(IpPrefix p) {
        return p.isIpv6() ? Libc.AF_INET6 : Libc.AF_INET;
    }

    /** One decoded netlink message; {@code payload} starts after the 16-byte header (read-only view). */
    record Message(int type, int flags, int seq, int pid, ByteBuffer payload) {
    }

    /**
     * Splits a received datagram into its messages.
     *
     * @throws ProtocolException if a length field is inconsistent
     */
    static List<Message> split(ByteBuffer datagram) throws ProtocolException {
        ByteBuffer b = datagram.slice().order(ORDER);
        List<Message> out = new ArrayList<>();
        int pos = 0;
        while (b.limit() - pos >= NLMSG_HDRLEN) {
            int len = b.getInt(pos);
            if (len < NLMSG_HDRLEN || len > b.limit() - pos) {
                throw new ProtocolException("malformed netlink message: length " + Integer.toUnsignedString(len)
                        + " at offset " + pos + " of " + b.limit());
            }
            int type = Short.toUnsignedInt(b.getShort(pos + 4));
            int flags = Short.toUnsignedInt(b.getShort(pos + 6));
            ByteBuffer payload = b.slice(pos + NLMSG_HDRLEN, len - NLMSG_HDRLEN).order(ORDER).asReadOnlyBuffer();
            out.add(new Message(type, flags, b.getInt(pos + 8), b.getInt(pos + 12), payload.order(ORDER)));
            pos += Math.min(align(len), b.limit() - pos);
        }
        return out;
    }

    /**
     * The positive errno of an NLMSG_ERROR message, or 0 for a plain acknowledgement.
     *
     * @throws ProtocolException if the message is not a complete NLMSG_ERROR
     */
    static int errno(Message m) throws ProtocolException {
        if (m.type() != NLMSG_ERROR || m.payload().remaining() < 4) {
            throw new ProtocolException("not a netlink error message: type " + m.type());
        }
        return -m.payload().getInt(0);
    }

    /** The interface index of an RTM_NEWLINK reply. */
    static int linkIndex(Message m) throws ProtocolException {
        if (m.type() != RTM_NEWLINK || m.payload().remaining() < IFINFOMSG_LEN) {
            throw new ProtocolException("not a link message: type " + m.type());
        }
        return m.payload().getInt(4);
    }

    /**
     * The address of an RTM_NEWADDR message (IFA_LOCAL if present, else IFA_ADDRESS), or null when it is
     * neither IPv4 nor IPv6 or carries no address.
     *
     * @throws ProtocolException if the message is truncated or an attribute length is inconsistent
     */
    static LinkAddress address(Message m) throws ProtocolException {
        ByteBuffer p = m.payload();
        if (m.type() != RTM_NEWADDR || p.remaining() < IFADDRMSG_LEN) {
            throw new ProtocolException("not an address message: type " + m.type());
        }
        int family = Byte.toUnsignedInt(p.get(0));
        int expectedLength = family == Libc.AF_INET ? 4 : family == Libc.AF_INET6 ? 16 : -1;
        if (expectedLength < 0) {
            return null;
        }
        int prefixLength = Byte.toUnsignedInt(p.get(1));
        int flags = Byte.toUnsignedInt(p.get(2));
        int ifIndex = p.getInt(4);
        byte[] local = null, address = null;
        String label = "";
        for (Attribute a : attributes(p, IFADDRMSG_LEN)) {
            switch (a.type()) {
                case IFA_LOCAL -> local = a.bytes();
                case IFA_ADDRESS -> address = a.bytes();
                case IFA_LABEL -> label = a.string();
                case IFA_FLAGS -> flags = a.value().remaining() >= 4 ? a.value().getInt(0) : flags;
                default -> { }
            }
        }
        byte[] ip = local != null ? local : address;
        if (ip == null || ip.length != expectedLength || prefixLength > expectedLength * 8) {
            return null;
        }
        try {
            return new LinkAddress(ifIndex, new IpPrefix(InetAddress.getByAddress(ip), prefixLength), label, flags);
        } catch (UnknownHostException e) {
            return null; // unreachable: the length was checked
        }
    }

    /** One attribute: its type (flags masked off) and value (read-only view). */
    record Attribute(int type, ByteBuffer value) {
        byte[] bytes() {
            byte[] out = new byte[value.remaining()];
            value.get(0, out);
            return out;
        }

        /** A NUL-terminated string value. */
        String string() {
            byte[] raw = bytes();
            int end = 0;
            while (end < raw.length && raw[end] != 0) {
                end++;
            }
            return new String(raw, 0, end, StandardCharsets.UTF_8);
        }
    }

    /**
     * The attributes following a fixed header of {@code offset} bytes in {@code payload}.
     *
     * @throws ProtocolException if an attribute length is inconsistent
     */
    static List<Attribute> attributes(ByteBuffer payload, int offset) throws ProtocolException {
        ByteBuffer p = payload.duplicate().order(ORDER);
        List<Attribute> out = new ArrayList<>();
        int pos = offset;
        while (p.limit() - pos >= 4) {
            int len = Short.toUnsignedInt(p.getShort(pos));
            int type = Short.toUnsignedInt(p.getShort(pos + 2)) & 0x3fff; // without NLA_F_NESTED, NLA_F_NET_BYTEORDER
            if (len < 4 || len > p.limit() - pos) {
                throw new ProtocolException("malformed netlink attribute: length " + len + " at offset " + pos);
            }
            out.add(new Attribute(type, p.slice(pos + 4, len - 4).order(ORDER).asReadOnlyBuffer().order(ORDER)));
            pos += Math.min(align(len), p.limit() - pos);
        }
        return out;
    }

    static int align(int len) {
        return (len + 3) & ~3;
    }

    /** Appends a message: header first, its length filled in by {@link #finish}. */
    private static final class Writer {
        private final ByteBuffer b = ByteBuffer.allocate(512).order(ORDER);

        Writer(int type, int flags, int seq) {
            b.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        }

        Writer u8(int v) {
            b.put((byte) v);
            return this;
        }

        Writer u16(int v) {
            b.putShort((short) v);
            return this;
        }

        Writer u32(int v) {
            b.putInt(v);
            return this;
        }

        void attr(int type, byte[] value) {
            b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
            while ((b.position() & 3) != 0) {
                b.put((byte) 0);
            }
        }

        void attrU32(int type, int value) {
            b.putShort((short) 8).putShort((short) type).putInt(value);
        }

        void attrString(int type, String value) {
            byte[] s = value.getBytes(StandardCharsets.UTF_8);
            attr(type, Arrays.copyOf(s, s.length + 1));
        }

        byte[] finish() {
            b.putInt(0, b.position());
            return Arrays.copyOf(b.array(), b.position());
        }
    }
}

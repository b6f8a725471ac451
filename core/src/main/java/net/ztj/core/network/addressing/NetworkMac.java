package net.ztj.core.network.addressing;

import net.ztj.core.identity.Address;

/**
 * The MAC a node uses on a network and the reverse mapping (spec 03 §2.1–§2.3). Each network gets its own
 * locally administered first octet, and the node address is scrambled with five network-ID bytes so that the same
 * node has different MACs on different networks.
 */
public final class NetworkMac {
    private NetworkMac() {}

    /** The first octet for a network: its low byte as a unicast, locally administered octet, 0x52 mapped to 0x32. */
    public static int firstOctet(NetworkId network) {
        int a = (int) ((network.value() & 0xfe) | 0x02);
        return a == 0x52 ? 0x32 : a;
    }

    /** The MAC of node {@code address} on {@code network}. */
    public static Mac of(Address address, NetworkId network) {
        long m = ((long) firstOctet(network) << 40) | address.value();
        return new Mac(m ^ scramble(network.value()));
    }

    /** The node address behind a MAC on {@code network}; the first octet is ignored. */
    public static Address addressOf(Mac mac, NetworkId network) {
        return new Address((mac.value() ^ scramble(network.value())) & 0xffffffffffL);
    }

    /** Whether a MAC carries this network's first octet, i.e. may name a member of it (spec 03 §4.1). */
    public static boolean isNetworkMac(Mac mac, NetworkId network) {
        return mac.firstOctet() == firstOctet(network);
    }

    /** Network-ID bytes 2..6 placed over the 40 address bits (byte 6 over the top address byte). */
    private static long scramble(long n) {
        return (((n >>> 8) & 0xff) << 32) | (((n >>> 16) & 0xff) << 24) | (((n >>> 24) & 0xff) << 16)
                | (((n >>> 32) & 0xff) << 8) | ((n >>> 40) & 0xff);
    }
}

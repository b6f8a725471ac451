package net.ztj.service.network;

/**
 * The Linux interface name of a network's port (spec 05 §8.2): {@code zt} and eight base-32 characters of
 * {@code (nwid XOR (nwid >> 24)) + trial}, so every host names a network's interface the same way.
 */
public final class InterfaceNames {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private InterfaceNames() {}

    /** The name for a trial number (0 unless the name of a lower trial is taken by another interface). */
    public static String forNetwork(long networkId, int trial) {
        long v = ((networkId ^ (networkId >>> 24)) + trial) & 0xffffffffffL;
        StringBuilder sb = new StringBuilder("zt");
        for (int shift = 35; shift >= 0; shift -= 5) sb.append(ALPHABET.charAt((int) ((v >>> shift) & 31)));
        return sb.toString();
    }
}

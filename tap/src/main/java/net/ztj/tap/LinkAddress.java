package net.ztj.tap;

/**
 * An address the kernel has on an interface, as {@link Netlink#listAddresses} reports it.
 *
 * @param ifIndex the interface index
 * @param address the address with its prefix length (host bits kept)
 * @param label   the IPv4 label (normally the interface name), empty for IPv6
 * @param flags   the kernel's IFA_F_* flags, e.g. {@link #TENTATIVE} while IPv6 duplicate detection runs
 */
public record LinkAddress(int ifIndex, IpPrefix address, String label, int flags) {
    /** IFA_F_TENTATIVE: an IPv6 address still in duplicate address detection. */
    public static final int TENTATIVE = 0x40;
    /** IFA_F_PERMANENT: a configured (not autoconfigured, not expiring) address. */
    public static final int PERMANENT = 0x80;
}

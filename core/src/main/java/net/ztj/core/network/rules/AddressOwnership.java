package net.ztj.core.network.rules;

/**
 * Whether the sender of a frame holds a valid certificate of ownership (or NDP-emulated prefix) for an IP or MAC
 * address, for the authenticated bits of MATCH_CHARACTERISTICS (spec 03 §9.5). Inbound this asks the remote
 * member's credentials; outbound it asks our own.
 */
public interface AddressOwnership {
    /** Never authenticated. */
    AddressOwnership NONE = new AddressOwnership() {
        @Override public boolean ownsIp(byte[] ip) { return false; }
        @Override public boolean ownsMac(long mac) { return false; }
    };

    /** @param ip 4 or 16 bytes, network order */
    boolean ownsIp(byte[] ip);

    /** @param mac 48 bits */
    boolean ownsMac(long mac);
}

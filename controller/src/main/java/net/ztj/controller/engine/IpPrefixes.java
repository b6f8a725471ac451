package net.ztj.controller.engine;

import net.ztj.core.network.config.IpNetworkPrefix;
import net.ztj.core.wire.IpText;

/** Reading the "ip" and "ip/number" strings of network and member records. */
final class IpPrefixes {
    private IpPrefixes() {}

    /** "ip/bits" (or "ip/port", or a bare "ip" meaning 0) as an address with its number; null if it is no IP. */
    static IpNetworkPrefix parse(String text) {
        if (text == null) return null;
        int slash = text.indexOf('/');
        try {
            byte[] ip = IpText.parse(slash < 0 ? text : text.substring(0, slash));
            int bits = slash < 0 ? 0 : Integer.parseInt(text.substring(slash + 1));
            return new IpNetworkPrefix(ip, bits);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package net.ztj.service.dns;

import java.util.List;

/**
 * Where a member puts the DNS settings its controller pushed, per network interface (spec 05 §8: ZeroTier One
 * does it on macOS and Windows only). Called from the ports' manager thread, never on the packet path.
 */
public interface SystemDns {
    /**
     * Makes the interface's DNS the given domain and servers; an empty domain or no servers removes what was set.
     * Calls with what is already applied do nothing.
     */
    void apply(String interfaceName, String domain, List<String> servers);

    /** Removes what was set on the interface (network left, allowDNS cleared, service stopping). */
    void remove(String interfaceName);

    /** Nowhere (DNS not applied). */
    SystemDns NONE = new SystemDns() {
        @Override
        public void apply(String interfaceName, String domain, List<String> servers) {}

        @Override
        public void remove(String interfaceName) {}
    };
}

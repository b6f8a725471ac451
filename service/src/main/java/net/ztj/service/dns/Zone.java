package net.ztj.service.dns;

import org.xbill.DNS.Name;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * The names of one network at one moment: {@code <label>.<domain>} and {@code <address>.<domain>} for each
 * authorized member with managed addresses, and the reverse. Immutable.
 *
 * @param networkId the network
 * @param domain    the zone's origin, absolute and lowercase
 * @param byLabel   member name label or 10-digit address to the member's managed addresses (configuration order)
 * @param byAddress a managed address to the names that lead to it (name label first, then the address label)
 */
public record Zone(long networkId, Name domain, Map<String, List<InetAddress>> byLabel,
                   Map<InetAddress, List<Name>> byAddress) {
    public Zone {
        byLabel = Map.copyOf(byLabel);
        byAddress = Map.copyOf(byAddress);
    }
}

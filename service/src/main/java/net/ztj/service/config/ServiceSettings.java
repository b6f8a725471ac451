package net.ztj.service.config;

import net.ztj.core.wire.Endpoint;
import net.ztj.transport.tcprelay.TcpFallbackSettings;

import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;

/**
 * The {@code settings} of local.conf that this build acts on (spec 05 §4.4), with their defaults.
 *
 * @param primaryPort              overrides {@code -p} when present (masked to 16 bits)
 * @param secondaryPort            0 = choose at random
 * @param tertiaryPort             the port mapped on the router (0 = choose at random) when port mapping is on
 * @param allowSecondaryPort       false: no secondary port
 * @param allowTcpFallbackRelay    false: the TCP relay is never used (spec 05 §9.5)
 * @param forceTcpRelay            only the TCP relay: no UDP socket bound, sent or received
 * @param tcpFallbackRelay         the relay's {@code ip/port} (ZeroTier's own relay by default)
 * @param bind                     bind exactly these addresses instead of the wildcard
 * @param interfacePrefixBlacklist interface name prefixes whose addresses are not advertised
 * @param allowManagementFrom      remote networks allowed to use the local API
 * @param softwareUpdate           reported only ({@code "disable"} by default)
 * @param softwareUpdateChannel    reported only ({@code "release"} by default)
 * @param controllerDb             the embedded controller's database (SQLite in {@code controller.d} by default)
 * @param portMappingEnabled       map the tertiary port on the router by PCP, NAT-PMP or UPnP (on by default)
 */
public record ServiceSettings(OptionalInt primaryPort, int secondaryPort, int tertiaryPort, boolean allowSecondaryPort,
                              boolean allowTcpFallbackRelay, boolean forceTcpRelay, Endpoint tcpFallbackRelay,
                              List<InetAddress> bind,
                              List<String> interfacePrefixBlacklist, List<IpNetwork> allowManagementFrom,
                              String softwareUpdate, String softwareUpdateChannel, ControllerDb controllerDb,
                              boolean portMappingEnabled) {
    public static final String DEFAULT_SOFTWARE_UPDATE = "disable";
    public static final String DEFAULT_SOFTWARE_UPDATE_CHANNEL = "release";

    public ServiceSettings {
        bind = List.copyOf(bind);
        interfacePrefixBlacklist = List.copyOf(interfacePrefixBlacklist);
        allowManagementFrom = List.copyOf(allowManagementFrom);
    }

    /** The TCP relay's settings. */
    public TcpFallbackSettings tcpFallback() {
        return new TcpFallbackSettings(allowTcpFallbackRelay, forceTcpRelay, tcpFallbackRelay);
    }

    /** The settings without a local.conf. */
    public static ServiceSettings defaults() {
        return new ServiceSettings(OptionalInt.empty(), 0, 0, true, true, false, TcpFallbackSettings.DEFAULT_RELAY,
                List.of(), List.of(), List.of(),
                DEFAULT_SOFTWARE_UPDATE, DEFAULT_SOFTWARE_UPDATE_CHANNEL, ControllerDb.DEFAULT, true);
    }
}

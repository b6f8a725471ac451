package net.ztj.service.api;

import net.ztj.core.wire.Endpoint;

import java.util.List;

/**
 * The service's own state that /status reports beside the node's (spec 05 §5.7.1).
 *
 * @param homeDir           the home path as given or derived, without trailing slash
 * @param primaryPort       the primary port in use
 * @param secondaryPort     the bound secondary port, 0 if none
 * @param tertiaryPort      the port mapped on the router, 0 if none (port mapping off)
 * @param listeningOn       every {@code ip/port} the node can be reached on, IPv4 first
 * @param tcpFallbackActive whether a TCP relay connection exists
 * @param portMapping       whether the build has a PCP/NAT-PMP/UPnP port mapper (this one has): without one,
 *                          {@code portMappingEnabled} reads false whatever local.conf says, as in ZeroTier One
 */
public record ServiceState(String homeDir, int primaryPort, int secondaryPort, int tertiaryPort,
                           List<Endpoint> listeningOn, boolean tcpFallbackActive, boolean portMapping) {
    public ServiceState {
        listeningOn = List.copyOf(listeningOn);
    }
}

package net.ztj.service.node;

import net.ztj.core.identity.Identity;
import net.ztj.core.node.PhysicalTransport;
import net.ztj.service.config.ControllerDb;
import net.ztj.service.home.HomeFolder;
import net.ztj.service.home.MoonFiles;
import net.ztj.service.home.PlanetFile;

import java.util.random.RandomGenerator;

/**
 * What the service has ready when the node core is created (spec 05 §2.3 step 3).
 *
 * @param identity     the node's secret identity
 * @param planet       the {@code planet} file: read to choose the planet (the core decides whether its bytes are a
 *                     valid planet), written when the node accepts a newer one
 * @param moons        {@code moons.d}: the factory loads every moon in it (the reference orbits each at start-up,
 *                     §2.3 step 11) and the core's events keep it current (written on orbit or update, deleted on
 *                     deorbit)
 * @param home         the home folder, for further state (peers.d)
 * @param transport    where the node sends datagrams
 * @param random       a strong random source
 * @param nowMs        the time of creation
 * @param controllerDb the embedded controller's database, from local.conf
 * @param ports        where the node's frames and configuration changes for the ports go
 * @param clockMs      the wall clock in ms, the node's time base
 * @param nodeThread   runs work on the node's thread without waiting (the controller's answers go back this way)
 * @param dnsAutoServers the controller pushes its node's own managed addresses as DNS servers of a network with a
 *                     domain and none (local.conf {@code settings.dns.autoServers})
 */
public record CoreContext(Identity identity, PlanetFile planet, MoonFiles moons, HomeFolder home,
                          PhysicalTransport transport, RandomGenerator random, long nowMs, ControllerDb controllerDb,
                          net.ztj.service.port.PortEvents ports, java.util.function.LongSupplier clockMs,
                          java.util.function.Consumer<NodeTask<?>> nodeThread, boolean dnsAutoServers) {
    public CoreContext(Identity identity, PlanetFile planet, MoonFiles moons, HomeFolder home,
                       PhysicalTransport transport, RandomGenerator random, long nowMs, ControllerDb controllerDb,
                       net.ztj.service.port.PortEvents ports, java.util.function.LongSupplier clockMs,
                       java.util.function.Consumer<NodeTask<?>> nodeThread) {
        this(identity, planet, moons, home, transport, random, nowMs, controllerDb, ports, clockMs, nodeThread, false);
    }
}

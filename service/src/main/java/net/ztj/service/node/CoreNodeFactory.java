package net.ztj.service.node;

import net.ztj.controller.engine.EmbeddedController;
import net.ztj.controller.store.ControllerStore;
import net.ztj.core.node.Node;
import net.ztj.core.node.NodeConfig;
import net.ztj.core.node.NodeEvents;
import net.ztj.core.identity.Address;
import net.ztj.service.home.PeerFiles;
import net.ztj.core.wire.MalformedException;
import net.ztj.core.world.DefaultPlanet;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.crypto.KeystreamRandom;
import net.ztj.core.world.WorldUpdates;
import net.ztj.service.home.MoonFiles;
import net.ztj.service.home.NetworkFiles;
import net.ztj.service.home.PlanetFile;
import net.ztj.service.port.PortEvents;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Creates the real core node (spec 05 §2.3 step 3): the planet from the {@code planet} file when it is a valid
 * planet (else the built-in one), every moon in {@code moons.d}, events that keep those files current, and the
 * embedded network controller with the storage local.conf chooses, SQLite in {@code controller.d} by default (spec 04
 * §1, §15), opened when the first network is written to it if it does not exist yet.
 */
public final class CoreNodeFactory implements NodeCoreFactory {
    private final PrintStream log;

    public CoreNodeFactory(PrintStream log) {
        this.log = log;
    }

    @Override
    public Created create(CoreContext c) {
        World cached = cachedPlanet(c);
        World planet = WorldUpdates.startupPlanet(cached, DefaultPlanet.world());
        Node node = new Node(c.identity(), planet, NodeConfig.DEFAULTS, c.transport(),
                new Persisting(c.planet(), c.moons(), new NetworkFiles(c.home().file("networks.d")),
                        new PeerFiles(c.home().file("peers.d"), log::println), c.ports(), log),
                new KeystreamRandom(c.random()), c.nowMs()); // per-packet randomness without a system call
        for (long id : c.moons().ids()) {
            Optional<World> moon = c.moons().read(id).flatMap(CoreNodeFactory::parse);
            if (moon.isPresent() && moon.get().type() == WorldType.MOON && moon.get().id() == id) {
                node.loadMoon(moon.get(), c.nowMs());
            } else {
                log.println("WARNING: ignoring unreadable moon file " + c.moons().file(id));
            }
        }
        ControllerStore store = ControllerStores.openWhenNeeded(c.controllerDb(), c.home().path());
        ControllerExecutor controller = new ControllerExecutor(new EmbeddedController(c.identity(), store, c.random(), c.dnsAutoServers()),
                c.nodeThread(), c.clockMs(), log, ControllerExecutor.QUEUE_CAPACITY);
        node.setController(controller);
        return new Created(new CoreNode(node), Optional.of(planet.serialize()), Optional.of(store), Optional.of(controller));
    }

    /**
     * The planet of the {@code planet} file, or null. A file that is no planet (corrupt, truncated, a moon) is
     * replaced by the built-in planet as ZeroTier One does, with one warning line: that silently becoming a member of
     * another world is rarely what its owner wants.
     */
    private World cachedPlanet(CoreContext c) {
        Optional<byte[]> file = c.planet().read();
        if (file.isEmpty()) return null;
        Optional<World> world = parse(file.get());
        if (world.isPresent() && world.get().type() == WorldType.PLANET) return world.get();
        log.println("WARNING: " + c.planet().path() + " is " + (world.isEmpty() ? "corrupt or truncated" : "not a planet")
                + " (" + file.get().length + " bytes); using the built-in planet instead");
        return null;
    }

    private static Optional<World> parse(byte[] b) {
        try {
            return Optional.of(World.deserialize(b, 0, b.length));
        } catch (MalformedException e) {
            return Optional.empty();
        }
    }

    /** Writes accepted worlds and network configurations to the home folder, deletes deorbited moons (node thread). */
    private record Persisting(PlanetFile planet, MoonFiles moons, NetworkFiles networks, PeerFiles peers,
                              PortEvents ports, PrintStream log) implements NodeEvents {
        @Override
        public void virtualNetworkFrame(long networkId, long sourceMac, long destMac, int etherType, int vlanId,
                                        byte[] data, int off, int len) {
            ports.frame(networkId, sourceMac, destMac, etherType, data, off, len);
        }

        @Override
        public void networkConfigured(long networkId, byte[] dictionary) {
            ports.configured(networkId);
            try {
                networks.writeConfig(networkId, dictionary);
            } catch (IOException e) {
                log.println(String.format("WARNING: could not cache the configuration of %016x: %s", networkId,
                        e.getMessage()));
            }
        }

        @Override
        public void worldUpdated(World world) {
            try {
                if (world.type() == WorldType.PLANET) planet.writeIfChanged(world.serialize());
                else moons.write(world.id(), world.serialize());
            } catch (IOException e) {
                log.println("WARNING: could not save " + world + ": " + e.getMessage());
            }
        }

        @Override
        public void peerDropped(Address peer, byte[] cacheEntry) {
            peers.write(peer, cacheEntry); // rare (housekeeping), small; on the node thread as the other state files
        }

        @Override
        public void moonRemoved(long moonId) {
            moons.delete(moonId);
        }

        @Override
        public void identityCollision() {
            log.println("FATAL: a root reports that another node uses this node's address with a different key; "
                    + "remove identity.secret and identity.public and restart to get a new address");
        }
    }
}

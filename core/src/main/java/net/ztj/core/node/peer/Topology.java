package net.ztj.core.node.peer;

import net.ztj.core.node.PeerInfo;
import net.ztj.core.identity.Address;
import net.ztj.core.identity.Identity;
import net.ztj.core.wire.Endpoint;
import net.ztj.core.world.Orbits;
import net.ztj.core.world.World;
import net.ztj.core.world.WorldType;
import net.ztj.core.world.WorldUpdates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node's view of the world: the planet, the moons it orbits (held or pending), the peers it knows and which
 * of them are upstreams (roots), with their stable endpoints (spec 02 §10).
 */
public final class Topology {
    private final Address self;
    private World planet;
    private final Orbits orbits = new Orbits();
    public final Map<Address, Peer> peers = new TreeMap<>();
    private final Map<Address, PeerInfo.Role> roles = new HashMap<>();
    private final Map<Address, List<Endpoint>> stableEndpoints = new HashMap<>();
    private final Map<Address, Identity> rootIdentities = new HashMap<>();
    private boolean amRoot;

    public Topology(Address self, World planet) {
        this.self = self;
        this.planet = planet;
        recompute();
    }

    public World planet() {
        return planet;
    }

    public Orbits orbits() {
        return orbits;
    }

    public boolean amRoot() {
        return amRoot;
    }

    public boolean isUpstream(Address a) {
        return roles.containsKey(a);
    }

    public PeerInfo.Role role(Address a) {
        return roles.getOrDefault(a, PeerInfo.Role.LEAF);
    }

    public List<Endpoint> stableEndpoints(Address a) {
        return stableEndpoints.getOrDefault(a, List.of());
    }

    /** Identities of every upstream, from the worlds (they need no WHOIS). */
    public Map<Address, Identity> upstreamIdentities() {
        return Collections.unmodifiableMap(rootIdentities);
    }

    /**
     * Offers a world received from the network (OK(HELLO)) or loaded locally (spec 02 §10.3). Returns true if it
     * was taken.
     *
     * @param fromNetwork whether it came over the wire (then a new moon needs a pending orbit naming one of its roots)
     */
    public boolean offer(World w, boolean fromNetwork) {
        if (w.type() == WorldType.PLANET) {
            if (!WorldUpdates.shouldReplace(planet, w)) return false;
            planet = w;
        } else {
            Orbits.Outcome o = fromNetwork ? orbits.offerFromNetwork(w) : orbits.loadLocal(w);
            if (o instanceof Orbits.Rejected) return false;
        }
        recompute();
        return true;
    }

    public boolean orbit(long moonId, Address seed) {
        return orbits.orbit(moonId, seed);
    }

    public boolean isPendingSeed(Address a) {
        return orbits.isPendingSeed(a);
    }

    public boolean removeMoon(long moonId) {
        boolean had = orbits.deorbit(moonId);
        recompute();
        return had;
    }

    private void recompute() {
        roles.clear();
        stableEndpoints.clear();
        rootIdentities.clear();
        amRoot = false;
        List<World> worlds = new ArrayList<>();
        if (planet != null) worlds.add(planet);
        worlds.addAll(orbits.moons());
        for (World w : worlds) {
            PeerInfo.Role role = w.type() == WorldType.PLANET ? PeerInfo.Role.PLANET : PeerInfo.Role.MOON;
            for (World.Root r : w.roots()) {
                Address a = r.identity().address();
                if (a.equals(self)) {
                    amRoot = true;
                    continue;
                }
                roles.putIfAbsent(a, role);
                rootIdentities.putIfAbsent(a, r.identity());
                stableEndpoints.computeIfAbsent(a, k -> new ArrayList<>()).addAll(r.stableEndpoints());
            }
        }
    }
}

package net.ztj.core.world;

import net.ztj.core.identity.Address;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The moons a node holds and the ones it has asked to join, with the acceptance rules of spec 02 §10.3–§10.4. A
 * moon nobody asked for is refused: a node joins a moon only by naming it and one of its roots (the seed), then
 * takes the moon from that seed. Held moons are updated under {@link WorldUpdates}.
 *
 * <p>Not thread-safe: owned by the thread that drives the node.
 */
public final class Orbits {
    /** A request to join moon {@code moonId}, to be fetched from the root {@code seed}. */
    public record Pending(long moonId, Address seed) {}

    /** An entry of the moon list sent in HELLO: a moon and the timestamp held, 0 while only requested. */
    public record Wanted(long moonId, long timestamp) {}

    /** What became of an offered moon. */
    public sealed interface Outcome permits Added, Updated, Rejected {}

    /** A moon not held before is now held. */
    public record Added(World moon) implements Outcome {}

    /** A held moon was replaced by a newer revision. */
    public record Updated(World previous, World moon) implements Outcome {}

    /** The moon was refused; nothing changed. */
    public record Rejected(Reason reason) implements Outcome {}

    /** Why a moon was refused. */
    public enum Reason {
        /** The world offered is a planet. */
        NOT_A_MOON,
        /** Not held and no orbit request names it. */
        NOT_REQUESTED,
        /** Requested, but none of the requested seeds is among its roots. */
        SEED_NOT_A_ROOT,
        /** Held already, and the offer is not newer. */
        NOT_NEWER,
        /** Held already, and the offer is not signed with the held revision's update key. */
        BAD_SIGNATURE
    }

    private final Map<Long, World> held = new LinkedHashMap<>();
    private final Set<Pending> pending = new LinkedHashSet<>();

    /**
     * Asks to join a moon through one of its roots. Nothing is recorded for a moon already held.
     *
     * @return whether a new request was recorded
     * @throws IllegalArgumentException for a reserved seed address
     */
    public boolean orbit(long moonId, Address seed) {
        if (seed.isReserved()) throw new IllegalArgumentException("reserved seed address " + seed);
        if (held.containsKey(moonId)) return false;
        return pending.add(new Pending(moonId, seed));
    }

    /** Leaves a moon: forgets it and any request for it. @return whether anything was forgotten */
    public boolean deorbit(long moonId) {
        boolean removed = held.remove(moonId) != null;
        return pending.removeIf(p -> p.moonId() == moonId) || removed;
    }

    /**
     * Offers a moon received over the network (in OK(HELLO) from an upstream or a pending seed). A moon not held is
     * accepted only if requested with a seed that is one of its roots; a held one only as a valid update.
     */
    public Outcome offerFromNetwork(World moon) {
        if (moon.type() != WorldType.MOON) return new Rejected(Reason.NOT_A_MOON);
        World current = held.get(moon.id());
        if (current != null) return update(current, moon);
        List<Address> seeds = pending.stream().filter(p -> p.moonId() == moon.id()).map(Pending::seed).toList();
        if (seeds.isEmpty()) return new Rejected(Reason.NOT_REQUESTED);
        boolean seedIsRoot = moon.roots().stream().anyMatch(r -> seeds.contains(r.identity().address()));
        if (!seedIsRoot) return new Rejected(Reason.SEED_NOT_A_ROOT);
        return add(moon);
    }

    /**
     * Loads a moon from local storage ({@code moons.d}): accepted without a request when not held; a held moon is
     * still only replaced by a valid update.
     */
    public Outcome loadLocal(World moon) {
        if (moon.type() != WorldType.MOON) return new Rejected(Reason.NOT_A_MOON);
        World current = held.get(moon.id());
        return current != null ? update(current, moon) : add(moon);
    }

    private Outcome add(World moon) {
        held.put(moon.id(), moon);
        pending.removeIf(p -> p.moonId() == moon.id());
        return new Added(moon);
    }

    private Outcome update(World current, World moon) {
        return switch (WorldUpdates.evaluate(current, moon)) {
            case ACCEPT -> {
                held.put(moon.id(), moon);
                yield new Updated(current, moon);
            }
            case BAD_SIGNATURE -> new Rejected(Reason.BAD_SIGNATURE);
            case NOT_NEWER, OTHER_WORLD -> new Rejected(Reason.NOT_NEWER); // same ID and type here: only NOT_NEWER
        };
    }

    /** The held moon with this ID. */
    public Optional<World> moon(long moonId) {
        return Optional.ofNullable(held.get(moonId));
    }

    /** The held moons, in the order they were first accepted. */
    public List<World> moons() {
        return List.copyOf(held.values());
    }

    /** The outstanding orbit requests, oldest first. */
    public List<Pending> pending() {
        return List.copyOf(pending);
    }

    /** Whether an address is the seed of an outstanding request (world updates are taken from it). */
    public boolean isPendingSeed(Address address) {
        return pending.stream().anyMatch(p -> p.seed().equals(address));
    }

    /** The moon list for HELLO (spec 02 §8.2): held moons with their timestamps, then requested ones with 0. */
    public List<Wanted> wanted() {
        List<Wanted> out = new ArrayList<>();
        for (World m : held.values()) out.add(new Wanted(m.id(), m.timestamp()));
        pending.stream().map(Pending::moonId).distinct().forEach(id -> out.add(new Wanted(id, 0)));
        return out;
    }
}

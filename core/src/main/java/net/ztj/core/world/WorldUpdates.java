package net.ztj.core.world;

/**
 * The rule by which a node replaces the world it holds with another revision (spec 02 §10.3): same world, strictly
 * newer, signed with the key the held revision names. It is what keeps a node from ever being moved to another
 * planet over the network, and what lets a planet's owner rotate its signing key.
 */
public final class WorldUpdates {
    private WorldUpdates() {}

    /** The outcome of offering a revision against the one held. */
    public enum Verdict {
        /** The candidate replaces the held world (or nothing was held). */
        ACCEPT,
        /** A different world ID or type: never a replacement. */
        OTHER_WORLD,
        /** The timestamp is not strictly greater (compared unsigned, as ZeroTier's uint64). */
        NOT_NEWER,
        /** Not signed by the held revision's {@code updatesMustBeSignedBy}. */
        BAD_SIGNATURE
    }

    /**
     * Judges {@code candidate} against {@code current}.
     *
     * @param current the world held, or null when none is held (then anything is accepted)
     */
    public static Verdict evaluate(World current, World candidate) {
        if (current == null) return Verdict.ACCEPT;
        if (current.type() != candidate.type() || current.id() != candidate.id()) return Verdict.OTHER_WORLD;
        if (Long.compareUnsigned(candidate.timestamp(), current.timestamp()) <= 0) return Verdict.NOT_NEWER;
        if (!candidate.verifySignature(current.updatesMustBeSignedBy())) return Verdict.BAD_SIGNATURE;
        return Verdict.ACCEPT;
    }

    /** Whether {@code candidate} replaces {@code current} (which may be null). */
    public static boolean shouldReplace(World current, World candidate) {
        return evaluate(current, candidate) == Verdict.ACCEPT;
    }

    /**
     * The planet a node starts with (spec 05 §2.2): the cached one from its home folder if it holds a planet, taken
     * without condition as ZeroTier One does (this is how self-hosted planets are installed), unless the built-in
     * planet is a valid newer revision of it; otherwise the built-in one.
     *
     * @param cached   the planet read from the home folder, or null if absent or unreadable
     * @param builtIn  the compiled-in planet, normally {@link DefaultPlanet#world()}
     */
    public static World startupPlanet(World cached, World builtIn) {
        if (cached == null || cached.type() != WorldType.PLANET) return builtIn;
        return shouldReplace(cached, builtIn) ? builtIn : cached;
    }
}

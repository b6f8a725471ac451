package net.ztj.core.world;

import net.ztj.core.wire.MalformedException;

/** The kind of a {@link World}, with its type byte on the wire (spec 02 §10.1). */
public enum WorldType {
    /** The one world every node has: the default planet or a self-hosted replacement. */
    PLANET(1),
    /** A user-defined world a node joins ("orbits") in addition to its planet. */
    MOON(127);

    /** The type byte. */
    public final int code;

    WorldType(int code) {
        this.code = code;
    }

    /**
     * The type for a type byte.
     *
     * @throws MalformedException for any other byte, including ZeroTier's "null world" 0, which is never sent
     */
    public static WorldType fromCode(int code) {
        for (WorldType t : values()) {
            if (t.code == code) return t;
        }
        throw new MalformedException("bad world type " + code);
    }
}

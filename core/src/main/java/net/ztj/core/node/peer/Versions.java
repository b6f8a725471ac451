package net.ztj.core.node.peer;

import net.ztj.core.Version;

/** What this node announces in HELLO and OK(HELLO). */
public final class Versions {
    /** ZeroTier 1.14's protocol version (spec 02 §12). */
    public static final int PROTOCOL = 12;
    public static final int MINIMUM_PROTOCOL = 4;
    public static final int MAJOR = Version.MAJOR;
    public static final int MINOR = Version.MINOR;
    public static final int REVISION = Version.REVISION;

    private Versions() {}
}

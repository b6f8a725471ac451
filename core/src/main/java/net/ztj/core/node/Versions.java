package net.ztj.core.node;

import net.ztj.core.Version;

/** What this node announces in HELLO and OK(HELLO). */
final class Versions {
    /** ZeroTier 1.14's protocol version (spec 02 §12). */
    static final int PROTOCOL = 12;
    static final int MINIMUM_PROTOCOL = 4;
    static final int MAJOR = Version.MAJOR;
    static final int MINOR = Version.MINOR;
    static final int REVISION = Version.REVISION;

    private Versions() {}
}

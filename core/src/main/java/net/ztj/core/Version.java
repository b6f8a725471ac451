package net.ztj.core;

/** The ZeroTier One version whose behaviour and wire protocol this implementation reproduces. */
public final class Version {
    public static final int MAJOR = 1;
    public static final int MINOR = 14;
    public static final int REVISION = 1;

    private Version() {}

    /** {@code 1.14.1}. */
    public static String text() {
        return MAJOR + "." + MINOR + "." + REVISION;
    }
}

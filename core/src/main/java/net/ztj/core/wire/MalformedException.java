package net.ztj.core.wire;

/**
 * Thrown by decoders when bytes do not form what they should (too short, a bad type byte, a count over its
 * limit). Callers at the packet boundary catch it and count a drop; it never escapes the core.
 */
public final class MalformedException extends RuntimeException {
    public MalformedException(String message) {
        super(message, null, false, false);
    }
}

package net.ztj.core.node.peer;

import net.ztj.core.node.DropReason;
/**
 * What a verb handler made of an authenticated packet (STYLE habit 5: a result, not an exception for control
 * flow). The receiver counts the drop reason, if any, and does the bookkeeping of a received packet (timers, path
 * learning) unless the packet was rejected. Instances are shared: returning one allocates nothing.
 */
public sealed interface Outcome {
    /** Acted on. */
    Handled HANDLED = new Handled();

    /** Acted on (or deliberately not acted on, as 1.14 does), nothing to count. */
    record Handled() implements Outcome {}

    /** Its content was not acted on for a counted reason, but the packet still counts as traffic from its peer. */
    record Ignored(DropReason reason) implements Outcome {}

    /** Dropped and counted: the packet does not count as traffic (malformed, or a reply nobody asked for). */
    record Rejected(DropReason reason) implements Outcome {}

    static Outcome ignored(DropReason reason) {
        return Shared.IGNORED[reason.ordinal()];
    }

    static Outcome rejected(DropReason reason) {
        return Shared.REJECTED[reason.ordinal()];
    }

    /** One instance of each outcome per reason. */
    final class Shared {
        private static final Ignored[] IGNORED = new Ignored[DropReason.values().length];
        private static final Rejected[] REJECTED = new Rejected[DropReason.values().length];

        static {
            for (DropReason r : DropReason.values()) {
                IGNORED[r.ordinal()] = new Ignored(r);
                REJECTED[r.ordinal()] = new Rejected(r);
            }
        }

        private Shared() {}
    }
}

package net.ztj.core.network.rules;

import net.ztj.core.identity.Address;

import java.util.List;

/** What the filters of spec 03 §9.7 decide for one frame. */
public sealed interface FilterResult permits FilterResult.Accepted, FilterResult.Dropped, FilterResult.Redirected {

    /** TEE/WATCH copies to send (at most one in 1.14). */
    List<SideCopy> copies();

    /**
     * The frame goes on. {@code superAccept} (inbound only) delivers it regardless of the bridging checks.
     *
     * @param qosBucket the PRIORITY bucket applied, or -1 if none
     * @param capabilityIndex index of the accepting capability, or -1 for the base rules
     */
    record Accepted(boolean superAccept, int qosBucket, int capabilityIndex, List<SideCopy> copies)
            implements FilterResult {
        public Accepted { copies = List.copyOf(copies); }
    }

    /** The frame is dropped by a rule, or nothing accepted it. */
    record Dropped() implements FilterResult {
        public List<SideCopy> copies() { return List.of(); }
    }

    /**
     * The frame is sent only to {@code to} as EXT_FRAME with {@code extFrameFlags} (0x04 outbound, 0x0a inbound),
     * not to (or up to) its original destination.
     */
    record Redirected(Address to, int extFrameFlags, List<SideCopy> copies) implements FilterResult {
        public Redirected { copies = List.copyOf(copies); }
    }

    /** The inbound filter's integer of spec 03 §4.3 / §9.7: 0 drop, 1 accept, 2 super-accept. */
    default int inboundCode() {
        return this instanceof Accepted a ? (a.superAccept() ? 2 : 1) : 0;
    }
}

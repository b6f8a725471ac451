package net.ztj.core.network.rules;

import net.ztj.core.identity.Address;
import net.ztj.core.network.rules.RuleListEvaluation.Outcome;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * The outbound and inbound frame filters of spec 03 §9.6–§9.7: the network's base rules first, then, if they
 * reach no decision, the capabilities (ours outbound, in ascending ID order; the sender's valid ones inbound).
 * Pure: the random source for MATCH_RANDOM is injected, and sending the copies is left to the caller.
 */
public final class RulesEngine {
    /** EXT_FRAME flags byte of rule-engine copies (spec 03 §4.3). */
    public static final int FLAGS_OUTBOUND_TEE = 0x02;
    public static final int FLAGS_OUTBOUND_WATCH = 0x16;
    public static final int FLAGS_OUTBOUND_REDIRECT = 0x04;
    public static final int FLAGS_INBOUND_TEE = 0x08;
    public static final int FLAGS_INBOUND_WATCH = 0x1c;
    public static final int FLAGS_INBOUND_REDIRECT = 0x0a;

    private final IntSupplier random32;

    /** @param random32 a source of 32-bit random numbers for MATCH_RANDOM */
    public RulesEngine(IntSupplier random32) {
        this.random32 = random32;
    }

    /**
     * Filters one frame.
     *
     * @param network      our membership: address, flags, base rules, own tags
     * @param frame        the frame and its direction
     * @param remote       the sender (inbound) or destination (outbound) member; {@link RemoteParty#UNKNOWN} if none
     * @param capabilities rule lists of the capabilities to try when the base rules do not decide
     * @param teeSuppressed true on the per-recipient passes of multicast and bridge fan-out: no copies
     */
    public FilterResult filter(RuleNetwork network, RuleFrame frame, RemoteParty remote,
                               List<List<Rule>> capabilities, boolean teeSuppressed) {
        RuleListEvaluation base = new RuleListEvaluation(network, frame, remote, random32);
        Outcome outcome = base.run(network.baseRules());
        if (outcome == Outcome.DROP) return new FilterResult.Dropped();
        if (outcome != Outcome.NO_MATCH) return decided(base, outcome, frame, -1, teeSuppressed);
        for (int i = 0; i < capabilities.size(); i++) {
            RuleListEvaluation cap = new RuleListEvaluation(network, frame, remote, random32);
            Outcome o = cap.run(capabilities.get(i));
            if (o != Outcome.DROP && o != Outcome.NO_MATCH) return decided(cap, o, frame, i, teeSuppressed);
        }
        return new FilterResult.Dropped();
    }

    private static FilterResult decided(RuleListEvaluation e, Outcome o, RuleFrame frame, int capabilityIndex,
                                        boolean teeSuppressed) {
        boolean inbound = frame.inbound();
        List<SideCopy> copies = List.of();
        if (!teeSuppressed && e.teeTarget != 0) {
            int flags = e.teeWatch ? (inbound ? FLAGS_INBOUND_WATCH : FLAGS_OUTBOUND_WATCH)
                    : (inbound ? FLAGS_INBOUND_TEE : FLAGS_OUTBOUND_TEE);
            copies = List.of(new SideCopy(new Address(e.teeTarget), e.teeLength, e.teeWatch, flags));
        }
        if (o == Outcome.REDIRECT) {
            return new FilterResult.Redirected(new Address(e.redirectTarget),
                    inbound ? FLAGS_INBOUND_REDIRECT : FLAGS_OUTBOUND_REDIRECT, copies);
        }
        boolean superAccept = inbound && o == Outcome.SUPER_ACCEPT;
        return new FilterResult.Accepted(superAccept, e.qosBucket, capabilityIndex, copies);
    }
}

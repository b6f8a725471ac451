package net.ztj.core.network.rules;

import net.ztj.core.network.rules.Rule.*;

/**
 * The tag matches of spec 03 §9.5 (types 44–50): our tag against the remote's, deferring to the receiver
 * (skip the next DROP, match) when the outbound side cannot know the remote's tag.
 */
final class TagEvaluator {
    private final RuleNetwork network;
    private final RuleFrame frame;
    private final RemoteParty remote;
    private final RuleListEvaluation state;

    TagEvaluator(RuleNetwork network, RuleFrame frame, RemoteParty remote, RuleListEvaluation state) {
        this.network = network;
        this.frame = frame;
        this.remote = remote;
        this.state = state;
    }

    boolean evaluate(TagMatch m) {
        boolean hardNo = m.not();
        boolean hardYes = !m.not();
        Long ours = network.ourTags().get(m.id());
        Long theirs = remote.validTags().get(m.id());
        if (m instanceof TagSender || m instanceof TagReceiver) {
            if (state.superAccept) {
                state.deferToReceiver();
                return hardYes;
            }
            boolean remoteSide = (m instanceof TagSender && frame.inbound())
                    || (m instanceof TagReceiver && !frame.inbound());
            if (remoteSide) {
                if (theirs != null) return theirs == m.value();
                if (m instanceof TagReceiver) {
                    state.deferToReceiver();
                    return hardYes;
                }
                return hardNo;
            }
            return ours != null ? ours == m.value() : hardNo;
        }
        if (ours == null) return hardNo;
        if (theirs == null) {
            if (frame.inbound() && !state.superAccept) return hardNo;
            state.deferToReceiver();
            return hardYes;
        }
        long l = ours;
        long r = theirs;
        return switch (m) {
            case TagsDifference t -> Math.abs(l - r) <= t.value();
            case TagsBitwiseAnd t -> (l & r) == t.value();
            case TagsBitwiseOr t -> (l | r) == t.value();
            case TagsBitwiseXor t -> (l ^ r) == t.value();
            case TagsEqual t -> l == t.value() && r == t.value();
            default -> throw new IllegalStateException("not a tag comparison: " + m);
        };
    }
}

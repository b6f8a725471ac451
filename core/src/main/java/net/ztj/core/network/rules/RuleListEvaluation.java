package net.ztj.core.network.rules;

import net.ztj.core.network.rules.Rule.*;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * One pass of the algorithm of spec 03 §9.4 over one rule list (base rules or one capability), with its state
 * and outputs. Single use: construct, call {@link #run}, read the outputs.
 */
final class RuleListEvaluation {
    enum Outcome { NO_MATCH, DROP, ACCEPT, SUPER_ACCEPT, REDIRECT }

    private final RuleNetwork network;
    private final RuleFrame frame;
    private final RemoteParty remote;
    private final IntSupplier random32;
    private final MatchEvaluator matches;

    boolean superAccept;
    boolean skipDrop;
    /** Last TEE/WATCH target, 0 = none. */
    long teeTarget;
    int teeLength;
    boolean teeWatch;
    /** REDIRECT target, 0 = none. */
    long redirectTarget;
    int qosBucket = -1;

    RuleListEvaluation(RuleNetwork network, RuleFrame frame, RemoteParty remote, IntSupplier random32) {
        this.network = network;
        this.frame = frame;
        this.remote = remote;
        this.random32 = random32;
        this.matches = new MatchEvaluator(network, frame, remote, this);
    }

    Outcome run(List<Rule> rules) {
        boolean set = true;
        for (Rule rule : rules) {
            if (rule instanceof Action action) {
                if (set) {
                    Outcome o = take(action);
                    if (o != null) return o;
                } else {
                    if (frame.inbound() && action instanceof Forwarding f && f.address() == network.ourAddress())
                        superAccept = true;
                    set = true;
                }
            } else {
                Match m = (Match) rule;
                if (!set && !m.or()) continue;
                boolean x = matches.evaluate(m, random32) ^ m.not();
                set = m.or() ? (set | x) : (set & x);
            }
        }
        return Outcome.NO_MATCH;
    }

    /** Takes an action whose matches held; null means continue with the next rule. */
    private Outcome take(Action action) {
        return switch (action) {
            case Priority p -> {
                qosBucket = p.qosBucket() <= 8 ? p.qosBucket() : 4;
                yield Outcome.ACCEPT;
            }
            case Drop d -> {
                if (skipDrop) {
                    skipDrop = false;
                    yield null;
                }
                yield Outcome.DROP;
            }
            case Accept a -> superAccept ? Outcome.SUPER_ACCEPT : Outcome.ACCEPT;
            case Forwarding f -> forward(f);
            case Break b -> Outcome.NO_MATCH;
            case ReservedAction r -> null;
        };
    }

    private Outcome forward(Forwarding f) {
        long target = f.address();
        if (target == frame.sourceAddress()) return null;
        if (target == network.ourAddress()) return frame.inbound() ? Outcome.SUPER_ACCEPT : null;
        if (target == frame.destAddress()) return null;
        if (f instanceof Redirect) {
            redirectTarget = target;
            return Outcome.REDIRECT;
        }
        teeTarget = target;
        teeLength = (f.length() != 0 && f.length() < frame.length()) ? f.length() : frame.length();
        teeWatch = f instanceof Watch;
        return null;
    }

    /** Marks that a tag match deferred to the receiver: the next DROP is skipped once. */
    void deferToReceiver() {
        skipDrop = true;
    }
}

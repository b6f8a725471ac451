package net.ztj.core.network.rules;

import net.ztj.core.identity.Address;
import net.ztj.core.network.rules.FilterResult.Accepted;
import net.ztj.core.network.rules.FilterResult.Dropped;
import net.ztj.core.network.rules.FilterResult.Redirected;
import net.ztj.core.network.rules.Rule.*;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static net.ztj.core.network.rules.Direction.INBOUND;
import static net.ztj.core.network.rules.Direction.OUTBOUND;
import static net.ztj.core.network.rules.Frames.*;
import static net.ztj.core.network.rules.RuleFixture.*;
import static org.junit.jupiter.api.Assertions.*;

/** The evaluation algorithm and filters of spec 03 §9.4, §9.6–§9.8. */
class RulesEngineTest {
    private static final byte[] TCP = Frames.ipv4(6, v4(10, 0, 0, 1), v4(10, 0, 0, 2), 0, tcp(1000, 22, 2));
    private static final RuleFrame OUT = ipv4(OUTBOUND, TCP);
    private static final RuleFrame IN = ipv4(INBOUND, TCP);
    private static final Match TRUE = new Ethertype(false, false, 0x0800);
    private static final Match FALSE = new Ethertype(false, false, 0x86dd);
    private static final RulesEngine ENGINE = new RulesEngine(() -> 0);

    private static FilterResult run(RuleFrame f, Rule... rules) {
        return filter(List.of(rules), f);
    }

    private static boolean accepts(Rule... rules) {
        return run(OUT, rules) instanceof Accepted;
    }

    @Test
    void defaultRules() {
        assertInstanceOf(Accepted.class, filter(DefaultRules.ACCEPT_ALL, OUT));
        assertInstanceOf(Dropped.class, filter(DefaultRules.NONE, OUT));
        assertInstanceOf(Dropped.class, filter(DefaultRules.NONE, IN));
        assertEquals(1, filter(DefaultRules.ACCEPT_ALL, IN).inboundCode());
    }

    @Test
    void andOrNotCombinations() {
        assertTrue(accepts(TRUE, TRUE, new Accept()));
        assertFalse(accepts(TRUE, FALSE, new Accept()));
        assertTrue(accepts(FALSE, or(TRUE), new Accept()));
        assertTrue(accepts(TRUE, FALSE, or(TRUE), new Accept()));
        assertFalse(accepts(FALSE, TRUE, new Accept()));
        assertTrue(accepts(negate(FALSE), new Accept()));
        assertFalse(accepts(negate(TRUE), or(FALSE), new Accept()));
        assertTrue(accepts(FALSE, or(negate(FALSE)), new Accept()));
        // a non-matching action resets the running result to true
        assertTrue(accepts(FALSE, new Drop(), new Accept()));
        assertFalse(accepts(TRUE, new Drop(), new Accept()));
    }

    @Test
    void breakEndsTheListWithoutMatch() {
        assertInstanceOf(Dropped.class, run(OUT, new Break(), new Accept()));
        assertInstanceOf(Accepted.class, run(OUT, FALSE, new Break(), new Accept()));
        Accepted viaCapability = (Accepted) ENGINE.filter(network(List.of(new Break(), new Accept())), OUT,
                RemoteParty.UNKNOWN, List.of(List.of(new Accept())), false);
        assertEquals(0, viaCapability.capabilityIndex());
    }

    @Test
    void reservedActionsAreNoOps() {
        assertTrue(accepts(new ReservedAction(9, new byte[0]), new Accept()));
    }

    @Test
    void priorityAcceptsIntoABucket() {
        assertEquals(3, ((Accepted) run(OUT, new Priority(3))).qosBucket());
        assertEquals(4, ((Accepted) run(OUT, new Priority(9))).qosBucket());
        assertEquals(-1, ((Accepted) run(OUT, new Accept())).qosBucket());
    }

    @Test
    void teeAndWatchCopiesCarryExtFrameFlags() {
        Accepted out = (Accepted) run(OUT, new Tee(OTHER, 0, 16), new Accept());
        assertEquals(List.of(new SideCopy(new Address(OTHER), 16, false, 0x02)), out.copies());
        Accepted watchOut = (Accepted) run(OUT, new Watch(OTHER, 0, 0), new Accept());
        assertEquals(List.of(new SideCopy(new Address(OTHER), TCP.length, true, 0x16)), watchOut.copies());
        Accepted in = (Accepted) run(IN, new Tee(OTHER, 0, 10_000), new Accept());
        assertEquals(List.of(new SideCopy(new Address(OTHER), TCP.length, false, 0x08)), in.copies());
        Accepted watchIn = (Accepted) run(IN, new Watch(OTHER, 0, 4), new Accept());
        assertEquals(List.of(new SideCopy(new Address(OTHER), 4, true, 0x1c)), watchIn.copies());
        // only the last target is kept
        Accepted last = (Accepted) run(OUT, new Tee(0x4444444444L, 0, 0), new Watch(OTHER, 0, 0), new Accept());
        assertEquals(new Address(OTHER), last.copies().getFirst().to());
        // a dropped frame sends no copy; suppressed passes send none
        assertInstanceOf(Dropped.class, run(OUT, new Tee(OTHER, 0, 0), new Drop()));
        Accepted suppressed = (Accepted) ENGINE.filter(network(List.of(new Tee(OTHER, 0, 0), new Accept())), OUT,
                RemoteParty.UNKNOWN, List.of(), true);
        assertTrue(suppressed.copies().isEmpty());
        // a TEE to the source or destination is a no-op
        assertTrue(((Accepted) run(OUT, new Tee(US, 0, 0), new Tee(PEER, 0, 0), new Accept())).copies().isEmpty());
    }

    @Test
    void redirectReplacesTheDestination() {
        Redirected out = (Redirected) run(OUT, new Tee(0x4444444444L, 0, 0), new Redirect(OTHER, 0, 0), new Accept());
        assertEquals(new Address(OTHER), out.to());
        assertEquals(0x04, out.extFrameFlags());
        assertEquals(1, out.copies().size());
        Redirected in = (Redirected) run(IN, new Redirect(OTHER, 0, 0));
        assertEquals(0x0a, in.extFrameFlags());
        assertEquals(0, in.inboundCode());
        // redirect to the destination is a no-op
        assertInstanceOf(Dropped.class, run(OUT, new Redirect(PEER, 0, 0)));
    }

    @Test
    void forwardingToOurselvesSuperAccepts() {
        FilterResult in = run(IN, new Redirect(US, 0, 0));
        assertEquals(2, in.inboundCode());
        assertInstanceOf(Dropped.class, run(OUT, new Redirect(US, 0, 0))); // outbound: no-op
        // a non-matching TEE to us still arms super-accept for a later ACCEPT, inbound only
        assertEquals(2, run(IN, FALSE, new Tee(US, 0, 0), new Accept()).inboundCode());
        assertEquals(1, run(IN, TRUE, new Accept()).inboundCode());
        assertFalse(((Accepted) run(OUT, FALSE, new Tee(US, 0, 0), new Accept())).superAccept());
    }

    @Test
    void capabilitiesAreTriedInOrderAfterNoMatch() {
        List<List<Rule>> caps = List.of(List.of(new Drop()), List.of(FALSE, new Accept()),
                List.of(new Tee(OTHER, 0, 0), new Accept()), List.of(new Accept()));
        Accepted a = (Accepted) ENGINE.filter(network(List.of()), OUT, RemoteParty.UNKNOWN, caps, false);
        assertEquals(2, a.capabilityIndex());
        assertEquals(0x02, a.copies().getFirst().extFrameFlags());
        // base DROP wins over capabilities; base ACCEPT needs none
        assertInstanceOf(Dropped.class, ENGINE.filter(network(List.of(new Drop())), OUT, RemoteParty.UNKNOWN, caps, false));
        assertEquals(-1, ((Accepted) ENGINE.filter(network(List.of(new Accept())), OUT, RemoteParty.UNKNOWN, caps, false))
                .capabilityIndex());
        assertInstanceOf(Dropped.class, ENGINE.filter(network(List.of()), IN, RemoteParty.UNKNOWN,
                List.of(List.of(new Drop()), List.of(FALSE, new Accept())), false));
        Redirected r = (Redirected) ENGINE.filter(network(List.of()), IN, RemoteParty.UNKNOWN,
                List.of(List.of(new Redirect(OTHER, 0, 0))), false);
        assertEquals(0x0a, r.extFrameFlags());
    }

    private static FilterResult tagged(RuleFrame f, Map<Long, Long> ours, Map<Long, Long> theirs, Rule... rules) {
        return ENGINE.filter(network(List.of(rules), ours, 0), f, new RemoteParty(theirs, AddressOwnership.NONE),
                List.of(), false);
    }

    @Test
    void tagComparisons() {
        Map<Long, Long> ours = Map.of(100L, 10L);
        Map<Long, Long> near = Map.of(100L, 12L);
        Map<Long, Long> far = Map.of(100L, 20L);
        assertInstanceOf(Accepted.class, tagged(IN, ours, near, new TagsDifference(false, false, 100, 2), new Accept()));
        assertInstanceOf(Dropped.class, tagged(IN, ours, far, new TagsDifference(false, false, 100, 2), new Accept()));
        assertInstanceOf(Accepted.class, tagged(IN, ours, near, new TagsBitwiseAnd(false, false, 100, 8), new Accept()));
        assertInstanceOf(Dropped.class, tagged(IN, ours, near, new TagsBitwiseAnd(false, false, 100, 2), new Accept()));
        assertInstanceOf(Accepted.class, tagged(IN, ours, near, new TagsBitwiseOr(false, false, 100, 14), new Accept()));
        assertInstanceOf(Accepted.class, tagged(IN, ours, near, new TagsBitwiseXor(false, false, 100, 6), new Accept()));
        assertInstanceOf(Dropped.class, tagged(IN, ours, near, new TagsBitwiseXor(false, false, 100, 0), new Accept()));
        assertInstanceOf(Accepted.class, tagged(IN, ours, Map.of(100L, 10L), new TagsEqual(false, false, 100, 10), new Accept()));
        assertInstanceOf(Dropped.class, tagged(IN, ours, near, new TagsEqual(false, false, 100, 10), new Accept()));
        // we lack the tag: hardNo even when negated
        assertInstanceOf(Dropped.class, tagged(IN, Map.of(), near, negate(new TagsEqual(false, false, 100, 10)), new Accept()));
    }

    @Test
    void unknownRemoteTagDefersToTheReceiverOutbound() {
        Map<Long, Long> ours = Map.of(100L, 10L);
        Match equal = new TagsEqual(false, false, 100, 10);
        // inbound without the sender's tag: hardNo
        assertInstanceOf(Dropped.class, tagged(IN, ours, Map.of(), equal, new Accept()));
        assertInstanceOf(Dropped.class, tagged(IN, ours, Map.of(), negate(equal), new Accept()));
        // outbound: hardYes and the next DROP is skipped once
        assertInstanceOf(Accepted.class, tagged(OUT, ours, Map.of(), negate(equal), new Drop(), new Accept()));
        assertInstanceOf(Dropped.class, tagged(OUT, ours, Map.of(), equal, new Drop(), new Drop()));
    }

    @Test
    void senderAndReceiverTags() {
        Map<Long, Long> ours = Map.of(105L, 1L);
        Map<Long, Long> theirs = Map.of(105L, 2L);
        Match sender1 = new TagSender(false, false, 105, 1);
        Match sender2 = new TagSender(false, false, 105, 2);
        Match receiver1 = new TagReceiver(false, false, 105, 1);
        Match receiver2 = new TagReceiver(false, false, 105, 2);
        // inbound: the sender is the remote
        assertInstanceOf(Accepted.class, tagged(IN, ours, theirs, sender2, new Accept()));
        assertInstanceOf(Dropped.class, tagged(IN, ours, theirs, sender1, new Accept()));
        assertInstanceOf(Accepted.class, tagged(IN, ours, theirs, receiver1, new Accept()));
        assertInstanceOf(Dropped.class, tagged(IN, ours, Map.of(), negate(sender2), new Accept()));
        // outbound: the receiver is the remote
        assertInstanceOf(Accepted.class, tagged(OUT, ours, theirs, sender1, new Accept()));
        assertInstanceOf(Accepted.class, tagged(OUT, ours, theirs, receiver2, new Accept()));
        assertInstanceOf(Dropped.class, tagged(OUT, ours, theirs, receiver1, new Accept()));
        // outbound, receiver tag unknown: deferred (hardYes, skip one DROP)
        assertInstanceOf(Accepted.class, tagged(OUT, ours, Map.of(), negate(receiver1), new Drop(), new Accept()));
        // our own tag missing: hardNo
        assertInstanceOf(Dropped.class, tagged(OUT, Map.of(), theirs, negate(sender1), new Accept()));
        // after super-accept was armed, sender/receiver tags defer
        assertEquals(2, tagged(IN, Map.of(), Map.of(), FALSE, new Tee(US, 0, 0), sender1, new Accept()).inboundCode());
    }
}

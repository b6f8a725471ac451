package net.ztj.core.node.peer;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The primitive replay table against a plain set of the last {@link ReplayFilter#SIZE} IDs. */
class ReplayFilterTest {
    @Test
    void behavesLikeASetOfTheLastIds() {
        SplittableRandom r = new SplittableRandom(17);
        ReplayFilter filter = new ReplayFilter();
        ArrayDeque<Long> order = new ArrayDeque<>();
        HashSet<Long> seen = new HashSet<>();
        long counter = 0;
        for (int i = 0; i < 200_000; i++) {
            long id = switch (r.nextInt(5)) {
                case 0 -> r.nextLong(); // random IDs
                case 1 -> counter++; // counters, including 0, collide in clusters under a weak hash
                case 2 -> (counter++) << 20; // the low bits constant
                case 3 -> order.isEmpty() ? 0 : order.peekLast() - r.nextInt(Math.min(order.size(), 50)); // recent
                default -> order.isEmpty() ? 1 : order.peekFirst(); // the oldest still remembered
            };
            boolean expected = !seen.contains(id);
            assertEquals(expected, filter.accept(id), "id " + id + " at step " + i);
            if (expected) {
                if (order.size() == ReplayFilter.SIZE) seen.remove(order.pollFirst());
                order.addLast(id);
                seen.add(id);
            }
        }
    }

    @Test
    void anIdForgottenAfterSizeNewerOnesIsAcceptedAgain() {
        ReplayFilter filter = new ReplayFilter();
        assertTrue(filter.accept(0));
        assertFalse(filter.accept(0));
        for (long id = 1; id <= ReplayFilter.SIZE - 1; id++) assertTrue(filter.accept(id));
        assertFalse(filter.accept(0));
        assertTrue(filter.accept(ReplayFilter.SIZE));
        assertTrue(filter.accept(0));
    }
}

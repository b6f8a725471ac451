package net.ztj.service.api.http;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two connection pools, with strings for connections. */
class ConnectionSlotsTest {
    private final Set<String> started = new HashSet<>();
    private final ConnectionSlots<String> slots = new ConnectionSlots<>(3, 2, started::contains);

    private Optional<String> open(String c) {
        Optional<String> evicted = slots.open(c);
        started.add(c);
        return evicted;
    }

    @Test
    void aFullUnprovenPoolEvictsItsOldestMember() {
        assertEquals(Optional.empty(), open("a"));
        assertEquals(Optional.empty(), open("b"));
        assertEquals(Optional.empty(), open("c"));
        assertEquals(Optional.of("a"), open("d"));
        assertEquals(Optional.of("b"), open("e"));
        assertEquals(3, slots.unproven());
        slots.close("c");
        assertEquals(Optional.empty(), open("f"), "a closed connection frees its slot");
    }

    @Test
    void connectionsThatHaveNotHadTheirChanceAreEvictedLast() {
        slots.open("fresh1");
        slots.open("fresh2");
        open("old");
        assertEquals(Optional.of("old"), slots.open("new"), "the oldest that has started is chosen");
        assertEquals(Optional.of("fresh1"), slots.open("newer"), "none has started: the oldest");
    }

    @Test
    void authenticatedConnectionsLeaveTheUnprovenPoolWhileThereIsRoom() {
        open("a");
        open("b");
        open("c");
        assertTrue(slots.authenticate("a"));
        assertTrue(slots.authenticate("a"), "idempotent");
        assertTrue(slots.authenticate("b"));
        assertFalse(slots.authenticate("c"), "authenticated pool full: stays unproven");
        assertEquals(2, slots.authenticated());
        assertEquals(1, slots.unproven());
        for (String c : new String[] {"d", "e", "f", "g"}) open(c);
        assertEquals(2, slots.authenticated(), "a flood of unproven connections never evicts authenticated ones");
        assertEquals(3, slots.unproven());
        assertFalse(slots.authenticate("c"), "c was evicted meanwhile");
        slots.close("a");
        assertTrue(slots.authenticate("g"));
    }
}

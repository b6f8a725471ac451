package net.ztj.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The accessors a batch's consumer uses, over what a subclass appended. */
class PacketBatchTest {
    private static final class Batch extends PacketBatch {
        Batch() {
            super(64, 2);
        }

        int add(int offset, int length) {
            return hasSlots(1) ? append(offset, length) : -1;
        }
    }

    @Test
    void packetsAreReadBackAndIndicesChecked() {
        Batch b = new Batch();
        assertEquals(0, b.add(0, 10));
        assertEquals(1, b.add(32, 5));
        assertEquals(-1, b.add(40, 1));
        assertEquals(2, b.count());
        assertEquals(32, b.offset(1));
        assertEquals(5, b.length(1));
        assertEquals(64, b.data().length);
        assertThrows(IndexOutOfBoundsException.class, () -> b.length(2));
        b.clear();
        assertEquals(0, b.count());
        assertThrows(IndexOutOfBoundsException.class, () -> b.offset(0));
        assertTrue(b.hasSlots(2));
        assertFalse(b.hasSlots(3));
    }
}

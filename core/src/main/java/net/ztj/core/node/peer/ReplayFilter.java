package net.ztj.core.node.peer;

/**
 * Remembers the wire packet IDs recently accepted from one peer so a replayed or duplicated packet is dropped: the
 * last {@value #SIZE} IDs, evicted first in, first out. Packet IDs are 64-bit values (random or counters), kept in
 * an open-addressing table of primitive longs (linear probing, deletion by backward shift) so that checking a
 * packet allocates nothing.
 */
public final class ReplayFilter {
    static final int SIZE = 1024;
    private static final int SLOTS = SIZE * 2; // load factor at most 1/2
    private static final int MASK = SLOTS - 1;

    private final long[] ring = new long[SIZE];
    /** The table; 0 marks an empty slot, so the ID 0 is tracked by {@link #zeroSeen}. */
    private final long[] table = new long[SLOTS];
    private boolean zeroSeen;
    private int next;
    private int count;

    /** Records the ID; returns false if it was already recorded. */
    public boolean accept(long packetId) {
        if (!add(packetId)) return false;
        if (count == SIZE) remove(ring[next]);
        else count++;
        ring[next] = packetId;
        next = (next + 1) & (SIZE - 1);
        return true;
    }

    private static int home(long id) {
        long h = id * 0x9E3779B97F4A7C15L; // Fibonacci hashing: counters spread as well as random IDs
        return (int) (h >>> 40) & MASK;
    }

    private boolean add(long id) {
        if (id == 0) {
            if (zeroSeen) return false;
            zeroSeen = true;
            return true;
        }
        int i = home(id);
        while (table[i] != 0) {
            if (table[i] == id) return false;
            i = (i + 1) & MASK;
        }
        table[i] = id;
        return true;
    }

    private void remove(long id) {
        if (id == 0) {
            zeroSeen = false;
            return;
        }
        int i = home(id);
        while (table[i] != id) {
            if (table[i] == 0) return;
            i = (i + 1) & MASK;
        }
        // backward-shift deletion: move later members of the probe run into the hole when their home allows it
        int hole = i;
        for (int j = (hole + 1) & MASK; table[j] != 0; j = (j + 1) & MASK) {
            int h = home(table[j]);
            // table[j] may fill the hole unless its home lies cyclically in (hole, j]
            boolean homeBetween = hole <= j ? (h > hole && h <= j) : (h > hole || h <= j);
            if (!homeBetween) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = 0;
    }
}

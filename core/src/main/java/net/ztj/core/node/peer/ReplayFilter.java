package net.ztj.core.node.peer;

/**
 * Remembers the wire packet IDs recently accepted from one peer so a replayed or duplicated packet is dropped.
 * Packet IDs are random 64-bit values, so a small open-addressing table with FIFO eviction suffices.
 */
public final class ReplayFilter {
    private static final int SIZE = 1024;
    private final long[] ring = new long[SIZE];
    private final java.util.HashSet<Long> seen = new java.util.HashSet<>(SIZE * 2);
    private int next;
    private int count;

    /** Records the ID; returns false if it was already recorded. */
    public boolean accept(long packetId) {
        if (!seen.add(packetId)) return false;
        if (count == SIZE) seen.remove(ring[next]);
        else count++;
        ring[next] = packetId;
        next = (next + 1) % SIZE;
        return true;
    }
}

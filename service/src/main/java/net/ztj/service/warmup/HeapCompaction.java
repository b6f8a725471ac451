package net.ztj.service.warmup;

/**
 * One full collection once the daemon's start-up is over (the data-path warm-up calls it when it ends). The start's
 * and the warm-up's short-lived objects (the warm-up's in-memory nodes with their buffers, configuration parsing)
 * outlive the small young generation of the daemon's Serial collector and are promoted; the Serial collector then
 * grows the old generation instead of collecting it, and a steady daemon promotes next to nothing, so no full
 * collection comes to give it back. Measured on a member: 22 MB of old generation committed and resident for 12 MB
 * live, for the daemon's whole life. With the daemon's options ({@code -XX:MaxHeapFreeRatio=20
 * -XX:-ShrinkHeapInSteps} in bin/zerotier-one.jvm-options) this one collection shrinks the old generation to its
 * live data and returns the rest (7 MB of a member's RSS). {@code -XX:+DisableExplicitGC} turns it off.
 */
public final class HeapCompaction {
    private HeapCompaction() {}

    /** Collects the whole heap now (a stop-the-world pause of the Serial collector, tens of milliseconds). */
    public static void compact() {
        System.gc();
    }
}

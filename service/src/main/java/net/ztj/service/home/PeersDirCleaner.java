package net.ztj.service.home;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps peers.d from growing without bound as ZeroTier One 1.14 does: at start and then hourly, files not written
 * for 30 days are deleted. Runs on a timer thread of its own.
 */
public final class PeersDirCleaner implements AutoCloseable {
    /** How often, and the age past which a file goes (the reference's 3600000 ms and 2592000000 ms). */
    public static final long PERIOD_MS = 3_600_000L, MAX_AGE_MS = 2_592_000_000L;

    private final PeerFiles peers;
    private final LongSupplier wallClockMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().daemon().name("peers-d-cleaner").unstarted(r));

    public PeersDirCleaner(PeerFiles peers, LongSupplier wallClockMs) {
        this.peers = peers;
        this.wallClockMs = wallClockMs;
    }

    public void start() {
        timer.scheduleAtFixedRate(this::clean, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** One cleaning; returns how many files went. */
    public int clean() {
        return peers.deleteOlderThan(wallClockMs.getAsLong() - MAX_AGE_MS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

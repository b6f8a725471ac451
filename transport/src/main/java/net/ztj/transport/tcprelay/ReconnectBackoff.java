package net.ztj.transport.tcprelay;

/**
 * When the client may try the relay again: at once the first time, then after 2 s, doubling up to a minute, until a
 * connection proves useful (a datagram came through it), which starts the sequence again. Thread-safe.
 */
public final class ReconnectBackoff {
    public static final long FIRST_DELAY_MS = 2_000;
    public static final long MAX_DELAY_MS = 60_000;

    private long nextAttemptAt = Long.MIN_VALUE;
    private long delayMs = FIRST_DELAY_MS;

    /** Whether an attempt is allowed now; if so it is counted as made and the next one is pushed back. */
    public synchronized boolean tryAttempt(long nowMs) {
        if (nowMs < nextAttemptAt) return false;
        nextAttemptAt = nowMs + delayMs;
        delayMs = Math.min(delayMs * 2, MAX_DELAY_MS);
        return true;
    }

    /** A connection carried traffic: the next attempt (after it ends) may come at once. */
    public synchronized void succeeded() {
        nextAttemptAt = Long.MIN_VALUE;
        delayMs = FIRST_DELAY_MS;
    }

    /** The delay the next failed attempt will wait (for tests and logs). */
    public synchronized long nextDelayMs() {
        return delayMs;
    }
}

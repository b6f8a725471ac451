package net.ztj.testkit.net;

import java.util.PriorityQueue;

/**
 * Virtual time and the events scheduled on it. Everything in a simulation runs on the caller's thread, in time
 * order, ties broken by scheduling order, so a run is exactly reproducible.
 */
public final class SimClock {
    private record Event(long atMs, long seq, Runnable action) {}

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) ->
            a.atMs != b.atMs ? Long.compare(a.atMs, b.atMs) : Long.compare(a.seq, b.seq));
    private long nowMs;
    private long seq;

    public SimClock(long startMs) {
        this.nowMs = startMs;
    }

    public long nowMs() {
        return nowMs;
    }

    /** Runs {@code action} at {@code atMs} (or now, if that is in the past). */
    public void at(long atMs, Runnable action) {
        queue.add(new Event(Math.max(atMs, nowMs), seq++, action));
    }

    /** Runs {@code action} after {@code delayMs}. */
    public void after(long delayMs, Runnable action) {
        at(nowMs + delayMs, action);
    }

    /** Runs every event due up to {@code untilMs}, then sets the time to {@code untilMs}. */
    public void runUntil(long untilMs) {
        while (!queue.isEmpty() && queue.peek().atMs <= untilMs) {
            Event e = queue.poll();
            nowMs = e.atMs;
            e.action.run();
        }
        nowMs = Math.max(nowMs, untilMs);
    }

    /** Runs events for {@code durationMs} of virtual time. */
    public void runFor(long durationMs) {
        runUntil(nowMs + durationMs);
    }
}

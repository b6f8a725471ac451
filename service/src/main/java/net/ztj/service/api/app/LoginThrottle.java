package net.ztj.service.api.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The log-in rate limit: a client address with {@value #MAX_FAILURES} failed log-ins within {@value #WINDOW_MS} ms
 * waits until the oldest of them is that old; and all addresses together get at most {@value #MAX_GLOBAL_FAILURES}
 * failures per window, so that many addresses (allowed by {@code allowManagementFrom}) cannot guess faster. A
 * successful log-in clears its address's failures. Thread-safe.
 */
public final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final int MAX_GLOBAL_FAILURES = 50;
    static final long WINDOW_MS = 5 * 60_000L;
    static final int MAX_ADDRESSES = 4096;

    private final Map<String, Deque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true);
    private final Deque<Long> global = new ArrayDeque<>();

    /** How many ms {@code address} must wait before its next attempt; empty when it may try now. */
    public synchronized OptionalLong waitMs(String address, long nowMs) {
        prune(global, nowMs);
        long wait = global.size() >= MAX_GLOBAL_FAILURES ? global.peekFirst() + WINDOW_MS - nowMs : 0;
        Deque<Long> mine = failures.get(address);
        if (mine != null) {
            prune(mine, nowMs);
            if (mine.size() >= MAX_FAILURES) wait = Math.max(wait, mine.peekFirst() + WINDOW_MS - nowMs);
            if (mine.isEmpty()) failures.remove(address);
        }
        return wait > 0 ? OptionalLong.of(wait) : OptionalLong.empty();
    }

    public synchronized void failed(String address, long nowMs) {
        while (failures.size() >= MAX_ADDRESSES && !failures.containsKey(address)) {
            failures.remove(failures.keySet().iterator().next());
        }
        failures.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(nowMs);
        global.addLast(nowMs);
    }

    public synchronized void succeeded(String address) {
        failures.remove(address);
    }

    private static void prune(Deque<Long> times, long nowMs) {
        while (!times.isEmpty() && nowMs - times.peekFirst() >= WINDOW_MS) times.pollFirst();
    }
}

package net.ztj.systest;

import java.util.function.Supplier;

/**
 * Waiting for a condition with a bound, and failing with a message that says what was awaited, for how long, the
 * last error seen while checking, and whatever state the caller wants to show (CLI output, daemon logs).
 */
final class Await {
    private Await() {
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /**
     * Polls every {@code pollMs} until {@code check} holds; an exception from the check counts as "not yet".
     * Throws an AssertionError naming {@code what} with {@code diagnostics} when {@code timeoutMs} has passed.
     */
    static void until(String what, long timeoutMs, long pollMs, Check check, Supplier<String> diagnostics)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + timeoutMs * 1_000_000L;
        Exception last = null;
        while (true) {
            try {
                if (check.ok()) return;
                last = null;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - end >= 0) break;
            Thread.sleep(pollMs);
        }
        String state;
        try {
            state = diagnostics.get();
        } catch (RuntimeException e) {
            state = "(diagnostics failed: " + e + ")";
        }
        throw new AssertionError("timed out after " + (System.nanoTime() - start) / 1_000_000 + " ms waiting for "
                + what + (last == null ? "" : "\nlast check failed with: " + last) + "\n" + state);
    }

    static void until(String what, long timeoutMs, Check check, Supplier<String> diagnostics)
            throws InterruptedException {
        until(what, timeoutMs, 1000, check, diagnostics);
    }
}

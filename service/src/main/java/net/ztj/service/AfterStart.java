package net.ztj.service;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The parts of a daemon that being ONLINE and answering the API do not wait for (the JVM's metrics families, the
 * watch on the kernel's address notifications), started one after the other on a thread of their own once the API
 * is up. Each part costs a starting JVM tens to hundreds of milliseconds of class loading and linking; started
 * here they no longer hold the way to ONLINE, and each works as before once started.
 *
 * <p>Closing waits for the part being started, skips those not started yet and closes the started ones in reverse.
 */
final class AfterStart implements AutoCloseable {
    /** Starts one part; returns what stops it, or null when there is nothing to stop. */
    @FunctionalInterface
    interface Part {
        AutoCloseable start() throws Exception;
    }

    /** How long closing waits for a part that is being started. */
    static final long JOIN_MS = 10_000;

    private final List<Part> parts;
    private final Consumer<String> log;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Thread thread;
    private boolean closing;

    AfterStart(List<Part> parts, Consumer<String> log) {
        this.parts = List.copyOf(parts);
        this.log = log;
        this.thread = Thread.ofPlatform().daemon().name("ztj-after-start").unstarted(this::run);
    }

    /** Starts the parts in the background. */
    void start() {
        thread.start();
    }

    /** Waits until every part was started (or skipped by {@link #close}); for tests and the AOT training. */
    void awaitStarted() throws InterruptedException {
        thread.join();
    }

    private void run() {
        for (Part part : parts) {
            synchronized (this) {
                if (closing) return;
            }
            AutoCloseable stop;
            try {
                stop = part.start();
            } catch (Exception | LinkageError e) {
                log.accept("WARNING: a part of the service failed to start: " + e);
                continue;
            }
            if (stop == null) continue;
            boolean keep;
            synchronized (this) {
                keep = !closing;
                if (keep) started.push(stop);
            }
            if (!keep) closeQuietly(stop); // close() ran while it started: it did not see this one
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closing = true;
        }
        if (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join(JOIN_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = started.poll();
            }
            if (next == null) return;
            closeQuietly(next);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // go on stopping the rest
        }
    }
}

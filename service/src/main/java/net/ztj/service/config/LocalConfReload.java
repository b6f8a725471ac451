package net.ztj.service.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * local.conf reloaded while the service runs, as ZeroTier One 1.14 reloads it (spec 05 §4.1): every 10 s the file's
 * modification time (in whole seconds) is compared with the wall clock, and a file modified within the last 10 s is
 * read again and handed to {@code apply}. A missing or empty file changes nothing: what was loaded stays in effect.
 * So does a file that is not a JSON object, which the reference would exit on: here it is named in the log and
 * ignored (a service does not stop on a half-saved file).
 *
 * <p>{@link #poll} is pure in its clock (tests drive it); {@link #start} polls it every second on a timer thread of
 * its own, which is also where {@code apply} runs.
 */
public final class LocalConfReload implements AutoCloseable {
    /** ZT_LOCAL_CONF_FILE_CHECK_INTERVAL. */
    public static final long CHECK_INTERVAL_MS = 10_000;

    private final Path file;
    private final LongSupplier wallClockMs;
    private final Consumer<String> log;
    private final Consumer<LocalConf> apply;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().daemon().name("local-conf-reload").unstarted(r));
    private long lastCheckMs;

    /**
     * @param wallClockMs the wall clock (the file's modification time is compared with it); read once here, as the
     *                    reference starts counting at start-up
     */
    public LocalConfReload(Path file, LongSupplier wallClockMs, Consumer<String> log, Consumer<LocalConf> apply) {
        this.file = file;
        this.wallClockMs = wallClockMs;
        this.log = log;
        this.apply = apply;
        this.lastCheckMs = wallClockMs.getAsLong();
    }

    public void start() {
        timer.scheduleAtFixedRate(() -> poll(wallClockMs.getAsLong()), 1, 1, TimeUnit.SECONDS);
    }

    /** Checks the file if the interval has passed; returns whether it was reloaded and applied. */
    public synchronized boolean poll(long nowMs) {
        if (nowMs - lastCheckMs < CHECK_INTERVAL_MS) return false;
        lastCheckMs = nowMs;
        long modifiedMs;
        try {
            modifiedMs = Files.getLastModifiedTime(file).to(TimeUnit.SECONDS) * 1000;
        } catch (IOException | SecurityException e) {
            return false;
        }
        if (nowMs - modifiedMs > CHECK_INTERVAL_MS) return false;
        LocalConf conf;
        try {
            if (Files.size(file) == 0) return false;
            conf = LocalConfLoader.load(file, log);
        } catch (LocalConfException e) {
            log.accept("ERROR: unable to parse local.conf (" + e.getMessage() + "); the settings in effect stay");
            return false;
        } catch (IOException e) {
            return false;
        }
        try {
            apply.accept(conf);
        } catch (RuntimeException e) {
            log.accept("local.conf reloaded, but not applied: " + e);
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

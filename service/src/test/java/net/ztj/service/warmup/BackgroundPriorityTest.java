package net.ztj.service.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class BackgroundPriorityTest {
    /** The nice value of a thread of this process, from /proc (field 19 of its stat line). */
    private static int niceOf(int tid) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[19 - 3]);
    }

    @Test
    void lowersTheCallingThreadAloneAndWhatItStarts() throws Exception {
        int callerTid = BackgroundPriority.currentThreadId();
        int callerNice = niceOf(callerTid);
        AtomicInteger lowered = new AtomicInteger(-1), child = new AtomicInteger(-1);
        AtomicReference<Boolean> done = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                done.set(BackgroundPriority.lowerCurrentThread());
                lowered.set(niceOf(BackgroundPriority.currentThreadId()));
                // a thread it starts (the warm-up's socket receivers) inherits the low priority
                Thread c = Thread.ofPlatform().start(() -> {
                    try {
                        child.set(niceOf(BackgroundPriority.currentThreadId()));
                    } catch (Exception e) {
                        failure.set(e);
                    }
                });
                c.join();
            } catch (Exception e) {
                failure.set(e);
            }
        });
        t.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        assertTrue(done.get());
        assertEquals(BackgroundPriority.LOWEST, lowered.get());
        assertEquals(BackgroundPriority.LOWEST, child.get());
        assertEquals(callerNice, niceOf(callerTid), "the other threads keep their priority");
    }
}

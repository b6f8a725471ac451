package net.ztj.service;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartAheadTest {
    @Test
    void everyClassItLinksAheadExists() {
        // a renamed class would silently stop being linked ahead (and the start would be slower again)
        ClassLoader loader = StartAhead.class.getClassLoader();
        for (String name : StartAhead.SOCKET_CLASSES) {
            assertDoesNotThrow(() -> Class.forName(name, false, loader), name);
        }
    }

    @Test
    void linkingTheSocketsAheadInitialisesThem() throws Exception {
        StartAhead.linkSockets().join();
        StartAhead.initialize(StartAhead.SOCKET_CLASSES); // a second time: nothing left to do, no failure
    }

    @Test
    void aFailureAheadIsLeftForTheMainThread() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        Thread t = StartAhead.run("test", () -> {
            ran.set(true);
            throw new IllegalStateException("left for the main thread");
        });
        t.join();
        assertTrue(ran.get());
    }
}

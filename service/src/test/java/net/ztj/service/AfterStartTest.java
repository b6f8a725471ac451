package net.ztj.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AfterStartTest {
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private AfterStart.Part part(String name) {
        return () -> {
            events.add("start " + name);
            return () -> events.add("stop " + name);
        };
    }

    @Test
    void startsThePartsInOrderAndStopsThemInReverse() throws Exception {
        AfterStart later = new AfterStart(List.of(part("a"), () -> {
            events.add("start b");
            return null; // nothing to stop
        }, part("c")), log::add);
        later.start();
        later.awaitStarted();
        later.close();
        assertEquals(List.of("start a", "start b", "start c", "stop c", "stop a"), events);
        assertTrue(log.isEmpty());
    }

    @Test
    void aPartThatFailsIsReportedAndTheOthersStillStart() throws Exception {
        AfterStart later = new AfterStart(List.of(part("a"), () -> {
            throw new IllegalStateException("no netlink");
        }, part("c")), log::add);
        later.start();
        later.awaitStarted();
        later.close();
        assertEquals(List.of("start a", "start c", "stop c", "stop a"), events);
        assertEquals(1, log.size());
        assertTrue(log.getFirst().contains("no netlink"), log.getFirst());
    }

    @Test
    void closingWhileAPartStartsWaitsForItStopsItAndSkipsTheRest() throws Exception {
        CountDownLatch starting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AfterStart later = new AfterStart(List.of(() -> {
            starting.countDown();
            assertTrue(release.await(10, TimeUnit.SECONDS));
            events.add("start slow");
            return () -> events.add("stop slow");
        }, part("never")), log::add);
        later.start();
        assertTrue(starting.await(10, TimeUnit.SECONDS));
        Thread closer = Thread.ofPlatform().start(later::close);
        // once close() waits for the part being started (joining the thread), let the part finish
        while (closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) Thread.onSpinWait();
        release.countDown();
        closer.join();
        assertEquals(List.of("start slow", "stop slow"), events);
    }

    @Test
    void closingBeforeTheStartStartsNothing() throws Exception {
        AfterStart later = new AfterStart(List.of(part("a")), log::add);
        later.close();
        later.start();
        later.awaitStarted();
        assertEquals(List.of(), events);
    }
}

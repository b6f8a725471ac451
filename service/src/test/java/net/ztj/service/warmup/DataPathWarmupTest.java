package net.ztj.service.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataPathWarmupTest {
    @Test
    void framesCrossBothWaysThroughTheRealDataPath() {
        DataPathWarmup.Result r = DataPathWarmup.run(300);
        // every round delivers its large frame and the small answer: nothing is dropped on the way
        assertEquals(600, r.framesDelivered());
    }

    @Test
    void aRootsWarmUpRelaysEveryFrameBetweenMembersThatCannotReachEachOther() {
        // the wire drops everything between members 0 and 2, so each delivered frame crossed the root's relay path
        DataPathWarmup.Result r = DataPathWarmup.runRelayed(300);
        assertEquals(600, r.framesDelivered());
    }

    @Test
    void edgesRunOverLoopbackAndAnEventfd() throws Exception {
        assertEquals(500, net.ztj.tap.LinuxTap.warmUp(500));
        // loopback UDP: the datagrams come back (a few may be dropped by a full socket buffer)
        assertTrue(net.ztj.transport.udp.UdpTransport.warmUp(400) > 0);
    }

    @Test
    void theTriggerStartsTheWarmUpOnce() {
        java.util.concurrent.atomic.AtomicInteger starts = new java.util.concurrent.atomic.AtomicInteger();
        Runnable trigger = DataPathWarmup.once(starts::incrementAndGet);
        assertEquals(0, starts.get(), "nothing before the first join");
        trigger.run();
        trigger.run();
        trigger.run();
        assertEquals(1, starts.get());
    }

    @Test
    void fullRoundsWithoutAnAheadOfTimeCache() {
        // the test JVM runs without -XX:AOTCache, as the cache's training run does: the long warm-up applies
        assertTrue(!DataPathWarmup.fromAotCache());
        assertTrue(DataPathWarmup.CACHED_ROUNDS < DataPathWarmup.DEFAULT_ROUNDS);
    }

    @Test
    void enabledUnlessTurnedOff() {
        String before = System.getProperty(DataPathWarmup.PROPERTY);
        try {
            System.clearProperty(DataPathWarmup.PROPERTY);
            assertTrue(DataPathWarmup.enabled());
            System.setProperty(DataPathWarmup.PROPERTY, "false");
            assertTrue(!DataPathWarmup.enabled());
        } finally {
            if (before == null) System.clearProperty(DataPathWarmup.PROPERTY);
            else System.setProperty(DataPathWarmup.PROPERTY, before);
        }
    }
}

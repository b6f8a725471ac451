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
    void signaturesVerifyAndTheForgedOneDoesNot() {
        // 20 good verifications counted, the forged one (a flipped bit in R) subtracts nothing
        assertEquals(20, DataPathWarmup.signatures(20));
    }

    @Test
    void theWarmUpWaitsForTheNodeAndStaysAwayFromAStoppedOne() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        assertTrue(DataPathWarmup.awaitReady(() -> asked.incrementAndGet() >= 3, 60_000));
        assertEquals(3, asked.get(), "asked until ready, not after");
        assertTrue(DataPathWarmup.awaitReady(() -> false, 0), "a node that never says ready still gets its warm-up");
        assertTrue(!DataPathWarmup.awaitReady(() -> {
            throw new IllegalStateException("the node has stopped");
        }, 60_000));
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

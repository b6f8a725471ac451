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
    void edgesRunOverLoopbackAndAnEventfd() throws Exception {
        assertEquals(500, net.ztj.tap.LinuxTap.warmUp(500));
        // loopback UDP: the datagrams come back (a few may be dropped by a full socket buffer)
        assertTrue(net.ztj.transport.udp.UdpTransport.warmUp(400) > 0);
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

package net.ztj.service.dns;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceRateLimitTest {
    @Test
    void aBurstOfTwiceTheRateThenTheRatePerSecondEachSourceOnItsOwn() throws Exception {
        SourceRateLimit limit = new SourceRateLimit(10);
        InetAddress a = InetAddress.getByName("10.0.0.1"), b = InetAddress.getByName("10.0.0.2");
        for (int i = 0; i < 20; i++) assertTrue(limit.admit(a, 0));
        assertFalse(limit.admit(a, 0));
        assertTrue(limit.admit(b, 0), "another source has its own bucket");
        assertTrue(limit.admit(a, 100_000_000L), "one token back after 100 ms at 10/s");
        assertFalse(limit.admit(a, 100_000_000L));
    }

    @Test
    void theTableOfSourcesStaysBounded() throws Exception {
        SourceRateLimit limit = new SourceRateLimit(1);
        for (int i = 0; i < SourceRateLimit.MAX_SOURCES + 10; i++) {
            byte[] ip = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            limit.admit(InetAddress.getByAddress(ip), 0);
        }
        assertTrue(limit.sources() <= SourceRateLimit.MAX_SOURCES);
        assertEquals(true, limit.admit(InetAddress.getByName("10.9.9.9"), 0));
    }
}

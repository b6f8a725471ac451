package net.ztj.service.api.app;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log-in rate limit, per address and over all addresses. */
class LoginThrottleTest {
    @Test
    void anAddressWaitsAfterItsFailuresUntilTheOldestAges() {
        LoginThrottle t = new LoginThrottle();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertTrue(t.waitMs("a", 1000 + i).isEmpty());
            t.failed("a", 1000 + i);
        }
        assertEquals(OptionalLong.of(LoginThrottle.WINDOW_MS - 10), t.waitMs("a", 1010));
        assertTrue(t.waitMs("b", 1010).isEmpty(), "another address is not held up");
        assertTrue(t.waitMs("a", 1000 + LoginThrottle.WINDOW_MS).isEmpty());
        t.succeeded("a");
        assertTrue(t.waitMs("a", 1010).isEmpty(), "a success clears the address");
    }

    @Test
    void allAddressesTogetherAreBounded() {
        LoginThrottle t = new LoginThrottle();
        for (int i = 0; i < LoginThrottle.MAX_GLOBAL_FAILURES; i++) t.failed("10.0.0." + i, 5000);
        assertEquals(OptionalLong.of(LoginThrottle.WINDOW_MS), t.waitMs("10.0.1.1", 5000));
        assertTrue(t.waitMs("10.0.1.1", 5000 + LoginThrottle.WINDOW_MS).isEmpty());
    }
}

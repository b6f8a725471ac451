package net.ztj.service.api;

import net.ztj.core.wire.IpText;
import net.ztj.service.config.IpNetwork;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The source-address rule (addresses only compared here; no traffic leaves the loopback interface in tests). */
class AccessControlTest {
    private static InetAddress addr(String s) throws Exception {
        return InetAddress.getByAddress(IpText.parse(s));
    }

    @Test
    void loopbackIsAlwaysAllowedOthersOnlyFromAllowedNetworks() throws Exception {
        AccessControl none = new AccessControl("t", List.of());
        for (String s : List.of("127.0.0.1", "127.9.9.9", "::1", "fe80::1")) assertTrue(none.sourceAllowed(addr(s)), s);
        for (String s : List.of("10.55.0.2", "fe80::2", "::2", "192.0.2.1")) assertFalse(none.sourceAllowed(addr(s)), s);
        AccessControl lan = new AccessControl("t", List.of(IpNetwork.parse("10.55.0.0/24").orElseThrow()));
        assertTrue(lan.sourceAllowed(addr("10.55.0.2")));
        assertFalse(lan.sourceAllowed(addr("10.56.0.2")));
        assertTrue(AccessControl.isLoopback(IpText.parse("::ffff:127.0.0.5")));
    }

    @Test
    void onlyHealthSsoAndAppNeedNoToken() {
        assertTrue(AccessControl.tokenFree("/health"));
        assertTrue(AccessControl.tokenFree("/sso"));
        assertTrue(AccessControl.tokenFree("/app/x"));
        assertFalse(AccessControl.tokenFree("/health/"));
        assertFalse(AccessControl.tokenFree("/status"));
    }
}

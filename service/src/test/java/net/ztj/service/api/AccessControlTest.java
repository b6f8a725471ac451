package net.ztj.service.api;

import net.ztj.core.wire.IpText;
import net.ztj.service.api.AccessControl.Verdict;
import net.ztj.service.api.http.HttpRequestHead;
import net.ztj.service.config.IpNetwork;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static HttpRequestHead head(String path, Map<String, String> query, String... headers) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headers.length; i += 2) h.put(headers[i], headers[i + 1]);
        return new HttpRequestHead("GET", path, query, h, "HTTP/1.1");
    }

    @Test
    void theVerdictComesFromTheHeadAndTheSourceAlone() throws Exception {
        AccessControl access = new AccessControl("secret", List.of());
        InetAddress local = addr("127.0.0.1");
        assertEquals(Verdict.AUTHENTICATED, access.judge(head("/status", Map.of(), "X-ZT1-Auth", "secret"), local));
        assertEquals(Verdict.AUTHENTICATED, access.judge(head("/status", Map.of("auth", "secret")), local));
        assertEquals(Verdict.AUTHENTICATED, access.judge(head("/x", Map.of(), "Authorization", "Bearer secret"), local));
        assertEquals(Verdict.OPEN_PATH, access.judge(head("/health", Map.of()), local));
        assertEquals(Verdict.REFUSED, access.judge(head("/status", Map.of()), local));
        assertEquals(Verdict.REFUSED, access.judge(head("/status", Map.of(), "X-ZT1-Auth", "secreT"), local));
        assertEquals(Verdict.REFUSED, access.judge(head("/status", Map.of(), "X-ZT1-Auth", "secret"), addr("192.0.2.1")),
                "a valid token from a source that is not allowed");
        assertEquals(Verdict.REFUSED, access.judge(head("/health", Map.of()), addr("192.0.2.1")));
    }

    /**
     * The token is compared as bytes with MessageDigest.isEqual, whose time does not depend on where the bytes differ
     * (not asserted here: that would be a timing measurement); here, that it decides exactly equality.
     */
    @Test
    void theTokenMustMatchByteForByte() {
        AccessControl access = new AccessControl("xg0jdyd4y9g1p1a2yq6dp3kf", List.of());
        assertTrue(access.tokenMatches("xg0jdyd4y9g1p1a2yq6dp3kf"));
        for (String wrong : List.of("Xg0jdyd4y9g1p1a2yq6dp3kf", "xg0jdyd4y9g1p1a2yq6dp3kF", "xg0jdyd4y9g1p1a2yq6dp3k",
                "xg0jdyd4y9g1p1a2yq6dp3kfx", "", "x", "xg0jdyd4y9g1p1a2yq6dp3k\u00e9")) {
            assertFalse(access.tokenMatches(wrong), wrong);
        }
        AccessControl unicode = new AccessControl("t\u00f6ken", List.of());
        assertTrue(unicode.tokenMatches("t\u00f6ken"));
        assertFalse(unicode.tokenMatches("toeken"));
    }
}

package net.ztj.service.api.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.ztj.controller.store.ControllerStore;
import net.ztj.controller.store.SqliteControllerStore;
import net.ztj.core.identity.Address;
import net.ztj.service.api.ApiServer;
import net.ztj.service.api.LocalApi;
import net.ztj.service.config.LocalConf;
import net.ztj.service.config.LocalConfFile;
import net.ztj.service.home.MoonFiles;
import net.ztj.service.home.NetworkFiles;
import net.ztj.service.metrics.ServiceMetrics;
import net.ztj.service.node.MemberPresence;
import net.ztj.service.testing.FakeNode;
import net.ztj.service.testing.RawHttp;
import net.ztj.service.testing.RawHttp.Response;
import net.ztj.service.testing.SpecFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI through the real API handler and listener: its files with their headers, log-in with the token or the
 * admin password, the session cookie and CSRF token as the API's credentials, log-out, and the log-in rate limit.
 */
class WebAppTest {
    private static final String TOKEN = "xg0jdyd4y9g1p1a2yq6dp3kf";
    private static final InetAddress V4 = InetAddress.getLoopbackAddress();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private ControllerStore store;
    private ApiServer server;
    private AdminPassword password;
    private int port;

    @BeforeEach
    void start() throws Exception {
        store = SqliteControllerStore.open(dir.resolve("controller.d"));
        password = AdminPassword.load(dir.resolve("adminpassword.secret"));
        WebApp app = new WebApp(TOKEN, password, new StaticAssets(), new SecureRandom(), clock::get);
        FakeNode node = new FakeNode(SpecFixtures.memberStatus());
        var handler = LocalApi.handler(node, SpecFixtures::memberService, LocalConfFile.detached(LocalConf.none()),
                new MoonFiles(dir.resolve("moons.d")), new NetworkFiles(dir.resolve("networks.d")),
                nwid -> "zt0", Optional.of(store), new MemberPresence(), Address.parse("ed7e70d932"),
                new java.util.SplittableRandom(1), TOKEN, "", new ServiceMetrics(node, clock::get), Optional.of(app),
                clock::get);
        server = ApiServer.start(0, false, handler, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        port = server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (store != null) store.close();
    }

    private Response request(String method, String path, String body, String... headers) throws Exception {
        StringBuilder r = new StringBuilder(method + " " + path + " HTTP/1.1\nHost: 127.0.0.1:" + port + "\n");
        for (String h : headers) r.append(h).append('\n');
        if (body != null) {
            r.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append('\n');
        }
        r.append('\n');
        if (body != null) r.append(body);
        return RawHttp.exchange(V4, port, r.toString());
    }

    private static final String JSON_TYPE = "Content-Type: application/json";

    /** Logs in; returns the cookie header to send and the CSRF token. */
    private String[] login(String secret) throws Exception {
        Response r = request("POST", "/app/api/login", "{\"password\":\"" + secret + "\"}", JSON_TYPE);
        assertEquals(200, r.status(), r.toString());
        String setCookie = r.header("Set-Cookie");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        return new String[] {"Cookie: " + cookie, JSON.readTree(r.body()).path("csrfToken").asText()};
    }

    @Test
    void servesThePageAndItsFilesWithTypesCachingAndSecurityHeaders() throws Exception {
        Response page = request("GET", "/app/", null);
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
        assertTrue(page.body().contains("<script src=\"app.js\" defer></script>"), page.body());
        assertFalse(page.body().contains("<script>"), "no inline script");
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("DENY", page.header("X-Frame-Options"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("no-cache", page.header("Cache-Control"));
        String etag = page.header("ETag");
        assertTrue(etag != null && etag.startsWith("\""), String.valueOf(etag));
        assertEquals(page.body(), request("GET", "/app/index.html", null).body());

        assertEquals("text/javascript; charset=utf-8", request("GET", "/app/app.js", null).header("Content-Type"));
        assertEquals("text/css; charset=utf-8", request("GET", "/app/app.css", null).header("Content-Type"));
        assertEquals("image/svg+xml", request("GET", "/app/icon.svg", null).header("Content-Type"));

        Response again = request("GET", "/app/", null, "If-None-Match: " + etag);
        assertEquals(304, again.status());
        assertEquals("", again.body());
        assertEquals(etag, again.header("ETag"));
        assertEquals(200, request("GET", "/app/", null, "If-None-Match: \"other\"").status());

        Response redirect = request("GET", "/app", null);
        assertEquals(301, redirect.status());
        assertEquals("/app/", redirect.header("Location"));
        Response missing = request("GET", "/app/../authtoken.secret", null);
        assertEquals(404, missing.status());
        assertEquals("nosniff", missing.header("X-Content-Type-Options"));
        assertEquals(404, request("GET", "/app/nothing.js", null).status());
        assertEquals(405, request("POST", "/app/index.html", "{}", JSON_TYPE).status());
        assertEquals(200, request("HEAD", "/app/app.js", null).status());
    }

    @Test
    void theApiResponsesOutsideAppKeepTheirReferenceHeaders() throws Exception {
        Response r = request("GET", "/status", null, "X-ZT1-Auth: " + TOKEN);
        assertEquals(200, r.status());
        assertEquals(List.of("Content-Length", "Content-Type", "Keep-Alive"),
                r.headers().stream().map(h -> h.substring(0, h.indexOf(':'))).toList());
    }

    @Test
    void theTokenLogsInAndTheSessionUsesTheApiWithItsCsrfToken() throws Exception {
        JsonNode before = JSON.readTree(request("GET", "/app/api/session", null).body());
        assertFalse(before.path("authenticated").asBoolean());
        assertFalse(before.path("passwordSet").asBoolean());
        assertEquals(401, request("GET", "/controller/network", null).status());

        Response r = request("POST", "/app/api/login", "{\"password\":\"" + TOKEN + "\"}", JSON_TYPE,
                "Origin: http://127.0.0.1:" + port);
        assertEquals(200, r.status(), r.toString());
        String setCookie = r.header("Set-Cookie");
        assertTrue(setCookie.startsWith(WebApp.COOKIE + "="), setCookie);
        assertTrue(setCookie.contains("; HttpOnly") && setCookie.contains("; SameSite=Strict")
                && setCookie.contains("; Path=/"), setCookie);
        assertFalse(setCookie.contains("Secure"), "plain HTTP: " + setCookie);
        assertEquals("no-store", r.header("Cache-Control"));
        String cookie = "Cookie: " + setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = JSON.readTree(r.body()).path("csrfToken").asText();
        assertTrue(csrf.length() >= 40, csrf);
        assertFalse(r.body().contains(TOKEN), "the token is never sent to the page");

        JsonNode session = JSON.readTree(request("GET", "/app/api/session", null, cookie).body());
        assertTrue(session.path("authenticated").asBoolean());
        assertEquals(csrf, session.path("csrfToken").asText());

        // reads with the cookie alone
        assertEquals(200, request("GET", "/controller/network", null, cookie).status());
        // writes need the CSRF token, from this origin
        String create = "{\"name\":\"web\"}";
        assertEquals(401, request("POST", "/controller/network", create, cookie, JSON_TYPE).status());
        assertEquals(401, request("POST", "/controller/network", create, cookie, JSON_TYPE,
                "X-CSRF-Token: " + csrf + "x").status());
        assertEquals(401, request("POST", "/controller/network", create, cookie, JSON_TYPE,
                "X-CSRF-Token: " + csrf, "Origin: http://evil.example").status());
        assertEquals(401, request("POST", "/controller/network", create, cookie, JSON_TYPE,
                "X-CSRF-Token: " + csrf, "Sec-Fetch-Site: cross-site").status());
        assertEquals("[]", request("GET", "/controller/network", null, cookie).body());
        Response created = request("POST", "/controller/network", create, cookie, JSON_TYPE, "X-CSRF-Token: " + csrf,
                "Origin: http://127.0.0.1:" + port, "Sec-Fetch-Site: same-origin");
        assertEquals(200, created.status(), created.toString());
        String nwid = JSON.readTree(created.body()).path("id").asText();
        assertEquals(401, request("DELETE", "/controller/network/" + nwid, null, cookie).status());
        // a JSONP include never rides on the session
        assertEquals(401, request("GET", "/controller/network?jsonp=steal", null, cookie).status());
        // another cookie value is no session
        assertEquals(401, request("GET", "/controller/network", null, "Cookie: " + WebApp.COOKIE + "=forged").status());

        // log-out needs the CSRF token, then ends the session and clears the cookie
        assertEquals(403, request("POST", "/app/api/logout", "{}", cookie, JSON_TYPE).status());
        Response out = request("POST", "/app/api/logout", "{}", cookie, JSON_TYPE, "X-CSRF-Token: " + csrf);
        assertEquals(200, out.status());
        assertTrue(out.header("Set-Cookie").contains("Max-Age=0"), out.header("Set-Cookie"));
        assertEquals(401, request("GET", "/controller/network", null, cookie).status());
        assertFalse(JSON.readTree(request("GET", "/app/api/session", null, cookie).body()).path("authenticated")
                .asBoolean());
    }

    @Test
    void logInIsRefusedCrossSiteOrWithoutJson() throws Exception {
        String body = "{\"password\":\"" + TOKEN + "\"}";
        assertEquals(403, request("POST", "/app/api/login", body,
                "Content-Type: application/x-www-form-urlencoded").status());
        assertEquals(403, request("POST", "/app/api/login", body, JSON_TYPE, "Origin: http://evil.example").status());
        assertEquals(403, request("POST", "/app/api/login", body, JSON_TYPE, "Sec-Fetch-Site: cross-site").status());
        assertEquals(400, request("POST", "/app/api/login", "{\"pw\":1}", JSON_TYPE).status());
        assertEquals(400, request("POST", "/app/api/login", "not json", JSON_TYPE).status());
        assertEquals(405, request("GET", "/app/api/login", null).status());
    }

    @Test
    void theAdminPasswordIsSetWithTheTokenStoredHashedAndLogsIn() throws Exception {
        String pw = "correct horse battery";
        assertEquals(401, request("POST", "/app/api/password", "{\"password\":\"" + pw + "\"}", JSON_TYPE).status());
        String[] session = login(TOKEN);
        // a session is not enough to change the password: that takes the token (zerotier-cli)
        assertEquals(401, request("POST", "/app/api/password", "{\"password\":\"" + pw + "\"}", JSON_TYPE,
                session[0], "X-CSRF-Token: " + session[1]).status());
        assertEquals(400, request("POST", "/app/api/password", "{\"password\":\"short\"}", JSON_TYPE,
                "X-ZT1-Auth: " + TOKEN).status());
        assertEquals(200, request("POST", "/app/api/password", "{\"password\":\"" + pw + "\"}", JSON_TYPE,
                "X-ZT1-Auth: " + TOKEN).status());

        Path file = dir.resolve("adminpassword.secret");
        String stored = Files.readString(file);
        assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
        assertFalse(stored.contains(pw));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(AdminPassword.load(file).matches(pw), "the file alone verifies the password");
        assertFalse(AdminPassword.load(file).matches(pw + "!"));

        // changing the password ends the sessions
        assertEquals(401, request("GET", "/controller/network", null, session[0]).status());
        assertTrue(JSON.readTree(request("GET", "/app/api/session", null).body()).path("passwordSet").asBoolean());
        String[] byPassword = login(pw);
        assertEquals(200, request("GET", "/controller/network", null, byPassword[0]).status());
        assertEquals(200, request("GET", "/controller/network", null, login(TOKEN)[0]).status(), "the token still logs in");
    }

    @Test
    void failedLogInsAreRateLimitedPerAddress() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            Response r = request("POST", "/app/api/login", "{\"password\":\"wrong" + i + "\"}", JSON_TYPE);
            assertEquals(401, r.status(), r.toString());
        }
        // even the right token waits now
        Response limited = request("POST", "/app/api/login", "{\"password\":\"" + TOKEN + "\"}", JSON_TYPE);
        assertEquals(429, limited.status(), limited.toString());
        assertEquals(Long.toString(LoginThrottle.WINDOW_MS / 1000), limited.header("Retry-After"));
        clock.addAndGet(LoginThrottle.WINDOW_MS);
        login(TOKEN);
    }

    @Test
    void sessionsEndWhenIdleOrOld() throws Exception {
        String[] s = login(TOKEN);
        clock.addAndGet(Sessions.IDLE_MS - 1);
        assertEquals(200, request("GET", "/controller/network", null, s[0]).status());
        clock.addAndGet(Sessions.IDLE_MS);
        assertEquals(401, request("GET", "/controller/network", null, s[0]).status());

        String[] t = login(TOKEN);
        for (long used = 0; used + Sessions.IDLE_MS / 2 < Sessions.LIFETIME_MS; used += Sessions.IDLE_MS / 2) {
            clock.addAndGet(Sessions.IDLE_MS / 2);
            assertEquals(200, request("GET", "/controller/network", null, t[0]).status());
        }
        clock.addAndGet(Sessions.IDLE_MS / 2);
        assertEquals(401, request("GET", "/controller/network", null, t[0]).status(), "past its lifetime");
    }

    @Test
    void theUnstableMemberListingShowsWhatTheControllerSawOfEachMember() throws Exception {
        MemberPresence presence = new MemberPresence();
        assertTrue(presence.lastRequest("8056c2e21c000001", "0badc0ffee").isEmpty());
        presence.requested(0x8056c2e21c000001L, "0badc0ffee", net.ztj.core.wire.Endpoint.parse("192.0.2.7/9993"), 5000);
        MemberPresence.Seen seen = presence.lastRequest("8056C2E21C000001", "0BADC0FFEE").orElseThrow();
        assertEquals(5000, seen.lastRequestMs());
        assertEquals(Optional.of("192.0.2.7/9993"), seen.physicalAddress());
        assertTrue(seen.online(5000 + MemberPresence.ONLINE_WINDOW_MS - 1));
        assertFalse(seen.online(5000 + MemberPresence.ONLINE_WINDOW_MS));

        String[] s = login(TOKEN);
        String csrf = "X-CSRF-Token: " + s[1];
        JsonNode net = JSON.readTree(request("POST", "/controller/network", "{}", s[0], JSON_TYPE, csrf).body());
        String nwid = net.path("id").asText();
        assertEquals(200, request("POST", "/controller/network/" + nwid + "/member/0badc0ffee", "{\"name\":\"pc\"}",
                s[0], JSON_TYPE, csrf).status());
        JsonNode members = JSON.readTree(request("GET", "/unstable/controller/network/" + nwid + "/member", null, s[0])
                .body());
        JsonNode m = members.path("data").get(0);
        assertEquals("pc", m.path("name").asText());
        assertEquals(0, m.path("lastSeen").asLong());
        assertTrue(m.path("physicalAddress").isNull());
        assertFalse(m.path("online").asBoolean());
        // the member objects of the stable API stay as ZeroTier's
        JsonNode plain = JSON.readTree(request("GET", "/controller/network/" + nwid + "/member/0badc0ffee", null, s[0])
                .body());
        assertNull(plain.get("lastSeen"));
        assertNotNull(plain.get("vMajor"));
    }

    @Test
    void cookieParsingFindsTheSessionAmongOthers() {
        var head = new net.ztj.service.api.http.HttpRequestHead("GET", "/", java.util.Map.of(),
                new java.util.TreeMap<>(java.util.Map.of("Cookie", "a=1; " + WebApp.COOKIE + "=abc; b=2")), "HTTP/1.1");
        assertEquals(Optional.of("abc"), WebApp.cookie(head, WebApp.COOKIE));
        assertEquals(Optional.empty(), WebApp.cookie(head, "c"));
    }
}

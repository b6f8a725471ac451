package net.ztj.service.api.http;

import net.ztj.service.testing.RawHttp;
import net.ztj.service.testing.RawHttp.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static net.ztj.service.api.http.ApiUnderTest.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's defences over real sockets, against the real API handler: requests judged from their head before
 * any body byte, bounded bodies, 100 Continue only for admitted requests, deadlines, and the connection pools.
 */
class HttpLimitsTest {
    /** Short deadlines and a small body limit, so the tests do not wait for the real ones. */
    private static final HttpLimits SHORT = new HttpLimits(1000, 300, 1000, 64, 64);
    private static final String AUTH = "X-ZT1-Auth: " + TOKEN + "\r\n";

    @TempDir
    Path home;

    private ApiUnderTest api;
    private final ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        dribbler.shutdownNow();
        if (api != null) api.close();
    }

    private RawHttp connect(HttpLimits limits) throws IOException {
        if (api == null) api = new ApiUnderTest(home, limits);
        return api.connect();
    }

    @Test
    void aBodyOverTheLimitIs413FromItsLengthWithoutBeingRead() throws Exception {
        try (RawHttp http = connect(HttpLimits.DEFAULT)) {
            http.write("POST /moon/1234567890 HTTP/1.1\r\n" + AUTH + "Content-Length: " + (4 * 1024 * 1024 + 1)
                    + "\r\n\r\n");
            Response r = http.read(false);
            assertEquals("HTTP/1.1 413 Payload Too Large\nConnection: close\nContent-Length: 0\n", r.head());
            assertTrue(http.closedByServer());
        }
    }

    @Test
    void aChunkedBodyIs413WhenItCrossesTheLimitAndOneAtTheLimitIsServed() throws Exception {
        try (RawHttp http = connect(SHORT)) {
            http.write("POST /moon/1234567890 HTTP/1.1\r\n" + AUTH + "Transfer-Encoding: chunked\r\n\r\n"
                    + "258\r\n" + "x".repeat(600) + "\r\n258\r\n");
            assertEquals(413, http.read(false).status());
            assertTrue(http.closedByServer());
        }
        String seed = "{\"seed\":\"1234567890\",\"pad\":\"";
        String body = seed + "p".repeat(SHORT.maxBodyBytes() - seed.length() - 2) + "\"}";
        try (RawHttp http = api.connect()) {
            Response r = http.send("POST /moon/1234567890 HTTP/1.1\n" + AUTH + "Content-Length: " + body.length()
                    + "\n\n" + body, false);
            assertEquals(200, r.status());
            assertTrue(r.body().contains("\"waiting\":true"), r.body());
        }
    }

    @Test
    void anUnauthenticatedRequestIsRefusedBeforeItsBodyAndTheConnectionClosed() throws Exception {
        for (String credentials : new String[] {"", "X-ZT1-Auth: wrong\r\n", "Authorization: Bearer " + TOKEN + "x\r\n"}) {
            try (RawHttp http = connect(HttpLimits.DEFAULT)) {
                // the body is announced and never sent: the answer can only come from the head
                http.write("POST /network/8056c2e21c000001 HTTP/1.1\r\n" + credentials + "Content-Length: 1000\r\n\r\n");
                Response r = http.read(false);
                assertEquals("HTTP/1.1 401 Unauthorized\nConnection: close\nContent-Length: 2\n"
                        + "Content-Type: application/json\n", r.head(), credentials);
                assertEquals("{}", r.body());
                assertTrue(http.closedByServer(), "its body is not waited for");
            }
        }
    }

    @Test
    void continueIsSentOnlyAfterTheTokenAndSizeChecks() throws Exception {
        try (RawHttp http = connect(SHORT)) {
            http.write("POST /moon/1234567890 HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 21\r\n\r\n");
            assertEquals("HTTP/1.1 401 Unauthorized", http.read(false).statusLine(), "no 100 for a refused request");
            assertTrue(http.closedByServer());
        }
        try (RawHttp http = api.connect()) {
            http.write("POST /moon/1234567890 HTTP/1.1\r\n" + AUTH + "Expect: 100-continue\r\nContent-Length: 1001\r\n\r\n");
            assertEquals("HTTP/1.1 413 Payload Too Large", http.read(false).statusLine(), "no 100 for a refused body");
            assertTrue(http.closedByServer());
        }
        try (RawHttp http = api.connect()) {
            http.write("POST /moon/1234567890 HTTP/1.1\r\n" + AUTH + "Expect: 100-continue\r\nContent-Length: 21\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue", http.read(true).statusLine());
            assertEquals(200, http.send("{\"seed\":\"1234567890\"}", false).status());
        }
    }

    @Test
    void aSilentConnectionIsClosedAtTheHeadDeadline() throws Exception {
        try (RawHttp http = connect(SHORT)) {
            assertTrue(http.closedByServer());
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAtTheHeadDeadline() throws Exception {
        try (RawHttp http = connect(SHORT)) {
            assertEquals("timeout=5, max=5", http.send("GET /health HTTP/1.1\n\n", false).header("Keep-Alive"));
            assertTrue(http.closedByServer());
        }
    }

    @Test
    void aHeadDribbledByteByByteIsCutOffAtTheHeadDeadline() throws Exception {
        try (RawHttp http = connect(SHORT)) {
            http.write("GET /status HTTP/1.1\r\nX-Slow: ");
            dribble(http);
            assertTrue(http.closedByServer(), "closed, with no answer");
        }
    }

    @Test
    void aStalledBodyIsCutOffAtTheRequestDeadline() throws Exception {
        try (RawHttp http = connect(SHORT)) {
            http.write("POST /moon/1234567890 HTTP/1.1\r\n" + AUTH + "Content-Length: 100\r\n\r\n{\"seed\":");
            assertTrue(http.closedByServer(), "closed, with no answer");
        }
    }

    @Test
    void aBodyDribbledByteByByteIsCutOffAtTheRequestDeadline() throws Exception {
        try (RawHttp http = connect(SHORT)) {
            http.write("POST /moon/1234567890 HTTP/1.1\r\n" + AUTH + "Content-Length: 1000\r\n\r\n");
            dribble(http); // 1000 bytes at one per 50 ms would take 50 s
            assertTrue(http.closedByServer(), "closed, with no answer");
        }
    }

    /** Sends one byte every 50 ms until the connection fails. */
    private void dribble(RawHttp http) {
        dribbler.scheduleWithFixedDelay(() -> {
            try {
                http.write("a");
            } catch (IOException e) {
                throw new IllegalStateException("closed", e); // ends the repetition
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
    }

    @Test
    void aNewConnectionEvictsTheOldestUnprovenOneButNoAuthenticatedOne() throws Exception {
        HttpLimits small = new HttpLimits(1000, 5_000, 30_000, 2, 1);
        try (RawHttp a = connect(small); RawHttp b = api.connect()) {
            assertEquals(401, a.send("GET /status HTTP/1.1\n\n", false).status());
            assertEquals(401, b.send("GET /status HTTP/1.1\n\n", false).status());
            try (RawHttp c = api.connect()) {
                assertTrue(a.closedByServer(), "a, the oldest unproven, made room for c");
                assertEquals(200, c.send("GET /status HTTP/1.1\n" + AUTH + "\n", false).status());
                assertEquals(1, api.governor.authenticatedConnections());
                assertEquals(401, b.send("GET /status HTTP/1.1\n\n", false).status(), "b is still served");
                try (RawHttp d = api.connect(); RawHttp e = api.connect()) {
                    assertTrue(b.closedByServer(), "unproven newcomers evict b");
                    assertEquals(200, c.send("GET /status HTTP/1.1\n" + AUTH + "\n", false).status(),
                            "but not c, which showed the token");
                    assertEquals(200, e.send("GET /status HTTP/1.1\n" + AUTH + "\n", false).status(),
                            "the authenticated pool is full: e is served as unproven");
                    assertEquals(1, api.governor.authenticatedConnections());
                    assertEquals(200, d.send("GET /health HTTP/1.1\n\n", false).status());
                }
            }
        }
    }

    @Test
    void anOversizedHeadIs431() throws Exception {
        try (RawHttp http = connect(SHORT)) {
            http.write("GET /status HTTP/1.1\r\n" + ("X-Filler: " + "f".repeat(8000) + "\r\n").repeat(9) + "\r\n");
            assertEquals("HTTP/1.1 431 Request Header Fields Too Large", http.read(false).statusLine());
            assertTrue(http.closedByServer());
        }
    }
}

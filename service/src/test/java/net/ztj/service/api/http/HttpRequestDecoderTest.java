package net.ztj.service.api.http;

import net.ztj.service.api.http.HttpRequestDecoder.BodyFraming;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request decoder alone, over byte streams: what it accepts, what it refuses and with which status. */
class HttpRequestDecoderTest {
    private static final int LIMIT = 1000;

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int refusal(String request) {
        return assertThrows(BadRequestException.class, () -> decode(stream(request), LIMIT)).status();
    }

    /** Head, framing and body, as the connection runs them. */
    private static HttpRequest decode(InputStream in, int maxBody) throws IOException, BadRequestException {
        HttpRequestHead head = HttpRequestDecoder.readHead(in);
        if (head == null) return null;
        byte[] body = HttpRequestDecoder.readBody(in, HttpRequestDecoder.framing(head, maxBody), maxBody);
        return head.withBody(body, null, true);
    }

    @Test
    void decodesTheRequestLineHeadersAndQuery() throws Exception {
        HttpRequestHead head = HttpRequestDecoder.readHead(stream(
                "GET /peer/a%62c?auth=t+k%21&jsonp=cb&auth=second HTTP/1.1\r\nx-zt1-auth:  tok \r\nX-ZT1-Auth: 2nd\n\r\n"));
        assertEquals("GET", head.method());
        assertEquals("/peer/abc", head.path());
        assertEquals(Map.of("auth", "t k!", "jsonp", "cb"), head.query());
        assertEquals("tok", head.header("X-ZT1-AUTH").orElseThrow(), "names ignore case, the first one counts");
        assertEquals("HTTP/1.1", head.version());
        assertFalse(head.declaresBody());
    }

    @Test
    void readsNothingBeyondTheHead() throws Exception {
        InputStream in = stream("POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
        HttpRequestHead head = HttpRequestDecoder.readHead(in);
        assertTrue(head.declaresBody());
        assertEquals(5, in.available(), "the body is still unread");
        assertEquals(new BodyFraming.Fixed(5), HttpRequestDecoder.framing(head, LIMIT));
    }

    @Test
    void bodiesByLengthAndChunked() throws Exception {
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII),
                decode(stream("POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"), LIMIT).body());
        assertArrayEquals("hello world".getBytes(StandardCharsets.US_ASCII), decode(stream(
                "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\n"),
                LIMIT).body());
        assertEquals(0, decode(stream("POST /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n"), LIMIT).body().length);
        assertInstanceOf(BodyFraming.None.class,
                HttpRequestDecoder.framing(HttpRequestDecoder.readHead(stream("GET / HTTP/1.0\r\n\r\n")), LIMIT));
    }

    @Test
    void bodiesOverTheLimitAre413BeforeTheyAreRead() throws Exception {
        assertEquals(413, refusal("POST /x HTTP/1.1\r\nContent-Length: 1001\r\n\r\n"));
        assertEquals(413, refusal("POST /x HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n"));
        assertEquals(413, refusal("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\n"));
        String chunk = "x".repeat(600);
        assertEquals(413, refusal("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n" + chunk + "\r\n258\r\n"),
                "the second chunk would cross the limit: refused before it is read");
        assertEquals(LIMIT, decode(stream("POST /x HTTP/1.1\r\nContent-Length: 1000\r\n\r\n" + "y".repeat(LIMIT)), LIMIT)
                .body().length);
    }

    @Test
    void malformedInputIsRefusedWithItsStatus() {
        assertEquals(400, refusal("GET /x\r\n\r\n"));
        assertEquals(400, refusal("GET  /x HTTP/1.1\r\n\r\n"));
        assertEquals(400, refusal("GET /x FTP/1.0\r\n\r\n"));
        assertEquals(400, refusal("GET /x HTTP/1.1\r\nno colon\r\n\r\n"));
        assertEquals(400, refusal("GET /x HTTP/1.1\r\n: empty name\r\n\r\n"));
        assertEquals(400, refusal("GET /x HTTP/1.1\r\nBad Name: x\r\n\r\n"));
        for (String length : new String[] {"+5", "-1", "1 2", "0x10", ""}) {
            assertEquals(400, refusal("POST /x HTTP/1.1\r\nContent-Length: " + length + "\r\n\r\n"), length);
        }
        assertEquals(400, refusal("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n"));
        assertEquals(400, refusal("POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n"));
    }

    @Test
    void headsAreBounded() {
        assertEquals(414, refusal("GET /" + "a".repeat(HttpRequestDecoder.MAX_LINE) + " HTTP/1.1\r\n\r\n"));
        assertEquals(431, refusal("GET / HTTP/1.1\r\nX: " + "a".repeat(HttpRequestDecoder.MAX_LINE) + "\r\n\r\n"));
        assertEquals(431, refusal("GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(HttpRequestDecoder.MAX_HEADERS + 1) + "\r\n"));
        String line = "X-" + "a".repeat(8000) + ": y\r\n";
        assertEquals(431, refusal("GET / HTTP/1.1\r\n" + line.repeat(HttpRequestDecoder.MAX_HEAD / line.length() + 1)
                + "\r\n"));
    }

    @Test
    void aStreamEndingEarlyIsAnEndOfStreamAndAnEmptyOneNoRequest() throws Exception {
        assertNull(HttpRequestDecoder.readHead(stream("")));
        assertThrows(EOFException.class, () -> decode(stream("GET / HTTP/1.1\r\nX: y"), LIMIT));
        assertThrows(EOFException.class, () -> decode(stream("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabc"), LIMIT));
        assertThrows(EOFException.class,
                () -> decode(stream("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"), LIMIT));
    }

    /**
     * A seeded stand-in for fuzzing: mutated requests only ever decode or fail with the decoder's two checked
     * exceptions, and whatever decodes respects the limits.
     */
    @Test
    void mutatedRequestsNeverFailOtherwise() {
        String[] seeds = {
                "GET /status?auth=abc&jsonp=f HTTP/1.1\r\nX-ZT1-Auth: t\r\nConnection: close\r\n\r\n",
                "POST /network/8056c2e21c000001 HTTP/1.1\r\nContent-Length: 14\r\nExpect: 100-continue\r\n\r\n{\"allowDNS\":1}",
                "PUT /moon/1 HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n3;a=b\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nT: v\r\n\r\n",
        };
        SplittableRandom random = new SplittableRandom(20_240_601);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = mutate(seeds[random.nextInt(seeds.length)].getBytes(StandardCharsets.ISO_8859_1), random);
            try {
                HttpRequest r = decode(new ByteArrayInputStream(b), 64);
                if (r != null) assertTrue(r.body().length <= 64);
            } catch (BadRequestException e) {
                assertTrue(e.status() >= 400 && e.status() < 500, e.getMessage());
            } catch (IOException e) {
                // ended early
            }
        }
    }

    private static final String SPECIAL = "0123456789abcdefABCDEF-+;: \r\n%";

    private static byte[] mutate(byte[] b, SplittableRandom random) {
        byte[] out = b.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && out.length > 0; e++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out = java.util.Arrays.copyOf(out, at); // truncate
                case 2 -> out[at] = (byte) SPECIAL.charAt(random.nextInt(SPECIAL.length()));
                default -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
            }
        }
        return out;
    }
}

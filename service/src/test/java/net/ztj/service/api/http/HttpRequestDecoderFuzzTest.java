package net.ztj.service.api.http;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jazzer target for the local API's request decoder: the input is what a client sends on a connection. The head,
 * its body framing and the body are read or refused with {@link BadRequestException} (a status for the client) or
 * {@link IOException} (the stream ended mid-request); nothing else. Corpus replayed in the normal build;
 * {@code scripts/fuzz.sh} fuzzes it.
 */
class HttpRequestDecoderFuzzTest {
    private static final int MAX_BODY = 64 * 1024;

    @FuzzTest
    void decode(byte[] input) {
        ByteArrayInputStream in = new ByteArrayInputStream(input);
        try {
            for (int requests = 0; requests < 4; requests++) { // keep-alive: requests follow each other
                HttpRequestHead head = HttpRequestDecoder.readHead(in);
                if (head == null) return;
                head.declaresBody();
                head.header("X-ZT1-Auth");
                head.queryParameter("auth");
                HttpRequestDecoder.BodyFraming framing = HttpRequestDecoder.framing(head, MAX_BODY);
                byte[] body = HttpRequestDecoder.readBody(in, framing, MAX_BODY);
                assertTrue(body.length <= MAX_BODY);
                head.withBody(body, InetAddress.getLoopbackAddress(), true);
            }
        } catch (BadRequestException refused) {
            assertTrue(refused.getMessage() != null);
        } catch (IOException endedEarly) {
            // the client closed the connection mid-request
        }
    }
}

package net.ztj.service.api.http;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerWatchTest {
    private static final HttpRequest STATUS = new HttpRequest("GET", "/status", Map.of(), Map.of(), new byte[0],
            "HTTP/1.1", InetAddress.getLoopbackAddress(), true);

    @Test
    void answeredOnceTheHandlerHasAnswered() {
        HttpResponse ok = HttpResponse.empty(200);
        AnswerWatch watch = new AnswerWatch(request -> ok);
        assertFalse(watch.answered());
        assertSame(ok, watch.handle(STATUS));
        assertTrue(watch.answered());
    }

    @Test
    void aHandlerThatFailedCountsAsAnswered() {
        AnswerWatch watch = new AnswerWatch(request -> {
            throw new IllegalStateException("the API answers 500");
        });
        assertThrows(IllegalStateException.class, () -> watch.handle(STATUS));
        assertTrue(watch.answered());
    }

    @Test
    void admissionIsTheHandlers() {
        HttpHandler refusing = new HttpHandler() {
            @Override
            public HttpResponse handle(HttpRequest request) {
                return HttpResponse.empty(200);
            }

            @Override
            public Admission admit(HttpRequestHead head, InetAddress remote) {
                return Admission.AUTHENTICATED;
            }
        };
        AnswerWatch watch = new AnswerWatch(refusing);
        assertSame(Admission.AUTHENTICATED, watch.admit(STATUS.head(), InetAddress.getLoopbackAddress()));
        assertFalse(watch.answered(), "admission is not an answer");
    }
}

package net.ztj.service.api.http;

import java.nio.charset.StandardCharsets;

/**
 * One response. {@code Content-Length} and the connection headers are added when it is written.
 *
 * @param contentType  null for none
 * @param acceptRanges whether to send {@code Accept-Ranges: bytes} (the reference does on HEAD)
 */
public record HttpResponse(int status, String contentType, byte[] body, boolean acceptRanges) {
    public static HttpResponse of(int status, String contentType, String body) {
        return new HttpResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), false);
    }

    /** No body and no content type. */
    public static HttpResponse empty(int status) {
        return new HttpResponse(status, null, new byte[0], false);
    }

    public HttpResponse withAcceptRanges() {
        return new HttpResponse(status, contentType, body, true);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

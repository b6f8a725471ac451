package net.ztj.service.api.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * One response. {@code Content-Length} and the connection headers are added when it is written.
 *
 * @param contentType  null for none
 * @param acceptRanges whether to send {@code Accept-Ranges: bytes} (the reference does on HEAD)
 * @param headers      further headers (cookies, caching, security policy), by name; the API's own responses have
 *                     none, so they stay byte for byte those of the reference
 */
public record HttpResponse(int status, String contentType, byte[] body, boolean acceptRanges,
                           Map<String, String> headers) {
    public HttpResponse {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = java.util.Collections.unmodifiableSortedMap(copy);
    }

    public HttpResponse(int status, String contentType, byte[] body, boolean acceptRanges) {
        this(status, contentType, body, acceptRanges, Map.of());
    }

    public static HttpResponse of(int status, String contentType, String body) {
        return new HttpResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), false);
    }

    /** No body and no content type. */
    public static HttpResponse empty(int status) {
        return new HttpResponse(status, null, new byte[0], false);
    }

    public HttpResponse withAcceptRanges() {
        return new HttpResponse(status, contentType, body, true, headers);
    }

    /** The same response with one more header (replacing one of the same name). */
    public HttpResponse withHeader(String name, String value) {
        TreeMap<String, String> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        more.putAll(headers);
        more.put(name, value);
        return new HttpResponse(status, contentType, body, acceptRanges, more);
    }

    /** The same response with these headers added. */
    public HttpResponse withHeaders(Map<String, String> added) {
        TreeMap<String, String> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        more.putAll(headers);
        more.putAll(added);
        return new HttpResponse(status, contentType, body, acceptRanges, more);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

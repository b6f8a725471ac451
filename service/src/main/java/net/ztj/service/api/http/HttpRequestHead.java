package net.ztj.service.api.http;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

/**
 * A request line and its headers, everything known about a request before its body: enough to decide whether the
 * body may be read at all.
 *
 * @param method  as sent ({@code GET}, {@code HEAD}, ...)
 * @param path    the target up to {@code ?}, percent-decoded
 * @param query   query parameters, percent-decoded, first occurrence of each name
 * @param headers header values by case-insensitive name, first occurrence of each name
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 */
public record HttpRequestHead(String method, String path, Map<String, String> query, Map<String, String> headers,
                              String version) {
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /**
     * Whether a body follows the head (chunked, or a {@code Content-Length} other than 0), judged leniently: a
     * malformed length counts as a body, so a refused request that might be followed by bytes is not kept alive.
     */
    public boolean declaresBody() {
        if (headers.containsKey("Transfer-Encoding")) return true;
        String length = headers.get("Content-Length");
        return length != null && !length.strip().equals("0");
    }

    /** The whole request, once its body has been read. */
    public HttpRequest withBody(byte[] body, InetAddress remote, boolean ipv4Listener) {
        return new HttpRequest(method, path, query, headers, body, version, remote, ipv4Listener);
    }
}

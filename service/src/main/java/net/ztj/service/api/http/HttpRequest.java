package net.ztj.service.api.http;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed request.
 *
 * @param method       as sent ({@code GET}, {@code HEAD}, ...)
 * @param path         the target up to {@code ?}, percent-decoded
 * @param query        query parameters, percent-decoded, first occurrence of each name
 * @param headers      header values by case-insensitive name, first occurrence of each name
 * @param body         the body (empty if none)
 * @param version      {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param remote       the client's address
 * @param ipv4Listener whether it came in on the IPv4 listener
 */
public record HttpRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
                          byte[] body, String version, InetAddress remote, boolean ipv4Listener) {
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The request without its body. */
    public HttpRequestHead head() {
        return new HttpRequestHead(method, path, query, headers, version);
    }
}

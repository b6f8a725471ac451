package net.ztj.service.api.http;

/**
 * A handler's verdict on a request head, given before any byte of its body is read (see
 * {@link HttpHandler#admit}).
 */
public sealed interface Admission {
    /** Served, and the client proved it holds a secret: its connection may take a protected slot. */
    record Authenticated() implements Admission {}

    /** Served without proof (a path that needs no token): the connection stays among the unproven ones. */
    record Open() implements Admission {}

    /**
     * Answered with {@code response} at once. A body announced by the head is not read; the connection is then
     * closed, since the bytes that follow are not a request.
     */
    record Refused(HttpResponse response) implements Admission {}

    Admission AUTHENTICATED = new Authenticated();
    Admission OPEN = new Open();
}

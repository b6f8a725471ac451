package net.ztj.service.api.http;

import java.net.InetAddress;

/** Answers requests; called on the connection's thread. */
@FunctionalInterface
public interface HttpHandler {
    HttpResponse handle(HttpRequest request);

    /**
     * Judges a request from its head and the client's address, before its body is read and before
     * {@code 100 Continue} is sent. The default lets every request through as unproven.
     */
    default Admission admit(HttpRequestHead head, InetAddress remote) {
        return Admission.OPEN;
    }
}

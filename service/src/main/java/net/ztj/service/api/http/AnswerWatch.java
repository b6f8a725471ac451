package net.ztj.service.api.http;

import java.net.InetAddress;

/**
 * Passes every request to another handler and tells whether one has been answered yet: a starting daemon holds back
 * work that would compete with its first answers (a root's data-path warm-up) until a client has had one.
 */
public final class AnswerWatch implements HttpHandler {
    private final HttpHandler handler;
    private volatile boolean answered;

    public AnswerWatch(HttpHandler handler) {
        this.handler = handler;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        try {
            return handler.handle(request);
        } finally {
            answered = true;
        }
    }

    @Override
    public Admission admit(HttpRequestHead head, InetAddress remote) {
        return handler.admit(head, remote);
    }

    /** Whether a request has reached the handler and been answered (or failed in it). */
    public boolean answered() {
        return answered;
    }
}

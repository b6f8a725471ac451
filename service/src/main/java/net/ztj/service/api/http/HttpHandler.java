package net.ztj.service.api.http;

/** Answers requests; called on the connection's thread. */
@FunctionalInterface
public interface HttpHandler {
    HttpResponse handle(HttpRequest request);
}

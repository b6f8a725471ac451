package net.ztj.service.api;

import net.ztj.service.api.http.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A routed request: the request and the values of the route's parameters, in order.
 */
public record ApiCall(HttpRequest request, List<String> params) {
    public String param(int i) {
        return params.get(i);
    }

    public String bodyText() {
        return new String(request.body(), StandardCharsets.UTF_8);
    }
}

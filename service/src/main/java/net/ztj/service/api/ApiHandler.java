package net.ztj.service.api;

import net.ztj.service.api.app.WebApp;
import net.ztj.service.metrics.ServiceMetrics;
import net.ztj.service.api.http.Admission;
import net.ztj.service.api.http.HttpHandler;
import net.ztj.service.api.http.HttpRequest;
import net.ztj.service.api.http.HttpRequestHead;
import net.ztj.service.api.http.HttpResponse;
import net.ztj.service.json.JsonText;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The API's request pipeline (spec 05 §5.2, §5.3): access control (on the head, before the body is read), then routing ({@code HEAD} as {@code GET}),
 * then rendering. Unmatched routes get 404 with an empty body and no content type; a resource's JSON is written
 * compact with sorted keys, wrapped as {@code <name>(<json>);} when the query has {@code jsonp=<name>}; a resource
 * that fails gets 500 {@code {"error": 500, "description": "<text>"}}.
 */
public final class ApiHandler implements HttpHandler {
    private static final String JSON = "application/json";
    private static final String JAVASCRIPT = "application/javascript";

    private final AccessControl access;
    private final RouteTable routes;
    private final Optional<ServiceMetrics> metrics;
    private final Optional<WebApp> app;

    public ApiHandler(AccessControl access, RouteTable routes) {
        this(access, routes, Optional.empty());
    }

    /** @param metrics what {@code GET /metrics} renders; without it the path answers 404 like any unknown one */
    public ApiHandler(AccessControl access, RouteTable routes, Optional<ServiceMetrics> metrics) {
        this(access, routes, metrics, Optional.empty());
    }

    /** @param app the web UI, which answers paths under {@code /app}; without it they answer 404 */
    public ApiHandler(AccessControl access, RouteTable routes, Optional<ServiceMetrics> metrics, Optional<WebApp> app) {
        this.access = access;
        this.routes = routes;
        this.metrics = metrics;
        this.app = app;
    }

    @Override
    public Admission admit(HttpRequestHead head, InetAddress remote) {
        return switch (access.judge(head, remote)) {
            case AUTHENTICATED -> Admission.AUTHENTICATED;
            case OPEN_PATH -> Admission.OPEN;
            case REFUSED -> new Admission.Refused(unauthorized(head.queryParameter("jsonp")));
        };
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Optional<String> jsonp = request.queryParameter("jsonp");
        boolean head = request.method().equals("HEAD");
        // admit() has judged the head already; judged again for callers that do not go through it
        if (access.judge(request.head(), request.remote()) == AccessControl.Verdict.REFUSED) return unauthorized(jsonp);
        if (metrics.isPresent() && request.path().equals("/metrics") && (head || request.method().equals("GET"))) {
            return scrape(metrics.get(), head);
        }
        if (app.isPresent() && WebApp.serves(request.path())) return app.get().handle(request);
        Optional<RouteTable.Match> match = routes.match(head ? "GET" : request.method(), request.path(),
                request.ipv4Listener());
        if (match.isEmpty()) return HttpResponse.empty(404);
        ApiResult result;
        try {
            result = match.get().action().handle(new ApiCall(request, match.get().params()));
        } catch (RuntimeException e) {
            return failure(e);
        }
        HttpResponse response = render(result, jsonp);
        return head ? response.withAcceptRanges() : response;
    }

    /** The Prometheus text; a node that cannot be read gets the API's 500. */
    private static HttpResponse scrape(ServiceMetrics metrics, boolean head) {
        HttpResponse response;
        try {
            response = HttpResponse.of(200, ServiceMetrics.CONTENT_TYPE, metrics.scrape());
        } catch (RuntimeException e) {
            return failure(e);
        }
        return head ? response.withAcceptRanges() : response;
    }

    private static HttpResponse unauthorized(Optional<String> jsonp) {
        return render(ApiResult.of(401, JsonText.object()), jsonp);
    }

    private static HttpResponse render(ApiResult result, Optional<String> jsonp) {
        Optional<String> content = result.text().or(() -> result.body().map(JsonText::compact));
        if (jsonp.isPresent()) {
            return HttpResponse.of(result.status(), JAVASCRIPT, jsonp.get() + "(" + content.orElse("null") + ");");
        }
        return HttpResponse.of(result.status(), JSON, content.orElse("{}"));
    }

    /** The reference's exception handler body; note the spaces, unlike every other JSON it writes. */
    private static HttpResponse failure(RuntimeException e) {
        String description = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return HttpResponse.of(500, JSON, "{\"error\": 500, \"description\": "
                + JsonText.compact(JsonText.tree(description)) + "}");
    }
}

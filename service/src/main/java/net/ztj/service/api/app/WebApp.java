package net.ztj.service.api.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ztj.service.api.AccessControl;
import net.ztj.service.api.http.HttpRequest;
import net.ztj.service.api.http.HttpRequestHead;
import net.ztj.service.api.http.HttpResponse;
import net.ztj.service.json.JsonText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The controller's web UI under {@code /app/}, on the API's port and behind the API's source-address rule.
 *
 * <ul>
 *   <li>{@code GET /app/...}: the page and its files ({@link StaticAssets}), with a content security policy that
 *       allows scripts and styles from the page's origin only (no inline script), no framing, no sniffing.</li>
 *   <li>{@code POST /app/api/login} {@code {"password": "..."}}: the auth token or the admin password; answers the
 *       session's CSRF token and sets the session cookie (HttpOnly, SameSite=Strict, Secure behind an HTTPS proxy).
 *       Failed attempts are rate limited per client address ({@link LoginThrottle}): 429 with Retry-After.</li>
 *   <li>{@code GET /app/api/session}: whether the cookie's session is live, and its CSRF token.</li>
 *   <li>{@code POST /app/api/logout}: ends the session and clears the cookie.</li>
 *   <li>{@code POST /app/api/password} {@code {"password": "..."}}: sets the admin password; needs the auth token
 *       (zerotier-cli sends it), not a session. Every session ends.</li>
 * </ul>
 *
 * <p>With the session cookie the page uses the ordinary API ({@link #authenticates}): reads with the cookie alone,
 * anything else also needs the session's token in {@value #CSRF_HEADER} and, when the browser says where the request
 * comes from ({@code Origin}, {@code Sec-Fetch-Site}), the page's own origin. State-changing requests of this class
 * need a JSON content type, which a cross-site form cannot send.
 */
public final class WebApp {
    public static final String COOKIE = "ztj_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String JSON = "application/json";
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            "X-Frame-Options", "DENY",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private final byte[] authToken;
    private final AdminPassword password;
    private final Sessions sessions;
    private final LoginThrottle throttle = new LoginThrottle();
    private final StaticAssets assets;
    private final RandomGenerator random;
    private final LongSupplier clockMs;
    private final Object hashing = new Object();

    /**
     * @param authToken the content of authtoken.secret (trimmed)
     * @param random    a cryptographically strong source, for session ids, CSRF tokens and salts
     */
    public WebApp(String authToken, AdminPassword password, StaticAssets assets, RandomGenerator random,
                  LongSupplier clockMs) {
        this.authToken = authToken.getBytes(StandardCharsets.UTF_8);
        this.password = password;
        this.sessions = new Sessions(random);
        this.assets = assets;
        this.random = random;
        this.clockMs = clockMs;
    }

    /** Whether a path is the web UI's. */
    public static boolean serves(String path) {
        return path.equals("/app") || path.startsWith("/app/");
    }

    /**
     * Whether the request carries a live session good for it (see the class comment): what lets the page use the
     * API without the auth token.
     */
    public boolean authenticates(HttpRequestHead head) {
        if (head.queryParameter("jsonp").isPresent()) return false; // a script include must never carry the session
        Optional<String> id = cookie(head, COOKIE);
        if (id.isEmpty()) return false;
        Optional<String> csrf = sessions.use(id.get(), clockMs.getAsLong());
        if (csrf.isEmpty()) return false;
        if (safe(head.method())) return true;
        return sameOrigin(head) && head.header(CSRF_HEADER).filter(t -> equal(t, csrf.get())).isPresent();
    }

    /** Answers a request for a path of the web UI ({@link #serves}); the source address has been checked. */
    public HttpResponse handle(HttpRequest r) {
        HttpResponse response;
        if (r.path().startsWith("/app/api/")) {
            response = api(r).withHeader("Cache-Control", "no-store");
        } else if (!safe(r.method())) {
            response = HttpResponse.empty(405).withHeader("Allow", "GET, HEAD");
        } else if (r.path().equals("/app")) {
            response = HttpResponse.empty(301).withHeader("Location", "/app/");
        } else {
            String name = r.path().substring("/app/".length());
            response = assets.response(name.isEmpty() ? "index.html" : name, r.header("If-None-Match"),
                    r.method().equals("HEAD")).orElseGet(() -> HttpResponse.empty(404));
        }
        return response.withHeaders(SECURITY_HEADERS);
    }

    private HttpResponse api(HttpRequest r) {
        String path = r.path();
        if (path.equals("/app/api/session") && safe(r.method())) return session(r);
        if (!r.method().equals("POST")) return HttpResponse.empty(405).withHeader("Allow", "POST");
        return switch (path) {
            case "/app/api/login" -> login(r);
            case "/app/api/logout" -> logout(r);
            case "/app/api/password" -> setPassword(r);
            default -> HttpResponse.empty(404);
        };
    }

    private HttpResponse session(HttpRequest r) {
        Optional<String> id = cookie(r.head(), COOKIE);
        Optional<String> csrf = id.flatMap(s -> sessions.use(s, clockMs.getAsLong()));
        // 200 either way: the page asks before it knows, and a browser logs every 4xx as an error
        ObjectNode body = JsonText.object().put("authenticated", csrf.isPresent()).put("passwordSet", password.isSet());
        csrf.ifPresent(t -> body.put("csrfToken", t));
        return json(200, body);
    }

    private HttpResponse login(HttpRequest r) {
        if (!sameOrigin(r.head()) || !jsonBody(r)) return json(403, error("cross-site or non-JSON log-in refused"));
        String client = r.remote().getHostAddress();
        long now = clockMs.getAsLong();
        OptionalLong wait = throttle.waitMs(client, now);
        if (wait.isPresent()) return tooMany(wait.getAsLong());
        Optional<String> presented = passwordField(r);
        if (presented.isEmpty()) return json(400, error("expected {\"password\": \"...\"}"));
        boolean ok = equal(presented.get(), authToken);
        if (!ok) {
            synchronized (hashing) { // one Argon2 computation at a time bounds the memory and time log-ins take
                ok = password.matches(presented.get());
            }
        }
        if (!ok) {
            throttle.failed(client, now);
            return json(401, error("wrong password or token"));
        }
        throttle.succeeded(client);
        Sessions.Session s = sessions.create(now);
        return json(200, JsonText.object().put("csrfToken", s.csrfToken()))
                .withHeader("Set-Cookie", cookieHeader(r.head(), s.id(), false));
    }

    private HttpResponse logout(HttpRequest r) {
        Optional<String> id = cookie(r.head(), COOKIE);
        if (id.isPresent() && authenticates(r.head())) sessions.end(id.get());
        else if (id.isPresent()) return json(403, error("log-out needs the session's CSRF token"));
        return json(200, JsonText.object()).withHeader("Set-Cookie", cookieHeader(r.head(), "", true));
    }

    private HttpResponse setPassword(HttpRequest r) {
        Optional<String> token = AccessControl.presentedToken(r.head());
        if (token.isEmpty() || !equal(token.get(), authToken)) return json(401, error("needs the auth token"));
        Optional<String> given = passwordField(r);
        if (given.isEmpty()) return json(400, error("expected {\"password\": \"...\"}"));
        try {
            synchronized (hashing) {
                password.set(given.get(), random);
            }
        } catch (IllegalArgumentException e) {
            return json(400, error(e.getMessage()));
        } catch (IOException e) {
            return json(500, error("cannot write the password file: " + e.getMessage()));
        }
        sessions.endAll();
        return json(200, JsonText.object());
    }

    private static Optional<String> passwordField(HttpRequest r) {
        try {
            JsonNode body = JsonText.parse(new String(r.body(), StandardCharsets.UTF_8));
            JsonNode p = body.get("password");
            return p != null && p.isTextual() ? Optional.of(p.textValue()) : Optional.empty();
        } catch (JsonText.SyntaxException e) {
            return Optional.empty();
        }
    }

    private static String cookieHeader(HttpRequestHead head, String value, boolean clear) {
        String secure = head.header("X-Forwarded-Proto").filter(p -> p.equalsIgnoreCase("https")).isPresent()
                ? "; Secure" : "";
        return COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + secure + (clear ? "; Max-Age=0" : "");
    }

    /** The value of a cookie of the request. */
    static Optional<String> cookie(HttpRequestHead head, String name) {
        Optional<String> header = head.header("Cookie");
        if (header.isEmpty()) return Optional.empty();
        for (String part : header.get().split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).strip().equals(name)) {
                String v = part.substring(eq + 1).strip();
                return v.isEmpty() ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether what the browser says of the request's origin (if it says anything) is this server: {@code Origin} the
     * scheme and {@code Host} of the request, {@code Sec-Fetch-Site} same-origin (or none: typed by the user).
     */
    static boolean sameOrigin(HttpRequestHead head) {
        Optional<String> site = head.header("Sec-Fetch-Site");
        if (site.isPresent() && !site.get().equals("same-origin") && !site.get().equals("none")) return false;
        Optional<String> origin = head.header("Origin");
        if (origin.isEmpty()) return true;
        Optional<String> host = head.header("Host");
        if (host.isEmpty()) return false;
        String o = origin.get().toLowerCase(Locale.ROOT), h = host.get().toLowerCase(Locale.ROOT);
        return o.equals("http://" + h) || o.equals("https://" + h);
    }

    private static boolean jsonBody(HttpRequest r) {
        String type = r.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        return type.equals(JSON) || type.startsWith(JSON + ";");
    }

    private static boolean safe(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    private static boolean equal(String presented, String expected) {
        return equal(presented, expected.getBytes(StandardCharsets.UTF_8));
    }

    /** In time that depends only on the length of what was presented. */
    private static boolean equal(String presented, byte[] expected) {
        return expected.length > 0 && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static HttpResponse tooMany(long waitMs) {
        long seconds = Math.max(1, (waitMs + 999) / 1000);
        return json(429, error("too many failed log-ins; try again in " + seconds + " s"))
                .withHeader("Retry-After", Long.toString(seconds));
    }

    private static ObjectNode error(String message) {
        return JsonText.object().put("error", message);
    }

    private static HttpResponse json(int status, JsonNode body) {
        return HttpResponse.of(status, JSON, JsonText.compact(body));
    }

    /** For tests: the number of live sessions. */
    int sessionCount() {
        return sessions.size();
    }
}

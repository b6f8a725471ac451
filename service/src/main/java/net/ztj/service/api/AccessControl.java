package net.ztj.service.api;

import net.ztj.service.api.http.HttpRequestHead;
import net.ztj.service.config.IpNetwork;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Who may use the API (spec 05 §5.3), decided from the request line and headers alone, before routing (so an
 * unauthorized request to a missing path gets 401) and before any byte of the body is read.
 *
 * <ol>
 *   <li>The client's address must be a loopback address (127.0.0.0/8, ::1, fe80::1, ::ffff:127.x.x.x) or lie in an
 *       {@code allowManagementFrom} network.</li>
 *   <li>{@code /health}, {@code /sso} and paths starting with {@code /app} need no token.</li>
 *   <li>Elsewhere the auth token is required, from the first carrier present: the {@code X-ZT1-Auth} header; else the
 *       {@code auth} query parameter; else an {@code Authorization} header of exactly two words, the first
 *       {@code bearer} in any case. A wrong {@code X-ZT1-Auth} is not rescued by a correct {@code auth}. The token is
 *       compared in time that does not depend on where it differs from ours.</li>
 *   <li>Without a token, a request with a live session of the web UI (its cookie, and for a state-changing request
 *       its CSRF token) is authenticated as if it had the token ({@link SessionCheck}).</li>
 *   <li>{@code /metrics} is judged on its token alone, as ZeroTier One 1.12+ does: the metrics token
 *       ({@code metricstoken.secret}) or the auth token, from the same carriers, whatever the client's address.</li>
 * </ol>
 */
public final class AccessControl {
    /** The outcome for one request. */
    public enum Verdict {
        /** Allowed source and a valid token. */
        AUTHENTICATED,
        /** Allowed source, and a path that needs no token. */
        OPEN_PATH,
        /** Refused: 401. */
        REFUSED
    }

    /** Whether a request head carries a live web UI session good for it. */
    @FunctionalInterface
    public interface SessionCheck {
        boolean authenticates(HttpRequestHead head);

        SessionCheck NONE = head -> false;
    }

    private final byte[] authToken;
    private final byte[] metricsToken;
    private final java.util.function.Supplier<List<IpNetwork>> allowManagementFrom;
    private final SessionCheck sessions;

    /** Access control without a metrics token: {@code /metrics} needs the auth token. */
    public AccessControl(String authToken, List<IpNetwork> allowManagementFrom) {
        this(authToken, "", allowManagementFrom);
    }

    public AccessControl(String authToken, String metricsToken, List<IpNetwork> allowManagementFrom) {
        this(authToken, metricsToken, allowManagementFrom, SessionCheck.NONE);
    }

    public AccessControl(String authToken, String metricsToken, List<IpNetwork> allowManagementFrom,
                         SessionCheck sessions) {
        this(authToken, metricsToken, constant(List.copyOf(allowManagementFrom)), sessions);
    }

    /** With {@code allowManagementFrom} read at each request: it changes when local.conf is reloaded. */
    public AccessControl(String authToken, String metricsToken,
                         java.util.function.Supplier<List<IpNetwork>> allowManagementFrom, SessionCheck sessions) {
        this.sessions = sessions;
        this.authToken = authToken.getBytes(StandardCharsets.UTF_8);
        this.metricsToken = metricsToken.getBytes(StandardCharsets.UTF_8);
        this.allowManagementFrom = allowManagementFrom;
    }

    private static java.util.function.Supplier<List<IpNetwork>> constant(List<IpNetwork> networks) {
        return () -> networks;
    }

    /** The verdict on a request from {@code remote}, from its head. */
    public Verdict judge(HttpRequestHead head, InetAddress remote) {
        if (head.path().equals("/metrics")) {
            Optional<String> token = presentedToken(head);
            return token.isPresent() && (matches(token.get(), metricsToken) || matches(token.get(), authToken))
                    ? Verdict.AUTHENTICATED : Verdict.REFUSED;
        }
        if (!sourceAllowed(remote)) return Verdict.REFUSED;
        if (tokenFree(head.path())) return Verdict.OPEN_PATH;
        if (presentedToken(head).filter(this::tokenMatches).isPresent()) return Verdict.AUTHENTICATED;
        return sessions.authenticates(head) ? Verdict.AUTHENTICATED : Verdict.REFUSED;
    }

    boolean sourceAllowed(InetAddress remote) {
        byte[] ip = remote.getAddress();
        if (isLoopback(ip)) return true;
        for (IpNetwork n : allowManagementFrom.get()) if (n.contains(ip)) return true;
        return false;
    }

    static boolean isLoopback(byte[] ip) {
        if (ip.length == 4) return (ip[0] & 0xff) == 127;
        for (int i = 0; i < 10; i++) if (ip[i] != 0) return fe80one(ip);
        if ((ip[10] & 0xff) == 0xff && (ip[11] & 0xff) == 0xff) return (ip[12] & 0xff) == 127;
        for (int i = 10; i < 15; i++) if (ip[i] != 0) return false;
        return ip[15] == 1;
    }

    private static boolean fe80one(byte[] ip) {
        if ((ip[0] & 0xff) != 0xfe || (ip[1] & 0xff) != 0x80) return false;
        for (int i = 2; i < 15; i++) if (ip[i] != 0) return false;
        return ip[15] == 1;
    }

    static boolean tokenFree(String path) {
        return path.equals("/health") || path.equals("/sso") || path.startsWith("/app");
    }

    /**
     * Whether {@code presented} is our token. {@link MessageDigest#isEqual} looks at every byte of its first argument
     * whatever the contents, so the time taken depends only on the length of what the client sent, which it knows.
     */
    boolean tokenMatches(String presented) {
        // an empty token never authorizes (the daemon replaces an empty authtoken.secret; this is the last guard)
        return matches(presented, authToken);
    }

    private static boolean matches(String presented, byte[] token) {
        return token.length > 0 && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
    }

    /** The token from the first carrier present; empty if that carrier is malformed (or none is present). */
    public static Optional<String> presentedToken(HttpRequestHead head) {
        Optional<String> header = head.header("X-ZT1-Auth");
        if (header.isPresent()) return header;
        Optional<String> query = head.queryParameter("auth");
        if (query.isPresent()) return query;
        Optional<String> authorization = head.header("Authorization");
        if (authorization.isEmpty()) return Optional.empty();
        String[] words = authorization.get().split(" ", -1);
        if (words.length != 2 || !words[0].equalsIgnoreCase("bearer")) return Optional.empty();
        return Optional.of(words[1]);
    }
}

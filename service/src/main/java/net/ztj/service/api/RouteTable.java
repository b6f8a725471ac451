package net.ztj.service.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Exact route matching (spec 05 §5.2, §5.4): a pattern matches the whole path, without a trailing slash; a
 * {@code {hex10}} or {@code {hex16}} segment matches exactly that many hex digits of either case; a segment in
 * parentheses is a regular expression the whole segment must match, as the reference writes its bond routes. Query
 * strings are not part of the path.
 */
public final class RouteTable {
    /** Handles a routed request. */
    @FunctionalInterface
    public interface Action {
        ApiResult handle(ApiCall call);
    }

    /** A matched route: its action and parameter values. */
    public record Match(Action action, List<String> params) {}

    private record Route(Set<String> methods, String[] segments, Pattern[] expressions, boolean ipv4Only,
                         Action action) {}

    private final List<Route> routes = new ArrayList<>();

    /**
     * Adds a route.
     *
     * @param methods e.g. {@code "GET"} or {@code "POST,PUT"}
     */
    public RouteTable on(String methods, String pattern, Action action) {
        return add(methods, pattern, false, action);
    }

    /** Adds a route served only to requests that came in on the IPv4 listener (a reference quirk, §13.4). */
    public RouteTable onIpv4Only(String methods, String pattern, Action action) {
        return add(methods, pattern, true, action);
    }

    private RouteTable add(String methods, String pattern, boolean ipv4Only, Action action) {
        String[] segments = pattern.split("/", -1);
        Pattern[] expressions = new Pattern[segments.length];
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.length() > 2 && s.startsWith("(") && s.endsWith(")")) expressions[i] = Pattern.compile(s);
        }
        routes.add(new Route(Set.of(methods.split(",")), segments, expressions, ipv4Only, action));
        return this;
    }

    /** The first route matching the method and path. */
    public Optional<Match> match(String method, String path, boolean ipv4Listener) {
        String[] parts = path.split("/", -1);
        for (Route r : routes) {
            if (!r.methods().contains(method) || (r.ipv4Only() && !ipv4Listener)) continue;
            List<String> params = matchSegments(r.segments(), r.expressions(), parts);
            if (params != null) return Optional.of(new Match(r.action(), params));
        }
        return Optional.empty();
    }

    private static List<String> matchSegments(String[] pattern, Pattern[] expressions, String[] parts) {
        if (pattern.length != parts.length) return null;
        List<String> params = new ArrayList<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (expressions[i] != null) {
                if (!expressions[i].matcher(parts[i]).matches()) return null;
                params.add(parts[i]);
            } else if (p.equals("{hex10}") || p.equals("{hex16}")) {
                if (!isHex(parts[i], p.equals("{hex10}") ? 10 : 16)) return null;
                params.add(parts[i]);
            } else if (p.equals("{hex10}______")) {
                // the controller's legacy "create a network" path: an address followed by six underscores
                if (parts[i].length() != 16 || !parts[i].endsWith("______") || !isHex(parts[i].substring(0, 10), 10)) {
                    return null;
                }
                params.add(parts[i].substring(0, 10));
            } else if (!p.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static boolean isHex(String s, int length) {
        if (s.length() != length) return false;
        for (int i = 0; i < length; i++) if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') return false;
        return true;
    }
}

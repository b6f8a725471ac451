package net.ztj.service.api.http;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Two bounded pools of connections. Every connection starts unproven; one that shows a valid token moves to the
 * authenticated pool while it has room. The unproven pool never refuses a newcomer: it evicts its oldest member
 * that has had its chance (whose thread has started reading; only if none has, its oldest member), so a flood of
 * idle, slow or unauthenticated connections only ever holds the newest few, and a client that sends its request
 * at once is read before it can be evicted, however fast others connect. The authenticated pool can only be filled
 * by clients holding the token.
 *
 * @param <C> a connection
 */
final class ConnectionSlots<C> {
    private final int maxUnproven;
    private final int maxAuthenticated;
    private final Predicate<C> hadItsChance;
    private final LinkedHashSet<C> unproven = new LinkedHashSet<>(); // oldest first
    private final Set<C> authenticated = new HashSet<>();

    ConnectionSlots(int maxUnproven, int maxAuthenticated, Predicate<C> hadItsChance) {
        if (maxUnproven < 1 || maxAuthenticated < 0) throw new IllegalArgumentException("bad slot counts");
        this.maxUnproven = maxUnproven;
        this.maxAuthenticated = maxAuthenticated;
        this.hadItsChance = hadItsChance;
    }

    /** Takes a new connection as unproven; returns the connection evicted to make room, which the caller closes. */
    synchronized Optional<C> open(C connection) {
        C evicted = null;
        if (unproven.size() >= maxUnproven) {
            for (C c : unproven) {
                if (hadItsChance.test(c)) {
                    evicted = c;
                    break;
                }
            }
            if (evicted == null) evicted = unproven.getFirst();
            unproven.remove(evicted);
        }
        unproven.add(connection);
        return Optional.ofNullable(evicted);
    }

    /** Moves an unproven connection to the authenticated pool if it has room; whether it is there now. */
    synchronized boolean authenticate(C connection) {
        if (authenticated.contains(connection)) return true;
        if (authenticated.size() >= maxAuthenticated || !unproven.contains(connection)) return false;
        unproven.remove(connection);
        authenticated.add(connection);
        return true;
    }

    /** Forgets a connection (closed, or evicted). */
    synchronized void close(C connection) {
        unproven.remove(connection);
        authenticated.remove(connection);
    }

    synchronized int unproven() {
        return unproven.size();
    }

    synchronized int authenticated() {
        return authenticated.size();
    }
}

package net.ztj.service.api.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The web UI's logged-in sessions, in memory (a restart logs everybody out). A session is known by a random id sent
 * as a cookie, and carries a random CSRF token the page must echo in a header with every state-changing request.
 * Ids are kept hashed, so the lookup's timing says nothing about stored ids. A session ends after
 * {@value #IDLE_MS} ms without use or {@value #LIFETIME_MS} ms after log-in; beyond {@value #MAX_SESSIONS} the least
 * recently used is dropped. Thread-safe.
 */
public final class Sessions {
    static final long IDLE_MS = 60 * 60_000L;
    static final long LIFETIME_MS = 12 * 60 * 60_000L;
    static final int MAX_SESSIONS = 64;
    private static final int TOKEN_BYTES = 32;

    /** A live session: its cookie value (only known at creation) and its CSRF token. */
    public record Session(String id, String csrfToken) {}

    private record Entry(String csrfToken, long createdMs, long lastUsedMs) {}

    private final RandomGenerator random;
    private final LinkedHashMap<String, Entry> byHash = new LinkedHashMap<>(16, 0.75f, true);

    /** @param random a cryptographically strong source (a {@link java.security.SecureRandom}) */
    public Sessions(RandomGenerator random) {
        this.random = random;
    }

    /** A new session. */
    public synchronized Session create(long nowMs) {
        expire(nowMs);
        while (byHash.size() >= MAX_SESSIONS) byHash.pollFirstEntry();
        Session s = new Session(token(), token());
        byHash.put(hash(s.id()), new Entry(s.csrfToken(), nowMs, nowMs));
        return s;
    }

    /** The CSRF token of the live session with this cookie value, marking it used; empty when there is none. */
    public synchronized Optional<String> use(String id, long nowMs) {
        String key = hash(id);
        Entry e = byHash.get(key);
        if (e == null) return Optional.empty();
        if (expired(e, nowMs)) {
            byHash.remove(key);
            return Optional.empty();
        }
        byHash.put(key, new Entry(e.csrfToken(), e.createdMs(), nowMs));
        return Optional.of(e.csrfToken());
    }

    /** Ends the session with this cookie value, if any. */
    public synchronized void end(String id) {
        byHash.remove(hash(id));
    }

    /** Ends every session (the admin password changed). */
    public synchronized void endAll() {
        byHash.clear();
    }

    synchronized int size() {
        return byHash.size();
    }

    private void expire(long nowMs) {
        byHash.values().removeIf(e -> expired(e, nowMs));
    }

    private static boolean expired(Entry e, long nowMs) {
        return nowMs - e.lastUsedMs() >= IDLE_MS || nowMs - e.createdMs() >= LIFETIME_MS;
    }

    private String token() {
        byte[] b = new byte[TOKEN_BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For tests: the entries, least recently used first. */
    synchronized Map<String, Long> lastUses() {
        Map<String, Long> out = new LinkedHashMap<>();
        byHash.forEach((k, v) -> out.put(k, v.lastUsedMs()));
        return out;
    }
}

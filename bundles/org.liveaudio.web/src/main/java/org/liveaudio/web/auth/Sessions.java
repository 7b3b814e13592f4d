package org.liveaudio.web.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The console's logged-in sessions, in memory only (a restart logs everyone out). Each has a secret token, sent
 * as an HttpOnly cookie or an {@code Authorization: Bearer} header, and a second secret, the CSRF token, that
 * the page sends in a header with each change. A session ends after {@code idleNanos} unused; the oldest goes
 * when {@link #MAX_SESSIONS} are open.
 */
public final class Sessions {
    static final int MAX_SESSIONS = 32;
    private static final int TOKEN_BYTES = 32;

    /** One session: its token, its CSRF token and when it was last used (on the given clock). */
    public record Session(String token, String csrfToken, long lastUsedNanos) {
    }

    private final SecureRandom random;
    private final LongSupplier nanoClock;
    private final long idleNanos;
    private final Map<String, Session> open = new LinkedHashMap<>();

    public Sessions(SecureRandom random, LongSupplier nanoClock, long idleNanos) {
        this.random = random;
        this.nanoClock = nanoClock;
        this.idleNanos = idleNanos;
    }

    public synchronized Session open() {
        if (open.size() >= MAX_SESSIONS) {
            open.values().stream().min(Comparator.comparingLong(Session::lastUsedNanos))
                    .ifPresent(oldest -> open.remove(oldest.token()));
        }
        Session session = new Session(token(), token(), nanoClock.getAsLong());
        open.put(session.token(), session);
        return session;
    }

    /** The session of {@code token}, marked used now; empty for an unknown or expired token (which is dropped). */
    public synchronized Optional<Session> find(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Session session = open.get(token);
        if (session == null) {
            return Optional.empty();
        }
        long now = nanoClock.getAsLong();
        if (now - session.lastUsedNanos() > idleNanos) {
            open.remove(token);
            return Optional.empty();
        }
        Session used = new Session(session.token(), session.csrfToken(), now);
        open.put(token, used);
        return Optional.of(used);
    }

    public synchronized void close(String token) {
        if (token != null) {
            open.remove(token);
        }
    }

    /** Ends every session: the password changed. */
    public synchronized void closeAll() {
        open.clear();
    }

    private String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

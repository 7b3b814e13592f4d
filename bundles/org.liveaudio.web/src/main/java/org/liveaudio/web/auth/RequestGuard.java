package org.liveaudio.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.liveaudio.web.auth.Sessions.Session;

/**
 * Decides whether a request may read or change the stream.
 *
 * <ul>
 * <li>Reading: a logged-in session, or, when {@code openReadOnly}, any request from this machine's loopback that
 * names this machine by a loopback name in its {@code Host} header (a page elsewhere that rebinds its own name to
 * 127.0.0.1 does not).
 * <li>Changing (and logging in): never cross-site (an {@code Origin} other than the request's own host, or a
 * {@code Sec-Fetch-Site} other than same-origin or none, is refused); then either a bearer token, which a
 * browser never sends on its own, or the session cookie together with the session's CSRF token in a header,
 * which a page of another site can neither read nor set.
 * </ul>
 */
public final class RequestGuard {
    public static final String BEARER = "Bearer ";
    private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    /** The answer: {@code status} 200 with the session (if any), or the HTTP status and why. */
    public record Verdict(int status, String reason, Session session) {
        public boolean allowed() {
            return status == 200;
        }

        static Verdict allow(Session session) {
            return new Verdict(200, "", session);
        }

        static Verdict refuse(int status, String reason) {
            return new Verdict(status, reason, null);
        }
    }

    private final Sessions sessions;
    private final boolean openReadOnly;

    public RequestGuard(Sessions sessions, boolean openReadOnly) {
        this.sessions = sessions;
        this.openReadOnly = openReadOnly;
    }

    public Verdict read(RequestFacts request) {
        Optional<Session> session = bearer(request).or(() -> sessions.find(request.sessionCookie()));
        if (session.isPresent()) {
            return Verdict.allow(session.get());
        }
        if (openReadOnly && isLoopback(request.remoteAddress()) && namesLoopback(request.host())) {
            return Verdict.allow(null);
        }
        return Verdict.refuse(401, openReadOnly ? "log in to see the console from another machine" : "log in first");
    }

    public Verdict change(RequestFacts request) {
        Verdict crossSite = sameOrigin(request);
        if (!crossSite.allowed()) {
            return crossSite;
        }
        Optional<Session> bearer = bearer(request);
        if (bearer.isPresent()) {
            return Verdict.allow(bearer.get());
        }
        Optional<Session> cookie = sessions.find(request.sessionCookie());
        if (cookie.isEmpty()) {
            return Verdict.refuse(401, "log in first: changes need the password");
        }
        if (request.csrfToken() == null || !constantTimeEquals(request.csrfToken(), cookie.get().csrfToken())) {
            return Verdict.refuse(403, "missing or wrong CSRF token");
        }
        return Verdict.allow(cookie.get());
    }

    /** Whether the request comes from a page of this console's own origin, or from no page at all (a script). */
    public Verdict sameOrigin(RequestFacts request) {
        String fetchSite = request.fetchSite();
        if (fetchSite != null && !OWN_FETCH_SITES.contains(fetchSite)) {
            return Verdict.refuse(403, "cross-site request refused (Sec-Fetch-Site: " + fetchSite + ")");
        }
        String origin = request.origin();
        if (origin != null && !origin.equalsIgnoreCase("http://" + request.host())
                && !origin.equalsIgnoreCase("https://" + request.host())) {
            return Verdict.refuse(403, "cross-site request refused (Origin " + origin + " is not this console's)");
        }
        return Verdict.allow(null);
    }

    private Optional<Session> bearer(RequestFacts request) {
        String authorization = request.authorization();
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return sessions.find(authorization.substring(BEARER.length()).strip());
    }

    static boolean isLoopback(String address) {
        return address != null && (address.startsWith("127.") || address.equals("::1")
                || address.equals("0:0:0:0:0:0:0:1") || address.equals("[::1]"));
    }

    /** Whether a {@code Host} header names this machine's loopback, with or without a port. */
    static boolean namesLoopback(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase();
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf(']')) {
            name = name.substring(0, colon);
        }
        return LOOPBACK_NAMES.contains(name) || (name.startsWith("127.") && name.matches("127(\\.\\d{1,3}){3}"));
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}

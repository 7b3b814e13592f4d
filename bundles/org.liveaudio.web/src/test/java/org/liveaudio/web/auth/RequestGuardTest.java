package org.liveaudio.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.liveaudio.web.auth.Sessions.Session;

class RequestGuardTest {
    private static final String HOST = "127.0.0.1:8360";
    private static final String OWN = "http://" + HOST;

    private final Sessions sessions = new Sessions(new SecureRandom(), System::nanoTime, Long.MAX_VALUE / 2);
    private final RequestGuard guard = new RequestGuard(sessions, true);

    private static RequestFacts request(String host, String origin, String fetchSite, String remote,
            String authorization, String cookie, String csrf) {
        return new RequestFacts(host, origin, fetchSite, remote, authorization, cookie, csrf);
    }

    @Test
    void readsAreOpenOnLoopbackUnderALoopbackNameOnly() {
        assertEquals(200, guard.read(request(HOST, null, null, "127.0.0.1", null, null, null)).status());
        assertEquals(200, guard.read(request("localhost:8360", null, null, "::1", null, null, null)).status());
        assertEquals(200, guard.read(request("[::1]:8360", null, null, "0:0:0:0:0:0:0:1", null, null, null))
                .status());
        assertEquals(401, guard.read(request("192.168.1.5:8360", null, null, "192.168.1.7", null, null, null))
                .status());
        assertEquals(401, guard.read(request("evil.example:8360", null, null, "127.0.0.1", null, null, null))
                .status(), "a rebound name");
        assertEquals(401, new RequestGuard(sessions, false)
                .read(request(HOST, null, null, "127.0.0.1", null, null, null)).status());
    }

    @Test
    void aSessionReadsFromAnywhere() {
        Session session = sessions.open();
        assertEquals(200, guard.read(request("192.168.1.5:8360", null, null, "192.168.1.7", null, session.token(),
                null)).status());
        assertEquals(200, guard.read(request("192.168.1.5:8360", null, null, "192.168.1.7",
                "Bearer " + session.token(), null, null)).status());
    }

    @Test
    void aChangeWithoutLoginIsRefused401() {
        RequestGuard.Verdict verdict = guard.change(request(HOST, OWN, "same-origin", "127.0.0.1", null, null, null));
        assertEquals(401, verdict.status());
        assertEquals(401, guard.change(request(HOST, OWN, null, "127.0.0.1", null, "forged", "forged")).status());
        assertEquals(401, guard.change(request(HOST, null, null, "127.0.0.1", "Bearer forged", null, null)).status());
    }

    @Test
    void theSessionCookieChangesOnlyWithItsCsrfToken() {
        Session session = sessions.open();
        assertEquals(403, guard.change(request(HOST, OWN, "same-origin", "127.0.0.1", null, session.token(), null))
                .status());
        assertEquals(403, guard.change(request(HOST, OWN, "same-origin", "127.0.0.1", null, session.token(),
                session.token())).status());
        RequestGuard.Verdict allowed = guard.change(request(HOST, OWN, "same-origin", "127.0.0.1", null,
                session.token(), session.csrfToken()));
        assertTrue(allowed.allowed());
        assertEquals(session.token(), allowed.session().token());
    }

    @Test
    void aBearerTokenChangesWithoutCsrfTokenForItIsNeverSentByABrowserOnItsOwn() {
        Session session = sessions.open();
        assertTrue(guard.change(request(HOST, null, null, "127.0.0.1", "Bearer " + session.token(), null, null))
                .allowed());
        assertTrue(guard.change(request(HOST, null, null, "127.0.0.1", "bearer  " + session.token(), null, null))
                .allowed());
    }

    @Test
    void aCrossSiteRequestIsRefused403EvenWithAValidSession() {
        Session session = sessions.open();
        for (RequestFacts crossSite : new RequestFacts[] {
            request(HOST, "http://evil.example", null, "127.0.0.1", null, session.token(), session.csrfToken()),
            request(HOST, "null", null, "127.0.0.1", "Bearer " + session.token(), null, null),
            request(HOST, OWN, "cross-site", "127.0.0.1", null, session.token(), session.csrfToken()),
            request(HOST, null, "same-site", "127.0.0.1", "Bearer " + session.token(), null, null),
            request(HOST, "http://127.0.0.1:9999", null, "127.0.0.1", null, session.token(), session.csrfToken())}) {
            RequestGuard.Verdict verdict = guard.change(crossSite);
            assertEquals(403, verdict.status(), crossSite.toString());
            assertTrue(verdict.reason().startsWith("cross-site request refused"), verdict.reason());
        }
        assertSame(null, guard.sameOrigin(request(HOST, "HTTP://127.0.0.1:8360", "none", "127.0.0.1", null, null,
                null)).session());
        assertTrue(guard.sameOrigin(request(HOST, "HTTP://127.0.0.1:8360", "none", "127.0.0.1", null, null, null))
                .allowed());
    }

    @Test
    void loopbackNamesAreRecognisedWithAndWithoutPorts() {
        assertTrue(RequestGuard.namesLoopback("localhost"));
        assertTrue(RequestGuard.namesLoopback("127.0.0.1"));
        assertTrue(RequestGuard.namesLoopback("127.1.2.3:80"));
        assertTrue(RequestGuard.namesLoopback("[::1]"));
        assertEquals(false, RequestGuard.namesLoopback("127.0.0.1.evil.example"));
        assertEquals(false, RequestGuard.namesLoopback("localhost.evil.example:8360"));
        assertEquals(false, RequestGuard.namesLoopback(null));
        assertEquals(false, RequestGuard.isLoopback("10.0.0.1"));
    }
}

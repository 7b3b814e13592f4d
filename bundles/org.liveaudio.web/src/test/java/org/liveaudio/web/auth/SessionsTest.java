package org.liveaudio.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.liveaudio.web.auth.Sessions.Session;

class SessionsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final Sessions sessions = new Sessions(new SecureRandom(), now::get, 100);

    @Test
    void anOpenSessionIsFoundByItsTokenAndItsTwoSecretsDiffer() {
        Session session = sessions.open();
        assertNotEquals(session.token(), session.csrfToken());
        assertTrue(session.token().length() >= 43, "256 bits in base64");
        assertEquals(session.csrfToken(), sessions.find(session.token()).orElseThrow().csrfToken());
        assertTrue(sessions.find("not a token").isEmpty());
        assertTrue(sessions.find(null).isEmpty());
    }

    @Test
    void aSessionUnusedLongerThanItsIdleTimeEndsAndUseKeepsItAlive() {
        Session kept = sessions.open();
        Session idle = sessions.open();
        for (int i = 0; i < 5; i++) {
            now.addAndGet(60);
            assertTrue(sessions.find(kept.token()).isPresent());
        }
        assertTrue(sessions.find(idle.token()).isEmpty());
    }

    @Test
    void closedSessionsAreGoneAndTheOldestMakesRoomWhenAllAreTaken() {
        Session first = sessions.open();
        sessions.close(first.token());
        assertTrue(sessions.find(first.token()).isEmpty());
        List<Session> open = new ArrayList<>();
        for (int i = 0; i < Sessions.MAX_SESSIONS; i++) {
            now.incrementAndGet();
            open.add(sessions.open());
        }
        now.incrementAndGet();
        sessions.find(open.get(0).token());
        sessions.open();
        assertTrue(sessions.find(open.get(0).token()).isPresent(), "used a moment ago");
        assertTrue(sessions.find(open.get(1).token()).isEmpty(), "the least recently used went");
        sessions.closeAll();
        assertTrue(sessions.find(open.get(2).token()).isEmpty());
    }
}

package org.liveaudio.web.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.testing.RecordingLogger;

class SubscribersTest {
    private static final byte[] HEAD = {'H'};
    private static final byte[] TAGS = {'T'};

    private final RecordingLogger log = new RecordingLogger();
    private final Subscribers subscribers = new Subscribers(log.logger());

    @Test
    void aClientThatComesBeforeTheStreamGetsItsHeadersFirstThenTheLivePages() {
        FakeSubscriber early = new FakeSubscriber(10);
        subscribers.add(early);
        assertEquals(List.of(), early.pages());

        subscribers.begin(HEAD, TAGS);
        byte[] page = {1};
        subscribers.publish(page);

        assertEquals(List.of(HEAD, TAGS, page), early.pages());
    }

    @Test
    void aClientThatComesLaterGetsTheHeadersThenOnlyThePagesFromThenOn() {
        subscribers.add(new FakeSubscriber(10));
        subscribers.begin(HEAD, TAGS);
        subscribers.publish(new byte[] {1});

        FakeSubscriber late = new FakeSubscriber(10);
        subscribers.add(late);
        byte[] next = {2};
        subscribers.publish(next);

        List<byte[]> pages = late.pages();
        assertEquals(3, pages.size());
        assertSame(HEAD, pages.get(0));
        assertSame(TAGS, pages.get(1));
        assertSame(next, pages.get(2));
    }

    @Test
    void aClientWhoseQueueIsFullIsDroppedAndCountedWhileTheOthersGetEveryPage() {
        subscribers.begin(HEAD, TAGS);
        FakeSubscriber slow = new FakeSubscriber(5);
        FakeSubscriber keeping = new FakeSubscriber(1000);
        subscribers.add(slow);
        subscribers.add(keeping);

        for (int i = 0; i < 10; i++) {
            subscribers.publish(new byte[] {(byte) i});
        }

        assertTrue(slow.closed);
        assertFalse(keeping.closed);
        assertEquals(12, keeping.pages().size());
        assertEquals(new Subscribers.Counts(1, 2, 1), subscribers.counts());
        assertEquals(1, log.warnings().size(), log.lines().toString());
        assertTrue(log.warnings().get(0).contains("too far behind"), log.warnings().get(0));
    }

    @Test
    void aClientThatLeftIsForgottenAtTheNextSweep() {
        FakeSubscriber leaving = new FakeSubscriber(10);
        subscribers.add(leaving);
        subscribers.add(new FakeSubscriber(10));
        assertEquals(2, subscribers.sweep());

        leaving.ended = "EofException: Broken pipe";

        assertEquals(1, subscribers.sweep());
        assertTrue(leaving.closed);
        assertEquals(new Subscribers.Counts(1, 2, 0), subscribers.counts());
        assertTrue(log.lines().stream().anyMatch(line -> line.contains("left (EofException: Broken pipe)")),
                log.lines().toString());
    }

    @Test
    void aStreamThatEndsLeavesNewClientsWaitingForTheNextStreamsHeaders() {
        subscribers.begin(HEAD, TAGS);
        subscribers.end();
        FakeSubscriber next = new FakeSubscriber(10);
        subscribers.add(next);
        assertEquals(List.of(), next.pages());

        byte[] newHead = {'h'};
        subscribers.begin(newHead, TAGS);
        assertSame(newHead, next.pages().get(0));
    }

    @Test
    void closingAllEndsEveryClientsResponse() {
        FakeSubscriber one = new FakeSubscriber(10);
        FakeSubscriber two = new FakeSubscriber(10);
        subscribers.add(one);
        subscribers.add(two);

        subscribers.closeAll("the stream stops");

        assertTrue(one.closed && two.closed);
        assertEquals(0, subscribers.sweep());
    }
}

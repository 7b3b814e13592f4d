package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.testing.RecordingLogger;

/** The stream's RTCP channel and what it belongs to. */
class ReportChannelTest {
    private MulticastEndpoint group;
    private final FakeTransport transport = new FakeTransport();
    private final ReportChannel channel = new ReportChannel();
    private final ListenerTable handler = new ListenerTable(new WallAnchor(0, 0), new RecordingLogger().logger());

    @BeforeEach
    void lookUpTheGroup() throws Exception {
        group = MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1);
    }

    @Test
    void itIsOpenOnlyForTheTransportAndEndpointItWasOpenedWith() throws Exception {
        assertFalse(channel.isOpen());
        assertFalse(channel.isOpenFor(transport, group, null));
        channel.open(transport, group, null, handler);

        assertTrue(channel.isOpen());
        assertTrue(channel.isOpenFor(transport, group, null));
        assertFalse(channel.isOpenFor(new FakeTransport(transport), group, null));
        assertFalse(channel.isOpenFor(transport, MulticastEndpoint.of("239.255.0.1", 5006, "lo", 1), null));
        assertSame(handler, transport.lastChannel().handler);
    }

    @Test
    void releasingItsTransportClosesTheChannelAndAnyOtherTransportLeavesItOpen() throws Exception {
        channel.open(transport, group, null, handler);

        channel.release(new FakeTransport(transport));
        assertTrue(channel.isOpen());
        assertFalse(transport.lastChannel().closed);

        channel.release(transport);
        assertFalse(channel.isOpen());
        assertNull(channel.channel());
        assertTrue(transport.lastChannel().closed);
    }
}

package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.MulticastEndpoint;

/** The stream's RTP sender and what it belongs to. */
class PacketOutletTest {
    private MulticastEndpoint group;
    private final FakeTransport transport = new FakeTransport();
    private final PacketOutlet outlet = new PacketOutlet();

    @BeforeEach
    void lookUpTheGroup() throws Exception {
        group = MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1);
    }

    @Test
    void itIsOpenOnlyForTheTransportAndEndpointItWasOpenedWith() throws Exception {
        assertFalse(outlet.isOpenFor(transport, group, null));
        outlet.open(transport, group, null);

        assertTrue(outlet.isOpenFor(transport, group, null));
        assertFalse(outlet.isOpenFor(new FakeTransport(transport), group, null));
        assertFalse(outlet.isOpenFor(transport, MulticastEndpoint.of("239.255.0.1", 5006, "lo", 1), null));
        outlet.close();
        assertFalse(outlet.isOpenFor(transport, group, null));
    }

    @Test
    void reopeningClosesTheSenderBefore() throws Exception {
        MulticastEndpoint moved = MulticastEndpoint.of("239.255.0.1", 5006, "lo", 1);
        outlet.open(transport, group, null);
        outlet.open(transport, moved, null);

        assertEquals(1, transport.sendersOpen.get());
        assertEquals(List.of(group, moved), transport.opened);
        outlet.send(96, true, 1, 2, 3, new byte[] {1, 2, 3, 4}, 2);
        assertEquals(moved, transport.last().endpoint());
        assertEquals(2, transport.last().payload().length);
    }

    @Test
    void releasingItsTransportClosesTheSenderAndAnyOtherTransportLeavesItOpen() throws Exception {
        outlet.open(transport, group, null);

        outlet.release(new FakeTransport(transport));
        assertTrue(outlet.isOpen());
        assertEquals(1, transport.sendersOpen.get());

        outlet.release(transport);
        assertFalse(outlet.isOpen());
        assertEquals(0, transport.sendersOpen.get());
    }
}

package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
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
        assertFalse(outlet.isOpenFor(transport, group, null, Map.of()));
        outlet.open(transport, group, null, Map.of());

        assertTrue(outlet.isOpenFor(transport, group, null, Map.of()));
        assertFalse(outlet.isOpenFor(new FakeTransport(transport), group, null, Map.of()));
        assertFalse(outlet.isOpenFor(transport, MulticastEndpoint.of("239.255.0.1", 5006, "lo", 1), null,
                Map.of()));
        outlet.close();
        assertFalse(outlet.isOpenFor(transport, group, null, Map.of()));
    }

    @Test
    void aChangeOfTheTransportsOwnKeysNeedsAnotherSenderAndOtherKeysDoNot() throws Exception {
        transport.keys = Set.of("fec");
        outlet.open(transport, group, null, Map.of("fec", "rs", "codec", "L16"));

        assertTrue(outlet.isOpenFor(transport, group, null, Map.of("fec", "rs", "codec", "opus")));
        assertFalse(outlet.isOpenFor(transport, group, null, Map.of("fec", "off", "codec", "L16")));
        assertFalse(outlet.isOpenFor(transport, group, null, Map.of("codec", "L16")));
    }

    @Test
    void reopeningClosesTheSenderBefore() throws Exception {
        MulticastEndpoint moved = MulticastEndpoint.of("239.255.0.1", 5006, "lo", 1);
        outlet.open(transport, group, null, Map.of());
        outlet.open(transport, moved, null, Map.of());

        assertEquals(1, transport.sendersOpen.get());
        assertEquals(List.of(group, moved), transport.opened);
        outlet.send(96, true, 1, 2, 3, new byte[] {1, 2, 3, 4}, 2);
        assertEquals(moved, transport.last().endpoint());
        assertEquals(2, transport.last().payload().length);
    }

    @Test
    void releasingItsTransportClosesTheSenderAndAnyOtherTransportLeavesItOpen() throws Exception {
        outlet.open(transport, group, null, Map.of());

        outlet.release(new FakeTransport(transport));
        assertTrue(outlet.isOpen());
        assertEquals(1, transport.sendersOpen.get());

        outlet.release(transport);
        assertFalse(outlet.isOpen());
        assertEquals(0, transport.sendersOpen.get());
    }
}

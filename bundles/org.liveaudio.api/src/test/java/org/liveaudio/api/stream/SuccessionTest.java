package org.liveaudio.api.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.net.KeptSockets;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.stream.Succession.Departure;

class SuccessionTest {
    private static final MulticastEndpoint ENDPOINT = endpoint();

    private static MulticastEndpoint endpoint() {
        try {
            return MulticastEndpoint.of("239.255.0.1", 5004, "lo", 1);
        } catch (InvalidSettingException e) {
            throw new AssertionError(e);
        }
    }

    private static Departure departure(DatagramChannel socket) {
        KeptSockets sockets = new KeptSockets();
        sockets.keep(ENDPOINT, socket);
        return new Departure(ENDPOINT, sockets, () -> { }, new CompletableFuture<>());
    }

    @Test
    void theNextListenerOfTheNameTakesWhatItsPredecessorLeftOnce() throws IOException {
        try (DatagramChannel socket = DatagramChannel.open()) {
            Departure left = departure(socket);
            Succession.depart("hall", left);

            assertEquals(Optional.empty(), Succession.take("kitchen"), "another name's departure is not this one's");
            assertEquals(Optional.of(left), Succession.take("hall"));
            assertEquals(Optional.empty(), Succession.take("hall"), "taken once");
            assertFalse(Succession.withdraw("hall", left), "a departure taken is the successor's, not to withdraw");
            assertTrue(socket.isOpen());
        }
    }

    @Test
    void aDepartureNotTakenIsWithdrawnByTheOneWhoLeftIt() throws IOException {
        try (DatagramChannel socket = DatagramChannel.open()) {
            Departure left = departure(socket);
            Succession.depart("porch", left);

            assertTrue(Succession.withdraw("porch", left));
            assertEquals(Optional.empty(), Succession.take("porch"));
        }
    }

    @Test
    void aSecondDepartureOfTheNameReplacesTheFirstAndClosesItsSockets() throws IOException {
        try (DatagramChannel first = DatagramChannel.open(); DatagramChannel second = DatagramChannel.open()) {
            Departure earlier = departure(first);
            Departure later = departure(second);
            Succession.depart("attic", earlier);
            Succession.depart("attic", later);

            assertFalse(first.isOpen(), "nobody could take or withdraw the first any more");
            assertFalse(Succession.withdraw("attic", earlier));
            assertEquals(Optional.of(later), Succession.take("attic"));
            assertTrue(second.isOpen());
        }
    }
}

package org.liveaudio.api.stream;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.net.KeptSockets;
import org.liveaudio.api.net.MulticastEndpoint;

/**
 * A listener's hand-over to its successor, the listener of its name that starts when its bundle is updated or
 * restarted. The bundle's classes are replaced, and its services go with it, so what passes from one to the next is
 * kept here, in the API bundle, as API and JDK types. The departing listener goes on receiving and playing while its
 * bundle restarts; the successor, once it is ready, takes over: it releases the departing one, which stops reading
 * its receive sockets, plays out what it holds and then leaves the successor its sink output, still open. The
 * successor reads the same sockets from there on and plays on into the same device or file, so the audio goes on.
 *
 * <p>A departure not taken is withdrawn by the one who left it, which then closes its sockets and its output.
 */
public final class Succession {
    private static final Map<String, Departure> DEPARTED = new ConcurrentHashMap<>();

    private Succession() {
    }

    /**
     * What a departing listener leaves.
     *
     * @param endpoint where it listened: the sockets serve a successor on the same endpoint only
     * @param sockets its receive sockets, which it reads until released
     * @param release stops its receiving, so that the successor may read the sockets, and lets it play out what it
     *     holds; for the successor to run as it takes over, before it opens a receiver
     * @param playedOut completed once it has played what it held: with the sink output it played into, open, if
     *     it had one; the taker closes it if it does not play on into it
     */
    public record Departure(MulticastEndpoint endpoint, KeptSockets sockets, Runnable release,
            CompletableFuture<Optional<OpenSink>> playedOut) {
    }

    /**
     * A sink output left open, and what it was opened for: a successor that wants the same plays on into it. The
     * sink service that opened it is not part of it: a service used by the departing listener's bundle alone is
     * released with it, and its successor gets another instance of the same.
     *
     * @param type the sink type it was opened as ({@code AudioSink.TYPE})
     * @param file the file it writes (a recording, a timing log), or the one named in the settings
     * @param format the format it plays
     */
    public record OpenSink(String type, Path file, AudioFormat format, AudioOutput output) {
        /** Closes the output; a failure to close leaves nothing more to do. */
        public void close() {
            try {
                output.close();
            } catch (IOException | RuntimeException e) {
                // Closing is all that is left to do with it, and the sink says its own failures.
            }
        }
    }

    /** Leaves {@code departure} for the next listener named {@code listener}; one left before is replaced. */
    public static void depart(String listener, Departure departure) {
        Departure replaced = DEPARTED.put(listener, departure);
        if (replaced != null) {
            replaced.release().run();
            replaced.sockets().close();
            replaced.playedOut().thenAccept(open -> open.ifPresent(OpenSink::close));
        }
    }

    /** Takes what the last listener named {@code listener} left, if it is still there. */
    public static Optional<Departure> take(String listener) {
        return Optional.ofNullable(DEPARTED.remove(listener));
    }

    /**
     * Takes {@code departure} back unless a successor took it.
     *
     * @return whether it was still there: its sockets and output are then the caller's to close
     */
    public static boolean withdraw(String listener, Departure departure) {
        return DEPARTED.remove(listener, departure);
    }
}

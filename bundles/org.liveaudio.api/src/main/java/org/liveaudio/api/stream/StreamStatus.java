package org.liveaudio.api.stream;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the sender is doing now.
 *
 * @param state {@code playing}, {@code paused} or {@code waiting} (a service it needs is missing)
 * @param source what the source is playing
 * @param title what listeners are told is playing: the title set by {@link StreamControl#title}, else the
 *     source's (e.g. from a file's tags), else empty
 * @param codec codec name and format, e.g. {@code L16/48000/2}
 * @param frameMicros length of one frame
 * @param endpoint group:port and interface
 * @param ssrc the RTP synchronization source, stable for the life of the stream
 * @param problem the last thing that went wrong and still holds (empty when none)
 */
public record StreamStatus(String state, String source, String title, String codec, int frameMicros, String endpoint,
        int ttl, long ssrc, Duration uptime, Path sdpFile, String problem) {
}

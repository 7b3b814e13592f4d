package org.liveaudio.api.audio;

import java.net.NetworkInterface;
import java.nio.file.Path;

/**
 * What a sender asks of its source beyond the format.
 *
 * @param file an audio file, a playlist ({@code .m3u}, {@code .pls}) or a folder played as one; {@code null} for
 *     other sources
 * @param loop start again at the beginning when the file or playlist ends
 * @param toneHz frequency of the {@code tone} source
 * @param pipe where the {@code pipe} source reads raw PCM; {@code null} for other sources
 * @param stream the name a stream to relay is announced with by SAP; empty where the source takes no stream or
 *     a file describes it
 * @param networkInterface where the sender sends, and so where a relay hears announcements; {@code null} for the
 *     system's choice
 */
public record SourceSettings(Path file, boolean loop, double toneHz, PipeSettings pipe, String stream,
        NetworkInterface networkInterface) {
    public SourceSettings {
        stream = stream == null ? "" : stream;
    }

    /** Settings of a source that relays no announced stream. */
    public SourceSettings(Path file, boolean loop, double toneHz, PipeSettings pipe) {
        this(file, loop, toneHz, pipe, "", null);
    }

    /** Settings of a source that reads no file and no pipe. */
    public SourceSettings(Path file, boolean loop, double toneHz) {
        this(file, loop, toneHz, null);
    }
}

package org.liveaudio.api.audio;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a {@code pipe} source reads raw PCM (signed 16-bit little-endian, channels interleaved, as MPD's fifo
 * output, librespot and shairport-sync write it): a named pipe, or the standard output of a command. Exactly one
 * of the two is set.
 *
 * @param fifo a named pipe (or any file that is read as it grows), or {@code null}
 * @param command a program and its arguments, started by the source and read from, or an empty list
 * @param format the rate and channels of what is written there; the source converts it to the stream's
 */
public record PipeSettings(Path fifo, List<String> command, AudioFormat format) {
    public PipeSettings {
        command = List.copyOf(command);
        if ((fifo == null) == command.isEmpty()) {
            throw new IllegalArgumentException("a pipe source reads a named pipe or a command, exactly one");
        }
    }
}

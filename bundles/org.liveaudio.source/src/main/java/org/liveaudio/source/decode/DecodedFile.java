package org.liveaudio.source.decode;

import java.io.IOException;
import javax.sound.sampled.AudioInputStream;

/**
 * A file opened for playing.
 *
 * @param pcm its audio as PCM: from a decoder at the file's own rate and channels, then in the stream format
 * @param title what to tell listeners: "Artist - Title", the title alone, or the file name without extension
 */
public record DecodedFile(AudioInputStream pcm, String title) implements AutoCloseable {
    @Override
    public void close() throws IOException {
        pcm.close();
    }
}

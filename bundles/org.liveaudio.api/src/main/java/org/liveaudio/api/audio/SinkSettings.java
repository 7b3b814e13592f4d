package org.liveaudio.api.audio;

import java.nio.file.Path;

/**
 * What a listener asks of its sink beyond the format.
 *
 * @param file the recording for file sinks
 * @param append keep what the file holds and add to it (a listener re-opening its sink mid-stream);
 *     otherwise start a new recording
 */
public record SinkSettings(Path file, boolean append) {
}

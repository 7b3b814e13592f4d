package org.liveaudio.api.audio;

import java.nio.file.Path;

/**
 * What a sender asks of its source beyond the format.
 *
 * @param file a WAV file or a folder played as a playlist; {@code null} for generated sources
 * @param loop start again at the beginning when the file or playlist ends
 * @param toneHz frequency of the {@code tone} source
 */
public record SourceSettings(Path file, boolean loop, double toneHz) {
}

package org.liveaudio.sink.discard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.audio.SinkSettings;

class NullSinkTest {
    @Test
    void countsWhatItDiscards() throws IOException {
        AudioOutput output = new NullSink().open(new SinkSettings(null, false), new AudioFormat(48_000, 2));

        output.write(new short[480], 240);
        output.write(new short[480], 100);

        assertEquals(340, output.samplesWritten());
        assertEquals("null", output.description());
    }

    @Test
    void theInstantOfAHandOverIsNotWorthASpin() {
        assertFalse(new NullSink().open(new SinkSettings(null, false), new AudioFormat(48_000, 2))
                .handOverInstantMatters());
    }
}

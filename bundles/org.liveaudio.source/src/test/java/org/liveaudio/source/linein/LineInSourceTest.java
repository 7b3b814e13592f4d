package org.liveaudio.source.linein;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.SourceSettings;

class LineInSourceTest {
    @Test
    void machineWithoutSoundCardSaysSoWhenOpened() {
        assumeTrue(AudioSystem.getMixerInfo().length == 0, "this machine has a sound system");

        IOException refused = assertThrows(IOException.class, () -> new LineInSource()
                .open(new SourceSettings(null, false, 440), new AudioFormat(48_000, 2), 0));

        assertEquals("no audio capture device (line-in) on this machine", refused.getMessage());
    }
}

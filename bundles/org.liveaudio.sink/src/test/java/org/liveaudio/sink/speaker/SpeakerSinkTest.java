package org.liveaudio.sink.speaker;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.SinkSettings;

class SpeakerSinkTest {
    @Test
    void machineWithoutSoundCardSaysSoWhenOpened() {
        assumeTrue(AudioSystem.getMixerInfo().length == 0, "this machine has a sound system");

        IOException refused = assertThrows(IOException.class,
                () -> new SpeakerSink().open(new SinkSettings(null, false), new AudioFormat(48_000, 2)));

        assertTrue(refused.getMessage().startsWith("no sound card: "), refused.getMessage());
    }
}

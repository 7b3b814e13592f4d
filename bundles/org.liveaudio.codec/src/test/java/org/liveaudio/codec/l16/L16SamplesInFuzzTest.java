package org.liveaudio.codec.l16;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.liveaudio.api.audio.AudioFormat;

/** Any payload length in any format: whole samples of every channel, or -1; never an exception. */
class L16SamplesInFuzzTest {
    private final L16Codec codec = new L16Codec();

    @FuzzTest(maxDuration = "2m")
    void samplesAreWholeFramesOrMinusOne(FuzzedDataProvider data) {
        AudioFormat format = new AudioFormat(data.consumeInt(AudioFormat.MIN_SAMPLE_RATE, AudioFormat.MAX_SAMPLE_RATE),
                data.consumeInt(1, AudioFormat.MAX_CHANNELS));
        int offset = data.consumeInt(0, 4);
        byte[] payload = data.consumeRemainingAsBytes();
        int length = Math.max(0, payload.length - offset);

        int samples = codec.samplesIn(format, payload, offset, length);
        if (samples == -1) {
            assertTrue(length == 0 || length % format.bytesPerSample() != 0, () -> length + " bytes refused");
        } else {
            assertTrue(samples > 0, () -> "samples " + samples);
            assertEquals(length, samples * format.bytesPerSample());
        }
    }
}

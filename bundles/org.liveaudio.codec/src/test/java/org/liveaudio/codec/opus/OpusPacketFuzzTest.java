package org.liveaudio.codec.opus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusPacketInfo;
import org.liveaudio.api.audio.AudioFormat;

/**
 * Any payload, at any offset and length (out of range ones too, as a bad caller would pass), is measured as -1 or
 * as 2.5 ms to 120 ms of samples, never an exception; and the measure agrees with Concentus' port of libopus'
 * {@code opus_packet_parse} on every in-range payload, so that a packet the listener files is one the decoder can
 * frame, and one it refuses as undecodable is one the decoder would refuse too.
 */
class OpusPacketFuzzTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private final OpusCodec codec = new OpusCodec();

    @FuzzTest(maxDuration = "2m")
    void samplesAreMinusOneOrAWholePacketAsLibopusFramesIt(FuzzedDataProvider data) {
        boolean inRange = data.consumeBoolean();
        int offset = inRange ? data.consumeInt(0, 8) : data.consumeInt();
        int lengthCut = data.consumeInt(0, 8);
        byte[] buffer = data.consumeRemainingAsBytes();
        int length = inRange ? Math.max(0, buffer.length - Math.min(offset, buffer.length) - lengthCut)
                : buffer.length - lengthCut;

        int samples = codec.samplesIn(STEREO, buffer, offset, length);
        OpusPacket.carriesFec(buffer, offset, length);
        assertTrue(samples == -1 || samples >= 120 && samples <= OpusPacket.MAX_PACKET_SAMPLES && samples % 120 == 0,
                () -> "samples " + samples);
        if (offset >= 0 && length >= 0 && offset <= buffer.length - length) {
            assertEquals(libopusSamples(buffer, offset, length), samples);
        }
    }

    private static int libopusSamples(byte[] buffer, int offset, int length) {
        try {
            OpusPacketInfo info = OpusPacketInfo.parseOpusPacket(buffer, offset, length);
            return info.Frames.size() * OpusPacketInfo.getNumSamplesPerFrame(buffer, offset, OpusPacket.CLOCK_RATE);
        } catch (OpusException | NegativeArraySizeException refused) {
            // Concentus 1.0.2 refuses some packets (an empty one, for example) by sizing an array with the error
            // code: a refusal all the same.
            return -1;
        }
    }
}

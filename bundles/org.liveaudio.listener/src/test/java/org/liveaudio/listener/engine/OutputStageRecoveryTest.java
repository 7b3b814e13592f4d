package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.testing.FakeL16Codec;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.listener.buffer.Frame;
import org.liveaudio.listener.buffer.JitterBuffer;
import org.liveaudio.listener.buffer.PlayoutStep;
import org.liveaudio.listener.buffer.StreamCounters;

/** A lost frame is rebuilt from the next one where the codec can, and concealed by the codec where it cannot. */
class OutputStageRecoveryTest {
    private static final AudioFormat MONO = new AudioFormat(48_000, 1);
    private static final short RECOVERED = 7;
    private static final short CONCEALED = 3;
    private static final int FRAME = 240;

    private final List<short[]> written = new ArrayList<>();
    private final OutputStage stage = new OutputStage("test", MONO, new RecordingLogger().logger());
    private final JitterBuffer buffer = new JitterBuffer(64, 0, 48_000, 2 * FRAME, new StreamCounters());
    private final Frame frame = new Frame(0);

    /** L16 whose decoder rebuilds a lost frame as all 7s where the next payload is there, else conceals as 3s. */
    private final FakeL16Codec codec = new FakeL16Codec() {
        @Override
        public AudioDecoder newDecoder(AudioFormat format, int samplesPerFrame) {
            AudioDecoder plain = super.newDecoder(format, samplesPerFrame);
            return new AudioDecoder() {
                @Override
                public int decode(byte[] payload, int offset, int length, short[] pcm) {
                    return plain.decode(payload, offset, length, pcm);
                }

                @Override
                public void conceal(short[] pcm, int samples) {
                    Arrays.fill(pcm, 0, samples, CONCEALED);
                }

                @Override
                public int recover(byte[] next, int offset, int length, short[] pcm, int samples) {
                    Arrays.fill(pcm, 0, samples, RECOVERED);
                    return samples;
                }
            };
        }
    };

    OutputStageRecoveryTest() {
        stage.useCodec(codec, MONO);
        stage.attach(new AudioOutput() {
            @Override
            public String description() {
                return "memory";
            }

            @Override
            public void write(short[] pcm, int samples) {
                written.add(Arrays.copyOf(pcm, samples));
            }

            @Override
            public long samplesWritten() {
                return written.size() * (long) FRAME;
            }

            @Override
            public void close() {
            }
        });
    }

    private void arrive(int sequence) {
        buffer.insert(sequence, sequence * (long) FRAME, FRAME, new byte[2 * FRAME], 0, 2 * FRAME, 0, 0);
    }

    private void playOne() {
        PlayoutStep step = buffer.poll(0, frame);
        stage.prepare(step, frame);
        stage.handOver();
    }

    @Test
    void aLostFrameWhoseSuccessorIsThereIsRebuiltFromIt() {
        arrive(10);
        arrive(12);

        playOne();
        playOne();

        assertEquals(RECOVERED, written.get(1)[0]);
        assertEquals(1, stage.recovered());
    }

    @Test
    void aLostFrameWithoutItsSuccessorIsConcealed() {
        arrive(10);
        arrive(13);

        playOne();
        playOne();

        assertEquals(CONCEALED, written.get(1)[0]);
        assertEquals(0, stage.recovered());
    }

    @Test
    void aCodecWithoutRedundancyConcealsEvenWithTheSuccessorThere() {
        stage.useCodec(new FakeL16Codec(), MONO);
        arrive(10);
        arrive(12);

        playOne();
        playOne();

        assertEquals(0, written.get(1)[0]);
        assertEquals(0, stage.recovered());
    }
}

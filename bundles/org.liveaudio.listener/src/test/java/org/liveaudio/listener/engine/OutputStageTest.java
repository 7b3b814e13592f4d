package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liveaudio.api.testing.LongAssertions.assertWithin;

import java.io.IOException;
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

/** What the output stage writes for each kind of period, what it counts, and how it takes a sink's failure. */
class OutputStageTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final int FRAME = 240;
    private static final short CONCEALED = 3;

    private final RecordingLogger log = new RecordingLogger();
    private final OutputStage stage = new OutputStage("test", STEREO, log.logger());
    private final JitterBuffer buffer = new JitterBuffer(64, 0, 48_000, 4 * FRAME, new StreamCounters());
    private final Frame frame = new Frame(0);
    private final MemoryOutput memory = new MemoryOutput();
    private final CountingCodec codec = new CountingCodec();

    /** Frame {@code index} of a recognisable signal: no value is 0 or {@link #CONCEALED}. */
    private static short[] pcm(int index, int samples) {
        short[] values = new short[samples * STEREO.channels()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) (1_000 + index * 7919 + i * 31);
        }
        return values;
    }

    private void arrive(int sequence) {
        arrive(sequence, FRAME);
    }

    private void arrive(int sequence, int samples) {
        byte[] payload = FakeL16Codec.encode(pcm(sequence, samples));
        buffer.insert(sequence, sequence * (long) FRAME, samples, payload, 0, payload.length, 0, 0);
    }

    /** Takes the next period from the buffer, prepares it and hands it over. */
    private long playOne() {
        PlayoutStep step = buffer.poll(0, frame);
        stage.prepare(step, frame);
        return stage.handOver();
    }

    @Test
    void aNewCodecsDecoderIsMadeAndWarmedWhenItComesNotAtTheNextFramesInstant() {
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        arrive(0);
        playOne();
        CountingCodec next = new CountingCodec();

        stage.useCodec(next, STEREO);

        assertEquals(List.of(FRAME), next.decodersFor, "made on the thread that brings the codec");
        arrive(1);
        playOne();
        assertEquals(List.of(FRAME), next.decodersFor, "and used for the next frame");
        assertArrayEquals(pcm(1, FRAME), memory.writes.get(1));
    }

    /** L16 whose decoders conceal as {@link #CONCEALED} and are counted as they are made. */
    private static final class CountingCodec extends FakeL16Codec {
        final List<Integer> decodersFor = new ArrayList<>();

        @Override
        public AudioDecoder newDecoder(AudioFormat format, int samplesPerFrame) {
            decodersFor.add(samplesPerFrame);
            AudioDecoder plain = super.newDecoder(format, samplesPerFrame);
            return new AudioDecoder() {
                @Override
                public int decode(byte[] payload, int offset, int length, short[] pcm) {
                    return plain.decode(payload, offset, length, pcm);
                }

                @Override
                public void conceal(short[] pcm, int samples) {
                    Arrays.fill(pcm, 0, samples * format.channels(), CONCEALED);
                }
            };
        }
    }

    /** Keeps each write; fails writing while {@link #failure} is set; may report a queue. */
    private static final class MemoryOutput implements AudioOutput {
        final List<short[]> writes = new ArrayList<>();
        String failure;
        long queued = -1;
        int channels = STEREO.channels();

        @Override
        public String description() {
            return "memory";
        }

        @Override
        public void write(short[] pcm, int samples) throws IOException {
            if (failure != null) {
                throw new IOException(failure);
            }
            writes.add(Arrays.copyOf(pcm, samples * channels));
        }

        @Override
        public long samplesWritten() {
            return writes.stream().mapToLong(values -> values.length / channels).sum();
        }

        @Override
        public long queuedSamples() {
            return queued;
        }

        @Override
        public void close() {
        }
    }

    private static short[] constant(int value, int values) {
        short[] pcm = new short[values];
        Arrays.fill(pcm, (short) value);
        return pcm;
    }

    private void arrive(int sequence, short[] values) {
        byte[] payload = FakeL16Codec.encode(values);
        buffer.insert(sequence, sequence * (long) FRAME, FRAME, payload, 0, payload.length, 0, 0);
    }

    @Test
    void aReceivedFrameIsDecodedWrittenAndTimedAsItGoesToTheSink() {
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        arrive(10);

        long before = System.nanoTime();
        long handed = playOne();
        long after = System.nanoTime();

        assertEquals(1, memory.writes.size());
        assertArrayEquals(pcm(10, FRAME), memory.writes.get(0));
        assertTrue(handed >= before && handed <= after, "handed over between " + before + " and " + after
                + ": " + handed);
        assertEquals(1, stage.framesPlayed());
        assertEquals(0, stage.fillerFrames() + stage.undecodable() + stage.recovered());
    }

    @Test
    void playDecodesAndWritesAtOnce() {
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        arrive(10);
        buffer.poll(0, frame);

        long before = System.nanoTime();
        long handed = stage.play(frame);
        long after = System.nanoTime();

        assertTrue(handed >= before && handed <= after, "handed over between " + before + " and " + after
                + ": " + handed);
        assertArrayEquals(pcm(10, FRAME), memory.writes.get(0));
    }

    @Test
    void withoutASinkNothingIsPreparedOrCounted() {
        stage.useCodec(codec, STEREO);
        arrive(10);

        assertEquals(OutputStage.NOT_HANDED, playOne());
        assertNull(stage.description());
        assertEquals(0, stage.framesPlayed() + stage.fillerFrames());
        assertEquals(List.of(), codec.decodersFor, "no sink, so no decoder either");
    }

    @Test
    void aHandOverWithNothingPreparedWritesNothing() {
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        arrive(10);
        playOne();

        assertEquals(OutputStage.NOT_HANDED, stage.handOver(), "the frame went over once");
        assertEquals(1, memory.writes.size());
    }

    @Test
    void aFramePreparedBeforeTheSinkWentAwayIsNotWritten() {
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        arrive(10);
        stage.prepare(buffer.poll(0, frame), frame);

        assertSame(memory, stage.detach());
        assertEquals(OutputStage.NOT_HANDED, stage.handOver());
        assertEquals(List.of(), memory.writes);
        assertNull(stage.detach(), "detached already");
    }

    @Test
    void withoutACodecAReceivedFramePlaysAsSilenceCountedAsFiller() {
        stage.attach(memory);
        arrive(10);

        assertEquals(OutputStage.NOT_HANDED, playOne(), "silence is no hand-over of the frame");

        assertArrayEquals(new short[FRAME * STEREO.channels()], memory.writes.get(0));
        assertEquals(1, stage.framesPlayed(), "time goes on in the recording");
        assertEquals(1, stage.fillerFrames());
    }

    @Test
    void aCodecThatGoesAwayLeavesSilenceNotTheLastFrame() {
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        arrive(10);
        arrive(11);
        playOne();

        stage.useCodec(null, STEREO);
        playOne();

        assertArrayEquals(new short[FRAME * STEREO.channels()], memory.writes.get(1));
        assertEquals(1, stage.fillerFrames());
    }

    @Test
    void anEmptyPayloadDecodesToNothingAndIsNoRefusal() {
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        buffer.insert(10, 0, FRAME, new byte[0], 0, 0, 0, 0);

        assertTrue(playOne() != OutputStage.NOT_HANDED, "decoded, if to nothing");
        assertEquals(0, stage.undecodable() + stage.fillerFrames());
    }

    @Test
    void aPayloadTheDecoderRefusesIsConcealedAndCountedUndecodable() {
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        // An odd length: no L16 payload, though the buffer takes it as a frame of 240 samples.
        byte[] odd = new byte[3];
        buffer.insert(10, 0, FRAME, odd, 0, odd.length, 0, 0);

        assertEquals(OutputStage.NOT_HANDED, playOne());

        short[] concealed = new short[FRAME * STEREO.channels()];
        Arrays.fill(concealed, CONCEALED);
        assertArrayEquals(concealed, memory.writes.get(0));
        assertEquals(1, stage.undecodable());
        assertEquals(1, stage.fillerFrames());
        assertEquals(1, stage.framesPlayed());
    }

    @Test
    void aLostFrameIsConcealedByTheDecoderAndAnUnderrunPlaysSilence() {
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        arrive(10);
        arrive(12);
        playOne();

        assertEquals(OutputStage.NOT_HANDED, playOne(), "frame 11 was lost");
        playOne();
        assertEquals(OutputStage.NOT_HANDED, playOne(), "nothing after frame 12 has come");

        short[] concealed = new short[FRAME * STEREO.channels()];
        Arrays.fill(concealed, CONCEALED);
        assertArrayEquals(concealed, memory.writes.get(1));
        assertArrayEquals(pcm(12, FRAME), memory.writes.get(2));
        assertArrayEquals(new short[FRAME * STEREO.channels()], memory.writes.get(3),
                "silence, not what the last frame left in the buffer");
        assertEquals(4, stage.framesPlayed());
        assertEquals(0, stage.fillerFrames(), "filler counts frames that arrived and still did not play");
    }

    @Test
    void oneDecoderServesEveryFrameOfOneLengthAndAnotherLengthGetsItsOwn() {
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        arrive(10);
        arrive(11);
        arrive(12, FRAME / 2);

        playOne();
        playOne();
        playOne();

        assertEquals(List.of(FRAME, FRAME / 2), codec.decodersFor);
        assertArrayEquals(pcm(12, FRAME / 2), memory.writes.get(2), "the shorter frame as it is");
    }

    @Test
    void theSameCodecAndFormatAgainKeepTheDecoderWhileAnotherFormatGetsANewOne() {
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        arrive(10);
        playOne();

        stage.useCodec(codec, STEREO);
        arrive(11);
        playOne();
        assertEquals(List.of(FRAME), codec.decodersFor);

        stage.useCodec(codec, new AudioFormat(48_000, 1));
        arrive(12);
        playOne();
        assertEquals(List.of(FRAME, FRAME), codec.decodersFor);
    }

    @Test
    void framesACodecCannotDecodePlayAsSilenceWithOneWarningPerCodec() {
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        // 1000 samples of stereo L16 are 4000 bytes, more than the fake's packet limit.
        arrive(10, 1_000);
        arrive(11, 1_000);

        playOne();
        playOne();

        assertEquals(List.of("WARN listener test: codec L16 cannot decode " + STEREO + " frames of 1000 samples "
                + "(it supports frames of at most 1460 bytes); playing silence"), log.warnings());
        assertArrayEquals(new short[1_000 * STEREO.channels()], memory.writes.get(1));
        assertEquals(2, stage.fillerFrames());
        assertEquals(List.of(), codec.decodersFor);

        stage.useCodec(new FakeL16Codec(), STEREO);
        arrive(12, 1_000);
        playOne();
        assertEquals(2, log.warnings().size(), "a new codec is told about once more");
    }

    @Test
    void aSinkThatFailsIsWarnedOfOnceAndLeftAloneUntilAnotherIsAttached() {
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        memory.failure = "disk full";
        arrive(10);
        arrive(11);

        assertEquals(OutputStage.NOT_HANDED, playOne());
        memory.failure = null;
        playOne();

        assertEquals(List.of("WARN listener test: writing to memory failed (disk full); audio is dropped until the "
                + "sink is replaced or reconfigured"), log.warnings());
        assertEquals(List.of(), memory.writes, "a failed sink is not written again");
        assertEquals(0, stage.framesPlayed());

        stage.attach(memory);
        arrive(12);
        assertTrue(playOne() != OutputStage.NOT_HANDED, "attached anew, it is written again");
        assertEquals(1, stage.framesPlayed());
    }

    @Test
    void aRenamedListenerIsNamedInItsWarnings() {
        stage.rename("kitchen");
        stage.useCodec(codec, STEREO);
        stage.attach(memory);
        memory.failure = "gone";
        arrive(10);

        playOne();

        assertTrue(log.warnings().get(0).startsWith("WARN listener kitchen: "), log.warnings().toString());
    }

    @Test
    void aSinkOnItsOwnClockGetsResampledFramesAndReportsItsDrift() {
        stage.useCodec(codec, STEREO);
        memory.queued = 480;
        stage.attach(memory);
        assertTrue(Double.isNaN(stage.sinkDriftPpm()), "nothing measured yet");
        for (int sequence = 10; sequence < 20; sequence++) {
            arrive(sequence);
            assertTrue(playOne() != OutputStage.NOT_HANDED);
        }

        assertEquals(10, memory.writes.size());
        int written = memory.writes.stream().mapToInt(values -> values.length / STEREO.channels()).sum();
        assertTrue(Math.abs(written - 10 * FRAME) <= 1, "resampled at a ratio of 1 give or take a sample: " + written);
        assertFalse(Arrays.equals(pcm(10, FRAME), memory.writes.get(0)), "the resampler's delay shows in the first");
        assertEquals(0.0, stage.sinkDriftPpm(), "a steady queue shows no drift");

        stage.detach();
        assertTrue(Double.isNaN(stage.sinkDriftPpm()), "no sink, no drift");
    }

    @Test
    void aQueueThatGrowsShowsASinkClockRunningSlow() {
        stage.useCodec(codec, STEREO);
        memory.queued = 0;
        stage.attach(memory);
        // 0.6 s to learn the working depth, then the queue grows by 1000 samples: the sink plays too slowly.
        for (int sequence = 0; sequence < 200; sequence++) {
            if (sequence == 120) {
                memory.queued = 1_000;
            }
            arrive(sequence);
            playOne();
        }

        assertTrue(stage.sinkDriftPpm() < -1, "drift " + stage.sinkDriftPpm() + " ppm");
    }

    @Test
    void aNewFormatGetsAResamplerForItsChannels() {
        stage.useCodec(codec, STEREO);
        memory.queued = 480;
        stage.attach(memory);
        for (int sequence = 0; sequence < 3; sequence++) {
            arrive(sequence, constant(1_000, FRAME * STEREO.channels()));
            playOne();
        }

        AudioFormat mono = new AudioFormat(48_000, 1);
        stage.useCodec(codec, mono);
        memory.channels = 1;
        for (int sequence = 3; sequence < 6; sequence++) {
            arrive(sequence, constant(2_000, FRAME));
            playOne();
        }

        short[] last = memory.writes.get(5);
        assertEquals(FRAME, last.length);
        for (short value : last) {
            assertWithin(2_000, value, 2, "a steady mono signal comes out steady");
        }
    }

    @Test
    void aSinkWithoutAQueueGetsTheDecodedSamplesAsTheyAre() {
        stage.useCodec(codec, STEREO);
        memory.queued = 480;
        stage.attach(memory);
        MemoryOutput file = new MemoryOutput();
        stage.attach(file);
        arrive(10);

        playOne();

        assertArrayEquals(pcm(10, FRAME), file.writes.get(0));
        assertTrue(Double.isNaN(stage.sinkDriftPpm()));
        assertEquals("memory", stage.description());
    }
}

package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.testing.FakeL16Codec;
import org.liveaudio.listener.buffer.Frame;
import org.liveaudio.listener.buffer.PlayoutStep;
import org.liveaudio.listener.latency.FrameTimes;
import org.liveaudio.listener.latency.LatencyMeter;
import org.liveaudio.listener.rtcp.WallClock;
import org.liveaudio.transport.rtp.ParseResult;
import org.liveaudio.transport.rtp.RtpHeader;
import org.liveaudio.transport.rtp.RtpPacketView;

/**
 * The wire fuzz of issue 15: a real L16 stream of a known signal, in order, with {@code wirefuzz.packets} hostile
 * datagrams between its frames (truncated, wrong version, bad CSRC/extension/padding, foreign SSRC, wrong payload
 * type, oversize undecodable payloads on the stream's own SSRC). Every datagram goes the receive thread's way:
 * the transport's {@link RtpHeader#parse}, then {@link Reception#onPacket}; the playout polls once per frame
 * period and records what it plays. Time is simulated, so the run is exact and fast; sockets are left out (the
 * transport's receive loop is those two calls).
 */
class ReceptionWireFuzzTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final int PAYLOAD_TYPE = 96;
    private static final long SSRC = 0x5EED_0001L;
    private static final int FRAMES = 2_000;
    private static final int FRAME_SAMPLES = 240;
    private static final int FRAME_BYTES = FRAME_SAMPLES * STEREO.bytesPerSample();
    private static final long PERIOD_NANOS = 5_000_000L;
    /** As large as a UDP datagram gets. */
    private static final int MAX_DATAGRAM = 65_507;

    private static final int[] WRONG_VERSIONS = {0, 1, 3};

    private enum Kind { TRUNCATED, WRONG_VERSION, HEADER_OVERRUN, FOREIGN_SSRC, WRONG_PAYLOAD_TYPE, OVERSIZE }

    private final Reception reception = new Reception(PAYLOAD_TYPE, STEREO, 20,
            new LatencyMeter((ssrc, timestamp) -> FrameTimes.NO_TIME, new WallClock(0, 0)::epochNanosAt));
    private final RtpPacketView view = new RtpPacketView();
    private final byte[] datagram = new byte[MAX_DATAGRAM];
    private final Random random = new Random(15);
    private final long[] sent = new long[Kind.values().length];
    private long transportMalformed;

    @Test
    @Timeout(300)
    void hostileDatagramsAreCountedAndTheRecordingIsBitExact() {
        reception.useCodec(new FakeL16Codec());
        long packets = Long.getLong("wirefuzz.packets", 50_000);
        ByteArrayOutputStream source = new ByteArrayOutputStream();
        ByteArrayOutputStream recording = new ByteArrayOutputStream();
        Frame frame = new Frame(FRAME_BYTES);
        long now = 1_000_000_000L;
        for (int i = 0; i < FRAMES; i++) {
            byte[] audio = signal(i);
            source.writeBytes(audio);
            deliver(streamPacket(i, audio), now);
            // Hostile datagrams spread over the frames, the first after the stream is locked.
            for (long n = packets * i / FRAMES; n < packets * (i + 1) / FRAMES; n++) {
                deliver(hostile(Kind.values()[random.nextInt(Kind.values().length)], i), now);
            }
            record(reception.poll(now, frame), frame, recording);
            now += PERIOD_NANOS;
        }
        for (int drain = 0; drain < 10; drain++, now += PERIOD_NANOS) {
            record(reception.poll(now, frame), frame, recording);
        }

        ReceptionStats stats = reception.stats();
        assertEquals(packets, sum(sent));
        assertEquals(sent[Kind.TRUNCATED.ordinal()] + sent[Kind.WRONG_VERSION.ordinal()]
                + sent[Kind.HEADER_OVERRUN.ordinal()], transportMalformed);
        assertEquals(sent[Kind.FOREIGN_SSRC.ordinal()] + sent[Kind.WRONG_PAYLOAD_TYPE.ordinal()], stats.malformed());
        assertEquals(sent[Kind.OVERSIZE.ordinal()], stats.undecodable());
        assertEquals(FRAMES, stats.received());
        assertEquals(0, stats.lost() + stats.late() + stats.concealedFrames() + stats.duplicates(), stats::toString);
        assertArrayEquals(source.toByteArray(), recording.toByteArray());
    }

    private void deliver(int length, long now) {
        if (RtpHeader.parse(datagram, 0, length, view) != ParseResult.OK) {
            transportMalformed++;
            return;
        }
        view.receivedAt(now);
        reception.onPacket(view);
    }

    private static void record(PlayoutStep step, Frame frame, ByteArrayOutputStream recording) {
        if (step == PlayoutStep.FRAME) {
            recording.write(frame.payload(), 0, frame.length());
        }
    }

    /** A deterministic signal that differs in every frame: a frame played twice or out of place shows. */
    private static byte[] signal(int frame) {
        byte[] audio = new byte[FRAME_BYTES];
        for (int i = 0; i < audio.length; i += 2) {
            int value = (int) (8_000 * Math.sin((frame * FRAME_BYTES + i) * 0.0031)) + frame;
            audio[i] = (byte) (value >> 8);
            audio[i + 1] = (byte) value;
        }
        return audio;
    }

    private int streamPacket(int frame, byte[] audio) {
        RtpHeader.encode(datagram, 0, PAYLOAD_TYPE, frame == 0, (60_000 + frame) & 0xFFFF,
                (long) frame * FRAME_SAMPLES, SSRC);
        System.arraycopy(audio, 0, datagram, RtpHeader.FIXED_LENGTH, audio.length);
        return RtpHeader.FIXED_LENGTH + audio.length;
    }

    /** Writes one hostile datagram of {@code kind} into the buffer and returns its length. */
    private int hostile(Kind kind, int frame) {
        sent[kind.ordinal()]++;
        int sequence = (60_000 + frame + random.nextInt(9) - 4) & 0xFFFF;
        long timestamp = random.nextInt() & 0xFFFF_FFFFL;
        int payloadBytes = FRAME_BYTES;
        switch (kind) {
            case TRUNCATED -> {
                RtpHeader.encode(datagram, 0, PAYLOAD_TYPE, false, sequence, timestamp, SSRC);
                return random.nextInt(RtpHeader.FIXED_LENGTH);
            }
            case WRONG_VERSION -> {
                RtpHeader.encode(datagram, 0, PAYLOAD_TYPE, false, sequence, timestamp, SSRC);
                datagram[0] = (byte) (WRONG_VERSIONS[random.nextInt(WRONG_VERSIONS.length)] << 6);
            }
            case HEADER_OVERRUN -> {
                RtpHeader.encode(datagram, 0, PAYLOAD_TYPE, false, sequence, timestamp, SSRC);
                // 15 CSRCs in a 16-byte datagram, or an extension of 65535 words: both run past the end.
                datagram[0] = (byte) (random.nextBoolean() ? 0x8F : 0x90);
                datagram[14] = (byte) 0xFF;
                datagram[15] = (byte) 0xFF;
                return RtpHeader.FIXED_LENGTH + 4;
            }
            case FOREIGN_SSRC -> RtpHeader.encode(datagram, 0, PAYLOAD_TYPE, false, sequence, timestamp,
                    random.nextInt() & 0xFFFF_FFFFL ^ SSRC | 1);
            case WRONG_PAYLOAD_TYPE -> RtpHeader.encode(datagram, 0, PAYLOAD_TYPE + 1 + random.nextInt(31), false,
                    sequence, timestamp, SSRC);
            case OVERSIZE -> {
                RtpHeader.encode(datagram, 0, PAYLOAD_TYPE, false, sequence, timestamp, SSRC);
                // Not a whole number of stereo samples: the stream's own SSRC, but no frame of it.
                payloadBytes = FakeL16Codec.MAX_PAYLOAD_BYTES + 1 + 4 * random.nextInt(16_000) + 1;
            }
        }
        return RtpHeader.FIXED_LENGTH + payloadBytes;
    }

    private static long sum(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}

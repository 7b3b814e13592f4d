package org.liveaudio.listener.engine;

import org.liveaudio.api.testing.FakeL16Codec;
import org.liveaudio.api.testing.RecordingLogger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.RtpPacket;
import org.liveaudio.api.stream.LatencyStats;
import org.liveaudio.listener.buffer.Frame;
import org.liveaudio.listener.buffer.PlayoutStep;
import org.liveaudio.listener.latency.LatencyMeter;
import org.liveaudio.listener.rtcp.WallClock;
import org.liveaudio.listener.sync.PlayoutSync;

class SteadyStateAllocationTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final int PACKETS = 20_000;
    private static final long SSRC = 42;
    private static final long EPOCH_AT_ZERO = 1_795_536_000_000_000_000L;

    /** One packet view reused for every packet, as a transport does. */
    private static final class ReusedPacket implements RtpPacket {
        final byte[] buffer = new byte[12 + 960];
        int sequence;
        long timestamp;
        long receivedNanos;

        @Override
        public int payloadType() {
            return 96;
        }

        @Override
        public boolean marker() {
            return false;
        }

        @Override
        public int sequence() {
            return sequence;
        }

        @Override
        public long timestamp() {
            return timestamp;
        }

        @Override
        public long ssrc() {
            return SSRC;
        }

        @Override
        public byte[] buffer() {
            return buffer;
        }

        @Override
        public int payloadOffset() {
            return 12;
        }

        @Override
        public int payloadLength() {
            return 960;
        }

        @Override
        public long receivedNanos() {
            return receivedNanos;
        }
    }

    private static final class DiscardingOutput implements AudioOutput {
        @Override
        public String description() {
            return "discard";
        }

        @Override
        public void write(short[] pcm, int samples) {
        }

        @Override
        public long samplesWritten() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void receivingPlayingAndMeasuringLatencyAllocateNothingPerPacket() {
        WallClock wall = new WallClock(EPOCH_AT_ZERO, 0);
        PlayoutSync sync = new PlayoutSync(wall, STEREO.sampleRate());
        // The sender's clock put timestamp 0 at the epoch instant this listener's nanoTime 0 reads as.
        sync.senderReport(SSRC, NtpTime.fromEpochNanos(EPOCH_AT_ZERO), 0);
        LatencyMeter latency = new LatencyMeter(sync::senderEpochNanos, wall::epochNanosAt);
        Reception reception = new Reception(96, STEREO, 20, latency);
        reception.useCodec(new FakeL16Codec());
        OutputStage output = new OutputStage("test", STEREO, new RecordingLogger().logger());
        output.useCodec(new FakeL16Codec(), STEREO);
        output.attach(new DiscardingOutput());
        ReusedPacket packet = new ReusedPacket();
        Frame frame = new Frame(0);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        stream(reception, output, latency, packet, frame, 0, PACKETS);
        long before = threads.getCurrentThreadAllocatedBytes();
        stream(reception, output, latency, packet, frame, PACKETS, PACKETS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(allocated < PACKETS / 2, allocated + " bytes allocated for " + PACKETS + " packets");
        LatencyStats stats = latency.stats();
        assertEquals(2 * PACKETS, stats.samples(), "every packet's receive latency was recorded");
        assertEquals(2.0, stats.receiveMaxMillis(), 1e-5);
        assertTrue(stats.playoutMaxMillis() > 0, "played frames' latency was recorded");
    }

    /** Packet i is sent at i * 5 ms on the sender's clock and arrives 2 ms later. */
    private static void stream(Reception reception, OutputStage output, LatencyMeter latency, ReusedPacket packet,
            Frame frame, int first, int count) {
        for (int i = first; i < first + count; i++) {
            packet.sequence = i & 0xFFFF;
            packet.timestamp = (i * 240L) & 0xFFFF_FFFFL;
            packet.receivedNanos = i * 5_000_000L + 2_000_000L;
            reception.onPacket(packet);
            if (reception.poll(packet.receivedNanos, frame) == PlayoutStep.FRAME) {
                output.prepare(PlayoutStep.FRAME, frame);
                latency.handed(frame.senderNanos(), output.handOver());
            }
        }
    }
}

package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.testing.FakeL16Codec;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.common.service.ServiceChoice;
import org.liveaudio.listener.latency.LatencyMeter;
import org.liveaudio.listener.rtcp.FakeRtcpChannel;
import org.liveaudio.listener.rtcp.RtcpSession;
import org.liveaudio.listener.rtcp.SenderReports;
import org.liveaudio.listener.rtcp.WallClock;
import org.liveaudio.listener.sync.PlayoutSync;
import org.osgi.framework.Constants;

/** The codec a listener's settings name: who learns its clock rate and bandwidth, and what is said meanwhile. */
class CodecHolderTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final long STREAM = 0x1234L;
    /** 48 kHz stereo L16: 48000 samples of 4 bytes a second. */
    private static final long L16_BITS_PER_SECOND = 1_536_000;

    private final RecordingLogger log = new RecordingLogger();
    private final ServiceChoice<AudioCodec> codecs = new ServiceChoice<>();
    private final PlayoutSync sync = new PlayoutSync(new WallClock(0, 0), STEREO.sampleRate());
    private final Reception reception = new Reception(96, STEREO, 20,
            new LatencyMeter(sync::senderEpochNanos, sync::senderEpochNanosAt));
    private final OutputStage output = new OutputStage("demo", STEREO, log.logger());
    private final RtcpSession session = new RtcpSession("demo", 1, reception, new SenderReports(), sync, 0,
            () -> 0, log.logger());
    /** When the holder asked to reconcile again, in nanoseconds from then. */
    private final List<Long> reconcilesAsked = new ArrayList<>();
    private final CodecHolder holder = new CodecHolder(codecs, reception, output, sync, session, log.logger(),
            reconcilesAsked::add);
    private final ListenerSettings settings;
    private long serviceIds = 10;

    CodecHolderTest() throws InvalidSettingException {
        settings = ListenerSettings.read(Map.of(ListenerSettings.NAME, "demo"));
    }

    /** A codec named {@code name} that reads every payload as {@code samples} samples, on a clock of its own. */
    private static FakeL16Codec codec(String name, int samples, int clockRate, long bitsPerSecond) {
        return new FakeL16Codec() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int samplesIn(AudioFormat format, byte[] payload, int offset, int length) {
                return samples;
            }

            @Override
            public int clockRate(AudioFormat format) {
                return clockRate;
            }

            @Override
            public long nominalBitsPerSecond(AudioFormat format) {
                return bitsPerSecond;
            }
        };
    }

    private void bind(AudioCodec codec) {
        codecs.add(codec, codec.name(), Map.of(Constants.SERVICE_ID, serviceIds++));
    }

    /** How many of the stream's timestamp units make one second on the sender's clock, as the sync counts them. */
    private long unitsPerSecond() {
        sync.senderReport(STREAM, 1L << 32, 0);
        long second = sync.senderEpochNanos(STREAM, 0) + 1_000_000_000L;
        for (long units : new long[] {STEREO.sampleRate(), 90_000}) {
            if (sync.senderEpochNanos(STREAM, units) == second) {
                return units;
            }
        }
        return -1;
    }

    private long reportedBitsPerSecond() {
        FakeRtcpChannel channel = new FakeRtcpChannel(settings.endpoint(), session, "rtcp");
        session.nextReportDelayNanos(channel, false);
        return channel.delayRequests.get(0).sessionBitsPerSecond();
    }

    @Test
    void aMissingCodecIsSaidOnceAndSoIsItsReturn() {
        bind(codec("opus", 480, 48_000, 64_000));

        holder.reconcile(settings);
        holder.reconcile(settings);
        bind(new FakeL16Codec());
        holder.reconcile(settings);
        holder.reconcile(settings);

        assertEquals(List.of(
                "listener demo: no L16 codec registered (there are: opus); frames play as silence until one is",
                "listener demo: L16 codec registered; decoding again"), log.at("info"));
    }

    @Test
    void theCodecInUseGoingIsKeptUntilAnotherComesAndAskedAboutAgainAfterASecond() {
        FakeL16Codec departing = codec("L16", 240, 48_000, 99_000);
        bind(departing);
        holder.reconcile(settings);

        codecs.remove(departing);
        holder.reconcile(settings);

        assertEquals(List.of(), log.at("info"), "not said to be missing while its bundle comes back");
        assertEquals(List.of(Departed.NANOS), reconcilesAsked);
        assertEquals(99_000, reportedBitsPerSecond(), "still the departing codec's stream, not uncompressed PCM");
    }

    @Test
    void withoutACodecTheStreamIsTimedAndReportedAsUncompressedPcm() {
        holder.reconcile(settings);

        assertEquals(STEREO.sampleRate(), unitsPerSecond());
        assertEquals(L16_BITS_PER_SECOND, reportedBitsPerSecond());
        assertEquals(L16_BITS_PER_SECOND, CodecHolder.bitsPerSecond(STEREO, null));
    }

    @Test
    void theCodecsClockRateTimesTheStreamAndItsBandwidthScalesTheReports() {
        bind(codec("L16", 240, 90_000, 64_000));

        holder.reconcile(settings);

        assertEquals(90_000, unitsPerSecond());
        assertEquals(64_000, reportedBitsPerSecond());
    }

    @Test
    void anUndecodablePayloadNamesTheRegisteredCodecThatReadsItAsItsTimestampStep() {
        bind(new FakeL16Codec());
        bind(codec("opus", 480, 48_000, 64_000));
        bind(codec("PCMU", 960, 8_000, 64_000));

        holder.undecodable(settings, STREAM, new byte[160], 0, 160, 480);
        holder.undecodable(settings, STREAM, new byte[160], 0, 160, -1);

        String opus = "WARN listener demo: the payloads of stream 0x00001234 do not decode as L16/48000/2 PT 96, which "
                + "this listener expects; they look like opus. They are counted as undecodable and concealed.";
        String either = opus.replace("like opus", "like PCMU or opus");
        assertEquals(List.of(opus, either), log.warnings(), "with the step unknown, any codec that reads it");
    }

    @Test
    void aCodecThatReadsNoSamplesOrAnotherStepIsNoMatch() {
        bind(codec("opus", 0, 48_000, 64_000));
        bind(codec("PCMU", 960, 8_000, 64_000));

        holder.undecodable(settings, STREAM, new byte[160], 0, 160, 480);
        holder.undecodable(settings, STREAM, new byte[160], 0, 160, 0);

        String none = "WARN listener demo: the payloads of stream 0x00001234 do not decode as L16/48000/2 PT 96, which "
                + "this listener expects; no codec registered here reads them. They are counted as undecodable and "
                + "concealed.";
        assertEquals(List.of(none, none), log.warnings());
    }

    @Test
    void aMonoStreamToAStereoListenerIsToldAsTheChannelCountThatFits() {
        bind(new FakeL16Codec());

        // 440 bytes of L16: 110 stereo samples, where the timestamps step by 220, as mono would have it.
        holder.undecodable(settings, STREAM, new byte[440], 0, 440, 220);

        assertEquals(List.of("WARN listener demo: the payloads of stream 0x00001234 do not decode as L16/48000/2 PT "
                + "96, which this listener expects; they read as L16 with 1 channel (the RTP timestamps step by 220 a "
                + "packet): the sender's format differs from sampleRate/channels here; its SDP says which, and "
                + "stream=NAME takes it from SAP. They are counted as undecodable and concealed."), log.warnings());
    }
}

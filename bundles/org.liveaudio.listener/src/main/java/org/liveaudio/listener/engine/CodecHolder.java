package org.liveaudio.listener.engine;

import java.util.function.LongConsumer;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.common.service.ServiceChoice;
import org.liveaudio.listener.rtcp.RtcpSession;
import org.liveaudio.listener.sync.PlayoutSync;
import org.osgi.service.log.Logger;

/**
 * The codec the listener's settings name, from the best of that name bound. Everything that depends on the
 * payload format learns it from here: the reception measures payloads with it and runs on its clock rate, the
 * output stage decodes and conceals with it, the playout plan counts its clock, RTCP takes its share of its
 * bandwidth. When the codec in use is unregistered (its bundle updated or restarted), the listener goes on decoding
 * with it, which still works, until another of the name comes ({@link Departed}), for a second at most. While
 * none is bound after that, frames play as silence and keep the length of the last; those that were in the buffer
 * then are decoded first, while the departed codec can still do it, and play as themselves.
 */
final class CodecHolder implements Dependency {
    private final ServiceChoice<AudioCodec> codecs;
    private final Reception reception;
    private final OutputStage output;
    private final PlayoutSync sync;
    private final RtcpSession session;
    private final Logger log;
    private final Departed departed;
    private boolean missing;
    /** The codec decoding now, and the format it decodes. */
    private AudioCodec inUse;
    private AudioFormat inUseFormat;

    /** @param reconcileAfter has this holder reconciled again once the given nanoseconds have passed */
    CodecHolder(ServiceChoice<AudioCodec> codecs, Reception reception, OutputStage output, PlayoutSync sync,
            RtcpSession session, Logger log, LongConsumer reconcileAfter) {
        this.codecs = codecs;
        this.reception = reception;
        this.output = output;
        this.sync = sync;
        this.session = session;
        this.log = log;
        this.departed = new Departed(reconcileAfter);
    }

    @Override
    public void reconcile(ListenerSettings settings) {
        AudioCodec wanted = codecs.best(settings.codec());
        if (wanted == null && inUse != null && settings.format().equals(inUseFormat) && departed.stillServes()) {
            return;
        }
        departed.clear();
        inUse = wanted;
        inUseFormat = settings.format();
        if (wanted == null && !missing) {
            missing = true;
            log.info("listener {}: no {} codec registered (there are: {}); frames play as silence until one is",
                    settings.name(), settings.codec(), codecs.names());
        } else if (wanted != null && missing) {
            missing = false;
            log.info("listener {}: {} codec registered; decoding again", settings.name(), settings.codec());
        }
        AudioFormat format = settings.format();
        if (wanted == null) {
            output.decodeAhead(reception);
        }
        output.useCodec(wanted, format);
        reception.useCodec(wanted);
        sync.useClockRate(wanted == null ? format.sampleRate() : wanted.clockRate(format));
        session.sessionBitsPerSecond(bitsPerSecond(format, wanted));
    }

    /** The stream's bandwidth, for the RTCP interval: the codec's nominal rate, uncompressed PCM's without one. */
    static long bitsPerSecond(AudioFormat format, AudioCodec codec) {
        return codec == null ? (long) format.sampleRate() * format.bytesPerSample() * Byte.SIZE
                : codec.nominalBitsPerSecond(format);
    }

    /**
     * The first payload of a stream that the expected codec cannot read: one line saying which registered codec it
     * looks like (one that reads it as exactly the samples its timestamps step by), so that a user sees at once
     * which setting to change. On the receive thread.
     */
    void undecodable(ListenerSettings settings, long stream, byte[] payload, int offset, int length,
            long timestampStep) {
        String looksLike = codecs.recognizing(settings.codec(), codec -> {
            int samples = codec.samplesIn(settings.format(), payload, offset, length);
            return samples > 0 && (timestampStep < 0 || samples == timestampStep);
        });
        int channels = channelsFitting(settings, payload, offset, length, timestampStep);
        String hint = channels > 0 ? "they read as " + settings.codec() + " with " + channels + " channel"
                + (channels == 1 ? "" : "s") + " (the RTP timestamps step by " + timestampStep + " a packet): the "
                + "sender's format differs from sampleRate/channels here; its SDP says which, and stream=NAME takes "
                + "it from SAP"
                : looksLike.isEmpty() ? "no codec registered here reads them" : "they look like " + looksLike;
        log.warn("listener {}: the payloads of stream 0x{} do not decode as {}, which this listener expects; {}. "
                + "They are counted as undecodable and concealed.", settings.name(), String.format("%08x", stream),
                settings.payloadDescription(), hint);
    }

    /**
     * Another channel count at which the expected codec reads the payload as exactly the samples the timestamps step
     * by, or 0: the commonest mismatch, a mono sender to a stereo listener (or the reverse), which would otherwise
     * play at the wrong speed.
     */
    private int channelsFitting(ListenerSettings settings, byte[] payload, int offset, int length,
            long timestampStep) {
        AudioCodec expected = codecs.best(settings.codec());
        if (expected == null || timestampStep <= 0) {
            return 0;
        }
        for (int channels = AudioFormat.MIN_CHANNELS; channels <= AudioFormat.MAX_CHANNELS; channels++) {
            if (channels != settings.format().channels() && expected.samplesIn(new AudioFormat(
                    settings.format().sampleRate(), channels), payload, offset, length) == timestampStep) {
                return channels;
            }
        }
        return 0;
    }

    /** Nothing to release: the decoder lives in the output stage, which stops with the playout. */
    @Override
    public void close() {
    }
}

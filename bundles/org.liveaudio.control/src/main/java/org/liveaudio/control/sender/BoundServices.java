package org.liveaudio.control.sender;

import java.util.Arrays;
import java.util.Map;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.audio.AudioTap;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.common.service.ServiceChoice;

/**
 * The sources, codecs, transport and taps bound to the sender now, kept as SCR binds and unbinds them; of several with
 * one name, the listener's rule picks ({@link ServiceChoice}).
 */
final class BoundServices implements StreamServices {
    private final ServiceChoice<AudioSource> sources = new ServiceChoice<>();
    private final ServiceChoice<AudioCodec> codecs = new ServiceChoice<>();
    private volatile StreamTransport transport;
    /** Copied on every change, so that the clock thread walks it without a lock or an iterator. */
    private volatile AudioTap[] taps = {};

    void addSource(String type, AudioSource source, Map<String, ?> properties) {
        sources.add(source, type, properties);
    }

    void removeSource(AudioSource source) {
        sources.remove(source);
    }

    void addCodec(String name, AudioCodec codec, Map<String, ?> properties) {
        codecs.add(codec, name, properties);
    }

    void removeCodec(AudioCodec codec) {
        codecs.remove(codec);
    }

    /** A greedy optional reference binds the better transport before it unbinds the one in use. */
    synchronized void setTransport(StreamTransport transport) {
        this.transport = transport;
    }

    synchronized void removeTransport(StreamTransport departing) {
        if (transport == departing) {
            transport = null;
        }
    }

    synchronized void addTap(AudioTap tap) {
        AudioTap[] more = Arrays.copyOf(taps, taps.length + 1);
        more[taps.length] = tap;
        taps = more;
    }

    synchronized void removeTap(AudioTap tap) {
        taps = Arrays.stream(taps).filter(bound -> bound != tap).toArray(AudioTap[]::new);
    }

    @Override
    public AudioTap[] taps() {
        return taps;
    }

    @Override
    public AudioSource source(String type) {
        return sources.best(type);
    }

    @Override
    public AudioCodec codec(String name) {
        return codecs.best(name);
    }

    @Override
    public StreamTransport transport() {
        return transport;
    }

    @Override
    public String sourceTypes() {
        return sources.names();
    }

    @Override
    public String codecNames() {
        return codecs.names();
    }
}

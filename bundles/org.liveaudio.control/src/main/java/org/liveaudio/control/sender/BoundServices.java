package org.liveaudio.control.sender;

import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.net.StreamTransport;

/** The sources, codecs and transport bound to the sender now, kept as SCR binds and unbinds them. */
final class BoundServices implements StreamServices {
    private final ServiceCatalog<AudioSource> sources = new ServiceCatalog<>();
    private final ServiceCatalog<AudioCodec> codecs = new ServiceCatalog<>();
    private volatile StreamTransport transport;

    void addSource(String type, AudioSource source) {
        sources.add(type, source);
    }

    void removeSource(AudioSource source) {
        sources.remove(source);
    }

    void addCodec(String name, AudioCodec codec) {
        codecs.add(name, codec);
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

    @Override
    public AudioSource source(String type) {
        return sources.find(type);
    }

    @Override
    public AudioCodec codec(String name) {
        return codecs.find(name);
    }

    @Override
    public StreamTransport transport() {
        return transport;
    }

    @Override
    public String sourceTypes() {
        return sources.keys();
    }

    @Override
    public String codecNames() {
        return codecs.keys();
    }
}

package org.liveaudio.source.rtp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.MulticastSocket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.common.sdp.RtpAudioSession;
import org.liveaudio.source.pcm.SampleRing;
import org.osgi.service.log.Logger;

/**
 * The relay's two sides: a thread of its own receives the stream's RTP packets and puts their samples in the ring
 * (in arrival order; older or repeated sequence numbers are dropped, a full ring drops the packet); the sender's
 * clock takes a frame at a time. It starts taking once {@value #PREBUFFER_MILLIS} ms are there, and again so
 * after the ring ran dry (the missing part of that frame is silence), so that a sender's bursts and a moment's
 * jitter do not cut holes into the audio: the relay adds that much delay. An SDP names no interface: the group is
 * joined on the interface that has the SDP's origin address when that is this host's (ffmpeg and GStreamer on
 * this host write 127.0.0.1: loopback), else on the one the system routes the group to.
 */
final class RtpRelayInput implements AudioInput, Runnable {
    static final String THREAD_NAME = "liveaudio-source-rtp";
    /** Long enough for a sender's bursts (ffmpeg -re releases 46 ms at once), short enough not to add much delay. */
    private static final int BUFFER_MILLIS = 250;
    static final int PREBUFFER_MILLIS = 60;
    private static final int RECEIVE_TIMEOUT_MILLIS = 500;
    private static final int MAX_DATAGRAM = 65_536;
    private static final int RTP_HEADER_BYTES = 12;
    private static final long JOIN_MILLIS = 2_000;

    private final RtpAudioSession session;
    private final int bytesPerValue;
    private final SampleRing ring;
    private final int channels;
    private final int prebufferValues;
    private long position;
    private boolean primed;
    private final MulticastSocket socket;
    private final Logger log;
    private final Thread thread;
    private final byte[] littleEndian = new byte[MAX_DATAGRAM];
    private volatile boolean running = true;
    private volatile boolean receiving;
    private int lastSequence = -1;
    private long dropped;

    private RtpRelayInput(RtpAudioSession session, int bytesPerValue, AudioFormat format, long startSample,
            MulticastSocket socket, Logger log) {
        this.session = session;
        this.bytesPerValue = bytesPerValue;
        this.channels = format.channels();
        this.ring = new SampleRing(format.sampleRate() * BUFFER_MILLIS / 1000 * channels);
        this.prebufferValues = format.sampleRate() * PREBUFFER_MILLIS / 1000 * channels;
        this.position = startSample;
        this.socket = socket;
        this.log = log;
        this.thread = new Thread(this, THREAD_NAME);
        thread.setDaemon(true);
    }

    static RtpRelayInput start(RtpAudioSession session, int bytesPerValue, AudioFormat format, long startSample,
            Logger log) throws IOException {
        MulticastSocket socket = new MulticastSocket(null);
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(session.port()));
            socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
            socket.joinGroup(new InetSocketAddress(session.group(), 0), originInterface(session));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw new IOException("rtp: cannot receive " + session.group().getHostAddress() + ":" + session.port()
                    + ": " + e.getMessage(), e);
        }
        RtpRelayInput input = new RtpRelayInput(session, bytesPerValue, format, startSample, socket, log);
        input.thread.start();
        return input;
    }

    /** The interface of this host that has the SDP's origin address, or {@code null} for the system's choice. */
    private static NetworkInterface originInterface(RtpAudioSession session) throws SocketException {
        String address = session.origin().address();
        // Literals only: a host name would mean a DNS lookup.
        if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}") && address.indexOf(':') < 0) {
            return null;
        }
        try {
            return NetworkInterface.getByInetAddress(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public void run() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (running) {
            try {
                datagram.setLength(buffer.length);
                socket.receive(datagram);
                file(buffer, datagram.getLength());
            } catch (SocketTimeoutException e) {
                receiving = false;
            } catch (IOException e) {
                if (running) {
                    log.warn("rtp: receiving {} failed: {}; the relay plays silence", where(), e.getMessage());
                    running = false;
                }
            }
        }
    }

    /** One RTP packet: its payload's samples into the ring, as 16-bit values (of L24 the upper 16 bits). */
    private void file(byte[] packet, int length) {
        if (length < RTP_HEADER_BYTES || (packet[0] & 0xC0) != 0x80 || (packet[1] & 0x7F) != session.payloadType()) {
            return;
        }
        int sequence = (packet[2] & 0xFF) << 8 | packet[3] & 0xFF;
        if (lastSequence >= 0 && ((sequence - lastSequence) & 0xFFFF) >= 0x8000 || sequence == lastSequence) {
            return;
        }
        lastSequence = sequence;
        int offset = RTP_HEADER_BYTES + (packet[0] & 0x0F) * 4;
        if ((packet[0] & 0x10) != 0 && offset + 4 <= length) {
            offset += 4 + ((packet[offset + 2] & 0xFF) << 8 | packet[offset + 3] & 0xFF) * 4;
        }
        int end = (packet[0] & 0x20) != 0 && length > offset ? length - (packet[length - 1] & 0xFF) : length;
        int bytesPerSample = bytesPerValue * session.channels();
        if (end <= offset || (end - offset) % bytesPerSample != 0) {
            return;
        }
        int values = (end - offset) / bytesPerValue;
        if (values > ring.free()) {
            dropped++;
            return;
        }
        for (int i = 0, at = offset; i < values; i++, at += bytesPerValue) {
            littleEndian[2 * i] = packet[at + 1];
            littleEndian[2 * i + 1] = packet[at];
        }
        ring.putLittleEndian(littleEndian, 0, values);
        receiving = true;
    }

    private String where() {
        return session.group().getHostAddress() + ":" + session.port();
    }

    @Override
    public String description() {
        return "rtp relay of \"" + session.name() + "\" (" + where() + " " + session.format() + ")"
                + (receiving ? "" : ": waiting for packets");
    }

    @Override
    public int read(short[] pcm, int samples) {
        int values = samples * channels;
        position += samples;
        int taken = 0;
        if (primed || ring.available() >= prebufferValues) {
            taken = ring.take(pcm, values);
            primed = taken == values;
        }
        Arrays.fill(pcm, taken, values, (short) 0);
        return taken / channels;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {
        running = false;
        socket.close();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dropped > 0) {
            log.info("rtp: the relay of {} dropped {} packets that found its buffer full", where(), dropped);
        }
    }
}

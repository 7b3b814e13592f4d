package org.liveaudio.transport.multicast;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;
import org.liveaudio.transport.rtcp.Bye;
import org.liveaudio.transport.rtcp.MalformedRtcpException;
import org.liveaudio.transport.rtcp.ReportInterval;
import org.liveaudio.transport.rtcp.RtcpCompound;
import org.liveaudio.transport.rtcp.RtcpReader;
import org.liveaudio.transport.rtcp.RtcpWriter;
import org.liveaudio.transport.srtp.ProtectionWatch;
import org.liveaudio.transport.srtp.RtcpProtection;
import org.liveaudio.transport.srtp.RtcpUnprotection;
import org.liveaudio.transport.srtp.SrtcpShape;
import org.liveaudio.transport.srtp.Verdict;
import org.osgi.service.log.Logger;

/**
 * RTCP on the group at {@code port + 1} over one channel: any thread sends (one at a time), and a thread of its
 * own receives every compound packet on the group, this channel's own included, and hands its parts to the
 * handler: reports with the CNAME of their source, then SDES notes, then time requests, then BYEs. Closing the
 * channel is what wakes the thread. The time exchange has a second channel of this one's alone, opened with the first
 * request or answer: requests leave from it (the first to the group, later ones to the sender's own), answers
 * leave from it to the asker's own, and its thread hands over what comes to it, on the sender's side the
 * requests, on the listener's the answers. Neither wakes every RTCP thread on the group, nor waits behind the
 * group's reports. A protected channel sends everything as SRTCP and hands over only what authenticates and is
 * no replay, on both channels.
 */
final class MulticastRtcpChannel implements RtcpChannel {
    private static final long NO_SSRC = -1;

    private final MulticastEndpoint endpoint;
    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final RtcpHandler handler;
    private final Logger log;
    private final Consumer<? super MulticastRtcpChannel> onClose;
    private final ReportInterval interval = new ReportInterval(new Random());
    private final ByteBuffer datagram = ByteBuffer.allocate(MulticastRtpReceiver.BUFFER_BYTES);
    private final ReceiveThread receiving;
    private final String threadName;
    /** All three null for an unprotected channel; the protection is used under the send lock. */
    private final RtcpProtection protection;
    private final RtcpUnprotection unprotection;
    private final ProtectionWatch watch;
    /** Told once, by a channel without a key, that the stream on its group is protected. */
    private final Consumer<MulticastEndpoint> onProtectedStream;
    private boolean protectedStreamTold;
    /** Opened with the first time request, under the send lock; read by close. */
    private volatile TimeExchange exchange;
    private boolean closed;

    /** The channel time requests leave from and their answers come back to, its receive thread and buffer. */
    private record TimeExchange(DatagramChannel channel, ReceiveThread receiving, ByteBuffer answers) {
    }

    /** The SSRC this channel last sent for, to tell its own packets coming back from the group. */
    private volatile long ownSsrc = NO_SSRC;
    // Written only by the receive thread, read by any: volatile suffices, no read-modify-write race.
    private volatile long datagrams;
    private volatile long malformed;
    /** Written only by the time exchange's receive thread. */
    private volatile long malformedAnswers;
    private volatile long handlerFailures;

    /** @param key the SRTCP key, or null for plain RTCP */
    MulticastRtcpChannel(MulticastEndpoint endpoint, DatagramChannel channel, StreamKey key, RtcpHandler handler,
            String threadName, Logger log, Consumer<? super MulticastRtcpChannel> onClose,
            Consumer<MulticastEndpoint> onProtectedStream) {
        this.endpoint = endpoint;
        this.onProtectedStream = onProtectedStream;
        this.protection = key == null ? null : new RtcpProtection(key, System::currentTimeMillis);
        this.unprotection = key == null ? null : new RtcpUnprotection(key);
        this.watch = key == null ? null : new ProtectionWatch(log, this + " (thread " + threadName + ")", key);
        this.channel = channel;
        this.target = MulticastChannels.rtcpAddress(endpoint);
        this.handler = handler;
        this.log = log;
        this.onClose = onClose;
        this.threadName = threadName;
        this.receiving = new ReceiveThread(channel, threadName, this::receiveUntilClosed, log, this);
    }

    void start() {
        receiving.start();
    }

    /** @throws ClosedChannelException once closed, also by the transport going away */
    @Override
    public void sendSenderReport(SenderReport report, String cname) throws IOException {
        send(report.ssrc(), RtcpWriter.senderReport(report, cname));
    }

    @Override
    public void sendSenderReport(SenderReport report, String cname, String note) throws IOException {
        send(report.ssrc(), RtcpWriter.senderReport(report, cname, note));
    }

    @Override
    public void sendReceiverReport(ReceiverReport report, String cname) throws IOException {
        send(report.ssrc(), RtcpWriter.receiverReport(report, cname));
    }

    @Override
    public void sendBye(long ssrc, String cname, String reason) throws IOException {
        send(ssrc, RtcpWriter.bye(ssrc, cname, reason));
    }

    @Override
    public synchronized void sendTimeRequest(TimeRequest request, String cname, InetSocketAddress sender)
            throws IOException {
        byte[] compound = RtcpWriter.timeRequest(request, cname);
        ownSsrc = request.ssrc();
        exchange().channel().send(wire(compound), sender == null ? target : sender);
        if (sender == null) {
            interval.packet(compound.length);
        }
    }

    @Override
    public synchronized void sendTimeResponse(TimeResponse response, String cname, InetSocketAddress requester)
            throws IOException {
        exchange().channel().send(wire(RtcpWriter.timeResponse(response, cname)), requester);
    }

    private TimeExchange exchange() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        TimeExchange open = exchange;
        if (open == null) {
            DatagramChannel own = MulticastChannels.forTimeExchange(endpoint);
            open = new TimeExchange(own, new ReceiveThread(own, threadName + "-time", this::receiveTimeExchange, log,
                    this),
                    ByteBuffer.allocate(MulticastRtpReceiver.BUFFER_BYTES));
            exchange = open;
            open.receiving().start();
        }
        return open;
    }

    /** The time exchange's receive thread: hands over the requests to this channel alone and the answers. */
    private void receiveTimeExchange() {
        TimeExchange open = exchange;
        ByteBuffer answers = open.answers();
        InetSocketAddress from;
        while ((from = (InetSocketAddress) open.receiving().receive(answers)) != null) {
            long receivedNanos = System.nanoTime();
            int length = plainLength(answers, receivedNanos);
            if (length < 0) {
                continue;
            }
            RtcpCompound compound;
            try {
                compound = RtcpReader.parse(answers.array(), 0, length);
            } catch (MalformedRtcpException e) {
                malformedAnswers++;
                continue;
            }
            authenticated(receivedNanos);
            InetSocketAddress peer = from;
            for (TimeRequest request : compound.timeRequests()) {
                guarded(() -> handler.onTimeRequest(request, peer, receivedNanos));
            }
            for (TimeResponse response : compound.timeResponses()) {
                guarded(() -> handler.onTimeResponse(response, peer, receivedNanos));
            }
        }
    }

    /** Synchronized because the sender's clock and a listener's report timer may send at the same moment. */
    private synchronized void send(long ssrc, byte[] compound) throws IOException {
        ownSsrc = ssrc;
        channel.send(wire(compound), target);
        interval.packet(compound.length);
    }

    /** The compound as it goes on the wire: as it is, or as SRTCP. Under the send lock. */
    private ByteBuffer wire(byte[] compound) {
        if (protection == null) {
            return ByteBuffer.wrap(compound);
        }
        byte[] packet = Arrays.copyOf(compound, compound.length + RtcpProtection.MAX_OVERHEAD);
        return ByteBuffer.wrap(packet, 0, protection.protect(packet, compound.length));
    }

    /**
     * The plain compound's length in {@code buffer}, or -1 for a datagram dropped (and counted). One that
     * authenticated is told to the watch by the caller, once it knows whether it is this channel's own coming back.
     */
    private int plainLength(ByteBuffer buffer, long receivedNanos) {
        if (unprotection == null) {
            return buffer.position();
        }
        int length = unprotection.unprotect(buffer.array(), buffer.position());
        if (length == Verdict.MALFORMED) {
            return 0; // which the reader refuses, and the caller counts as malformed

        } else if (length < 0) {
            watch.dropped(length, receivedNanos);
            return -1;
        }
        return length;
    }

    /** Says once, in a channel without a key, that what it cannot read is SRTCP: the stream here is protected. */
    private void noticeProtection(int length) {
        if (protection != null || protectedStreamTold || !SrtcpShape.looksProtected(datagram.array(), length)) {
            return;
        }
        protectedStreamTold = true;
        // Receivers refuse before the line is written, so whoever reads it knows no ciphertext goes on to play.
        onProtectedStream.accept(endpoint);
        log.warn("{}: the stream on this group is protected (SRTP/SRTCP) and no key was given here: receivers "
                + "without a key drop its packets and play nothing; give them the sender's keyFile", this);
    }

    private void authenticated(long receivedNanos) {
        if (watch != null) {
            watch.accepted(receivedNanos);
        }
    }

    @Override
    public long nextReportDelayNanos(int members, int senders, boolean weSent, long sessionBitsPerSecond,
            boolean initial) {
        return interval.nextDelayNanos(members, senders, weSent, sessionBitsPerSecond, initial);
    }

    private void receiveUntilClosed() {
        InetSocketAddress from;
        while ((from = (InetSocketAddress) receiving.receive(datagram)) != null) {
            long receivedNanos = System.nanoTime();
            datagrams++;
            int length = plainLength(datagram, receivedNanos);
            if (length < 0) {
                continue;
            }
            RtcpCompound compound;
            try {
                compound = RtcpReader.parse(datagram.array(), 0, length);
            } catch (MalformedRtcpException e) {
                malformed++;
                noticeProtection(length);
                continue;
            }
            if (!isOwn(compound)) {
                // Our own packets were averaged when sent (RFC 3550 section 6.3.3 counts each packet once).
                interval.packet(datagram.position());
                authenticated(receivedNanos);
            }
            deliver(compound, from, receivedNanos);
        }
    }

    private boolean isOwn(RtcpCompound compound) {
        long own = ownSsrc;
        return compound.senderReports().stream().anyMatch(report -> report.ssrc() == own)
                || compound.receiverReports().stream().anyMatch(report -> report.ssrc() == own);
    }

    private void deliver(RtcpCompound compound, InetSocketAddress from, long receivedNanos) {
        for (SenderReport report : compound.senderReports()) {
            guarded(() -> handler.onSenderReport(report, compound.cname(report.ssrc()), from, receivedNanos));
        }
        for (ReceiverReport report : compound.receiverReports()) {
            guarded(() -> handler.onReceiverReport(report, compound.cname(report.ssrc()), from, receivedNanos));
        }
        compound.notes().forEach((ssrc, note) -> guarded(() -> handler.onSdesNote(ssrc, note, from)));
        for (TimeRequest request : compound.timeRequests()) {
            guarded(() -> handler.onTimeRequest(request, from, receivedNanos));
        }
        for (Bye bye : compound.byes()) {
            for (long ssrc : bye.ssrcs()) {
                guarded(() -> handler.onBye(ssrc, from));
            }
        }
    }

    private void guarded(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | LinkageError e) {
            // LinkageError too: a handler whose bundle was just updated may hit a class that went away.
            if (handlerFailures++ == 0) {
                log.warn("{}: RTCP handler failed; counting further failures without logging them", this, e);
            }
        }
    }

    @Override
    public MulticastEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public long malformed() {
        return malformed + malformedAnswers;
    }

    @Override
    public long unauthenticated() {
        return watch == null ? 0 : watch.unauthenticated();
    }

    @Override
    public long replayed() {
        return watch == null ? 0 : watch.replayed();
    }

    /** Datagrams received, valid or not. */
    long datagrams() {
        return datagrams;
    }

    /** Handler calls that threw; each was dropped and the next one made as usual. */
    long handlerFailures() {
        return handlerFailures;
    }

    double averagePacketBytes() {
        return interval.averagePacketBytes();
    }

    /** Closes the channel, which ends the receive thread, and waits a bounded time for the thread to end. */
    @Override
    public void close() {
        TimeExchange open;
        synchronized (this) {
            closed = true;
            open = exchange;
        }
        if (open != null) {
            open.receiving().close();
        }
        if (receiving.close()) {
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "RTCP on " + endpoint.group().getHostAddress() + ":" + (endpoint.port() + 1) + " on "
                + endpoint.networkInterface().getName();
    }
}

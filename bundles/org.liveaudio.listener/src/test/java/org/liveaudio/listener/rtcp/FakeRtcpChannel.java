package org.liveaudio.listener.rtcp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;

/** Keeps what it is asked to send and the interval questions; the test calls the handler in the RTCP thread's place. */
public final class FakeRtcpChannel implements RtcpChannel {
    public record DelayRequest(int members, int senders, boolean weSent, long sessionBitsPerSecond,
            boolean initial, long askedNanos) {
    }

    public record Sent(ReceiverReport report, String cname, long sentNanos) {
    }

    public record Bye(long ssrc, String cname, String reason) {
    }

    public final MulticastEndpoint endpoint;
    public final RtcpHandler handler;
    public final String threadName;
    public final List<DelayRequest> delayRequests = new CopyOnWriteArrayList<>();
    public final List<Sent> receiverReports = new CopyOnWriteArrayList<>();
    public final List<Bye> byes = new CopyOnWriteArrayList<>();
    public final List<TimeRequest> timeRequests = new CopyOnWriteArrayList<>();
    /** Where each time request went: the sender's address, or null for the group. */
    public final List<Optional<InetSocketAddress>> timeRequestTargets = new CopyOnWriteArrayList<>();
    /** What {@link #nextReportDelayNanos} answers; an hour unless a test wants reports. */
    public volatile long delayNanos = 3_600_000_000_000L;
    public volatile boolean closed;

    public FakeRtcpChannel(MulticastEndpoint endpoint, RtcpHandler handler, String threadName) {
        this.endpoint = endpoint;
        this.handler = handler;
        this.threadName = threadName;
    }

    @Override
    public void sendSenderReport(SenderReport report, String cname) {
        throw new UnsupportedOperationException("listeners do not send media");
    }

    @Override
    public void sendReceiverReport(ReceiverReport report, String cname) {
        receiverReports.add(new Sent(report, cname, System.nanoTime()));
    }

    @Override
    public void sendBye(long ssrc, String cname, String reason) {
        byes.add(new Bye(ssrc, cname, reason));
    }

    @Override
    public void sendTimeRequest(TimeRequest request, String cname, InetSocketAddress sender) {
        timeRequests.add(request);
        timeRequestTargets.add(Optional.ofNullable(sender));
    }

    @Override
    public void sendTimeResponse(TimeResponse response, String cname, InetSocketAddress requester) {
        throw new UnsupportedOperationException("listeners do not answer time requests");
    }

    @Override
    public long nextReportDelayNanos(int members, int senders, boolean weSent, long sessionBitsPerSecond,
            boolean initial) {
        delayRequests.add(new DelayRequest(members, senders, weSent, sessionBitsPerSecond, initial,
                System.nanoTime()));
        return delayNanos;
    }

    @Override
    public MulticastEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public long malformed() {
        return 0;
    }

    @Override
    public void close() {
        closed = true;
    }
}

package org.liveaudio.control.sender;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;

/** An RTCP channel that logs what it is asked to send and answers the report interval its transport fixes. */
final class FakeRtcpChannel implements RtcpChannel {
    /**
     * A report as sent: a {@link SenderReport} or a {@link ReceiverReport}, its SDES NOTE ({@code null} when it
     * had none), and what the stream had sent by then.
     */
    record Sent(Object report, String cname, String note, long sentAtNanos, int rtpPacketsBefore) {
        SenderReport senderReport() {
            return (SenderReport) report;
        }
    }

    record Bye(long ssrc, String cname, String reason) {
    }

    record DelayAsked(int members, int senders, boolean weSent, long sessionBitsPerSecond, boolean initial) {
    }

    /** What every channel of a transport and its replacements sent and asked, in order. */
    static final class Log {
        final List<Sent> reports = new CopyOnWriteArrayList<>();
        final List<Bye> byes = new CopyOnWriteArrayList<>();
        final List<DelayAsked> asked = new CopyOnWriteArrayList<>();
        final List<TimeResponse> timeResponses = new CopyOnWriteArrayList<>();

        List<Sent> senderReports() {
            return reports.stream().filter(sent -> sent.report() instanceof SenderReport).toList();
        }

        List<Sent> receiverReports() {
            return reports.stream().filter(sent -> sent.report() instanceof ReceiverReport).toList();
        }
    }

    final MulticastEndpoint endpoint;
    final RtcpHandler handler;
    final String threadName;
    volatile boolean closed;
    private final FakeTransport transport;

    FakeRtcpChannel(FakeTransport transport, MulticastEndpoint endpoint, RtcpHandler handler, String threadName) {
        this.transport = transport;
        this.endpoint = endpoint;
        this.handler = handler;
        this.threadName = threadName;
    }

    @Override
    public void sendSenderReport(SenderReport report, String cname) throws IOException {
        failIfAsked();
        transport.rtcp.reports.add(new Sent(report, cname, null, transport.now(), transport.packets.size()));
    }

    @Override
    public void sendSenderReport(SenderReport report, String cname, String note) throws IOException {
        failIfAsked();
        transport.rtcp.reports.add(new Sent(report, cname, note, transport.now(), transport.packets.size()));
    }

    @Override
    public void sendReceiverReport(ReceiverReport report, String cname) throws IOException {
        failIfAsked();
        transport.rtcp.reports.add(new Sent(report, cname, null, transport.now(), transport.packets.size()));
    }

    @Override
    public void sendBye(long ssrc, String cname, String reason) throws IOException {
        failIfAsked();
        transport.rtcp.byes.add(new Bye(ssrc, cname, reason));
    }

    @Override
    public void sendTimeRequest(TimeRequest request, String cname, InetSocketAddress sender) {
        throw new UnsupportedOperationException("a sender does not ask for the time");
    }

    @Override
    public void sendTimeResponse(TimeResponse response, String cname, InetSocketAddress requester)
            throws IOException {
        failIfAsked();
        transport.rtcp.timeResponses.add(response);
    }

    private void failIfAsked() throws IOException {
        IOException failure = transport.rtcpFailure;
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public long nextReportDelayNanos(int members, int senders, boolean weSent, long sessionBitsPerSecond,
            boolean initial) {
        transport.rtcp.asked.add(new DelayAsked(members, senders, weSent, sessionBitsPerSecond, initial));
        return initial ? transport.initialDelayNanos : transport.delayNanos;
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

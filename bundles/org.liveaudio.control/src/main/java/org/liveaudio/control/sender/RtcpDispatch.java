package org.liveaudio.control.sender;

import java.net.InetSocketAddress;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RtcpHandler;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeRequest;

/** What the sender's RTCP channel hears,: reports to the listener table, time requests to its clock. */
final class RtcpDispatch implements RtcpHandler {
    private final ListenerTable listeners;
    private final ClockServer clock;

    RtcpDispatch(ListenerTable listeners, ClockServer clock) {
        this.listeners = listeners;
        this.clock = clock;
    }

    @Override
    public void onSenderReport(SenderReport report, String cname, InetSocketAddress from, long receivedNanos) {
        listeners.onSenderReport(report, cname, from, receivedNanos);
    }

    @Override
    public void onReceiverReport(ReceiverReport report, String cname, InetSocketAddress from, long receivedNanos) {
        listeners.onReceiverReport(report, cname, from, receivedNanos);
    }

    @Override
    public void onBye(long ssrc, InetSocketAddress from) {
        listeners.onBye(ssrc, from);
    }

    @Override
    public void onTimeRequest(TimeRequest request, InetSocketAddress from, long receivedNanos) {
        clock.answer(request, from, receivedNanos);
    }
}

package org.liveaudio.listener.sap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.liveaudio.api.net.AnnouncedStreams;
import org.liveaudio.common.sap.MalformedSapException;
import org.liveaudio.common.sap.SapAddress;
import org.liveaudio.common.sap.SapPacket;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Listens for SAP (RFC 2974) announcements on the interfaces its listeners use, and keeps the
 * {@link SapDirectory} of what it hears: ours, ffmpeg's, PipeWire's, AES67 devices'. It joins the SAP addresses
 * of the IPv4 scopes a stream may use (local 239.255.255.255, organisation-local 239.195.255.255, global
 * 224.2.127.254) and PipeWire's default 224.0.0.56. One socket on port {@value SapPacket#PORT} serves every
 * interface, so it cannot tell on which one an announcement came. IPv6 scopes are not joined.
 *
 * <p>The listeners tune by name through it and {@code listener:streams} lists it; as {@link AnnouncedStreams} other
 * bundles find streams by name (the sender's RTP relay). Its thread files what it hears and tells subscribers of
 * every change; one log line per stream that comes, changes or goes, and one per announcer whose announcements
 * cannot be read.
 */
@Component(service = {SapBrowser.class, AnnouncedStreams.class}, immediate = true)
public final class SapBrowser implements AnnouncedStreams, Runnable {
    static final String THREAD_NAME = "liveaudio-sap-browser";
    private static final int RECEIVE_TIMEOUT_MILLIS = 500;
    private static final int MAX_DATAGRAM = 65_536;
    private static final int MAX_ANNOUNCERS_WARNED = 64;
    private static final long JOIN_MILLIS = 2_000;
    static final List<String> GROUPS = List.of("239.255.255.255", "239.195.255.255", SapAddress.IPV4_GLOBAL,
            SapAddress.PIPEWIRE_DEFAULT);

    private final SapDirectory directory = new SapDirectory();
    private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
    /** What each owner of an {@link AnnouncedStreams#watch} subscribed, to unsubscribe on release. */
    private final Map<Object, Runnable> subscriptions = new ConcurrentHashMap<>();
    private final Map<Object, NetworkInterface> watchers = new HashMap<>();
    private final Set<NetworkInterface> joined = new HashSet<>();
    private final Set<InetAddress> warnedAnnouncers = new LinkedHashSet<>();
    private MulticastSocket socket;
    private Thread thread;
    private volatile boolean running;

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Activate
    void activate() {
        running = true;
        thread = new Thread(this, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    @Deactivate
    void deactivate() {
        running = false;
        synchronized (this) {
            if (socket != null) {
                socket.close();
            }
        }
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Listens on {@code networkInterface} for {@code owner} (a listener) until {@link #unwatch}. */
    public synchronized void watch(Object owner, NetworkInterface networkInterface) {
        watchers.put(owner, networkInterface);
        reconcileGroups();
    }

    public synchronized void unwatch(Object owner) {
        if (watchers.remove(owner) != null) {
            reconcileGroups();
        }
    }

    /** Runs {@code onChange} on the browser's thread after every stream that comes, changes or goes. */
    public void subscribe(Runnable onChange) {
        subscribers.add(onChange);
    }

    public void unsubscribe(Runnable onChange) {
        subscribers.remove(onChange);
    }

    public List<AnnouncedStream> streams() {
        return directory.streams();
    }

    public Optional<AnnouncedStream> named(String name) {
        return directory.named(name);
    }

    @Override
    public void watch(Object owner, NetworkInterface networkInterface, Runnable onChange) {
        Runnable previous = subscriptions.put(owner, onChange);
        if (previous != null) {
            unsubscribe(previous);
        }
        subscribe(onChange);
        watch(owner, networkInterface);
    }

    @Override
    public void release(Object owner) {
        Runnable subscription = subscriptions.remove(owner);
        if (subscription != null) {
            unsubscribe(subscription);
        }
        unwatch(owner);
    }

    @Override
    public Optional<String> sdp(String name) {
        return named(name).map(AnnouncedStream::sdp);
    }

    /** The interfaces listened on, by name, for the shell. */
    public synchronized List<String> interfaces() {
        return joined.stream().map(NetworkInterface::getName).sorted().toList();
    }

    @Override
    public void run() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (running) {
            MulticastSocket current = openSocket();
            if (current == null) {
                pause();
                continue;
            }
            try {
                datagram.setLength(buffer.length);
                current.receive(datagram);
                file(buffer, datagram.getLength());
            } catch (SocketTimeoutException e) {
                // nothing heard: time to look for streams gone silent
            } catch (IOException e) {
                if (running) {
                    log.warn("SAP: receiving failed: {}; listening again", e.getMessage());
                    closeSocket(current);
                    pause();
                }
            }
            expire();
        }
    }

    private void file(byte[] buffer, int length) {
        SapPacket packet;
        try {
            packet = SapPacket.parse(buffer, 0, length);
        } catch (MalformedSapException e) {
            warnOnce(null, e.getMessage());
            return;
        }
        SapDirectory.Outcome outcome = directory.heard(packet, System.nanoTime());
        if (!outcome.refusal().isEmpty()) {
            warnOnce(packet.origin(), outcome.refusal());
            return;
        }
        AnnouncedStream stream = outcome.stream();
        switch (outcome.change()) {
            case ADDED -> log.info("SAP: stream \"{}\" announced by {}: {}:{} {} PT {}", stream.name(),
                    stream.announcer().getHostAddress(), stream.session().group().getHostAddress(),
                    stream.session().port(), stream.session().format(), stream.session().payloadType());
            case UPDATED -> log.info("SAP: stream \"{}\" re-announced: {}:{} {} PT {}", stream.name(),
                    stream.session().group().getHostAddress(), stream.session().port(), stream.session().format(),
                    stream.session().payloadType());
            case REMOVED -> log.info("SAP: stream \"{}\" withdrawn by {}", stream.name(),
                    stream.announcer().getHostAddress());
            case NONE -> {
                return;
            }
        }
        notifySubscribers();
    }

    private void expire() {
        List<AnnouncedStream> gone = directory.expire(System.nanoTime());
        for (AnnouncedStream stream : gone) {
            log.info("SAP: stream \"{}\" not announced for {} s: forgotten", stream.name(),
                    (System.nanoTime() - stream.lastHeardNanos()) / 1_000_000_000L);
        }
        if (!gone.isEmpty()) {
            notifySubscribers();
        }
    }

    private void notifySubscribers() {
        for (Runnable subscriber : subscribers) {
            try {
                subscriber.run();
            } catch (RuntimeException e) {
                log.error("SAP: a listener failed to follow a stream", e);
            }
        }
    }

    /** One line per announcer (and one for unreadable datagrams), never one per announcement. */
    private void warnOnce(InetAddress announcer, String reason) {
        InetAddress key = announcer == null ? InetAddress.getLoopbackAddress() : announcer;
        synchronized (warnedAnnouncers) {
            if (warnedAnnouncers.contains(key) || warnedAnnouncers.size() >= MAX_ANNOUNCERS_WARNED) {
                return;
            }
            warnedAnnouncers.add(key);
        }
        log.warn("SAP: an announcement{} cannot be used: {} (ignored; said once per announcer)",
                announcer == null ? "" : " from " + announcer.getHostAddress(), reason);
    }

    private synchronized MulticastSocket openSocket() {
        if (socket == null && running && !watchers.isEmpty()) {
            try {
                MulticastSocket opened = new MulticastSocket(null);
                opened.setReuseAddress(true);
                opened.bind(new InetSocketAddress(SapPacket.PORT));
                opened.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
                socket = opened;
                joined.clear();
                reconcileGroups();
            } catch (IOException e) {
                log.warn("SAP: cannot listen on port {}: {}; trying again", SapPacket.PORT, e.getMessage());
            }
        }
        return socket;
    }

    private synchronized void closeSocket(MulticastSocket failed) {
        if (socket == failed) {
            socket.close();
            socket = null;
            joined.clear();
        }
    }

    /** Joins the SAP groups on every watched interface, leaves them on the others. */
    private void reconcileGroups() {
        if (socket == null) {
            return;
        }
        Set<NetworkInterface> wanted = new HashSet<>(watchers.values());
        for (NetworkInterface nic : new ArrayList<>(joined)) {
            if (!wanted.contains(nic)) {
                groups(nic, false);
                joined.remove(nic);
            }
        }
        for (NetworkInterface nic : wanted) {
            if (!joined.contains(nic) && groups(nic, true)) {
                joined.add(nic);
                log.info("SAP: listening for announcements on {} ({}:{})", nic.getName(), String.join(", ", GROUPS),
                        SapPacket.PORT);
            }
        }
    }

    private boolean groups(NetworkInterface nic, boolean join) {
        try {
            for (String group : GROUPS) {
                InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(group), 0);
                if (join) {
                    socket.joinGroup(address, nic);
                } else {
                    socket.leaveGroup(address, nic);
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the SAP groups are literals", e);
        } catch (IOException e) {
            log.warn("SAP: cannot {} the SAP groups on {}: {}", join ? "join" : "leave", nic.getName(),
                    e.getMessage());
            return false;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECEIVE_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

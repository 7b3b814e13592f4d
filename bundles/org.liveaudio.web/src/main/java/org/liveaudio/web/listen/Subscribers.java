package org.liveaudio.web.listen;

import java.util.ArrayList;
import java.util.List;
import org.osgi.service.log.Logger;

/**
 * The clients of the stream and what each has been sent: every client gets the stream's two header pages first,
 * then the live pages from the next one on. A client whose queue is full is dropped, and counted, rather than
 * waited for: the encoder, and so the sender's clock behind it, never waits for a client.
 */
final class Subscribers {
    private final Logger log;
    private final List<Subscriber> clients = new ArrayList<>();
    /** The current stream's header pages, or {@code null} while no encoder runs (clients wait for them). */
    private byte[][] headers;
    private long served;
    private long dropped;

    Subscribers(Logger log) {
        this.log = log;
    }

    /** A new client: it gets the headers now if the stream has begun, else when it does. */
    synchronized void add(Subscriber client) {
        clients.add(client);
        served++;
        if (headers != null) {
            for (byte[] header : headers) {
                client.offer(header);
            }
        }
    }

    /** A stream begins: its header pages go to every client, and to each that comes later. */
    synchronized void begin(byte[]... headerPages) {
        headers = headerPages.clone();
        for (Subscriber client : clients) {
            for (byte[] header : headers) {
                client.offer(header);
            }
        }
    }

    /** One live page, the same array for every client: never changed once published. */
    synchronized void publish(byte[] page) {
        for (int i = clients.size() - 1; i >= 0; i--) {
            Subscriber client = clients.get(i);
            if (!client.offer(page)) {
                clients.remove(i);
                dropped++;
                client.close();
                log.warn("Browser stream: dropped the client at {}, too far behind to catch up", client.address());
            }
        }
    }

    /** Forgets the clients that have gone; how many are left. */
    synchronized int sweep() {
        for (int i = clients.size() - 1; i >= 0; i--) {
            Subscriber client = clients.get(i);
            String ended = client.ended();
            if (ended != null) {
                clients.remove(i);
                client.close();
                log.info("Browser stream: the client at {} left ({})", client.address(), ended);
            }
        }
        return clients.size();
    }

    /** The stream ends (the last client left, or it cannot go on): the next one begins with headers of its own. */
    synchronized void end() {
        headers = null;
    }

    /** Ends the stream and every client's response. */
    synchronized void closeAll(String why) {
        headers = null;
        if (!clients.isEmpty()) {
            log.info("Browser stream: closing {} client(s): {}", clients.size(), why);
        }
        for (Subscriber client : clients) {
            client.close();
        }
        clients.clear();
    }

    synchronized Counts counts() {
        return new Counts(clients.size(), served, dropped);
    }

    /**
     * @param clients connected now
     * @param served clients connected since the start
     * @param dropped clients dropped for falling too far behind
     */
    record Counts(int clients, long served, long dropped) {
    }
}

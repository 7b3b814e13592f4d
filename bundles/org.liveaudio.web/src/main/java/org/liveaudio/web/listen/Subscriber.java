package org.liveaudio.web.listen;

/** One client of the stream as the fan-out sees it: a bounded queue of pages on their way to it. */
interface Subscriber {
    /** Queues a page, never waiting; {@code false} when the queue is full (the client is too far behind). */
    boolean offer(byte[] page);

    /** Why the client is gone (it hung up, its connection failed), or {@code null} while it is there. */
    String ended();

    /** Ends the client's response (a stream that ends cleanly, where it can). */
    void close();

    /** Who it is, for a log line. */
    String address();
}

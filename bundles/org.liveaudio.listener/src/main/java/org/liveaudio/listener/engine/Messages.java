package org.liveaudio.listener.engine;

/** How a failure reads in a log line. */
final class Messages {
    private Messages() {
    }

    /** The exception's message, or the exception itself where it has none. */
    static String of(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}

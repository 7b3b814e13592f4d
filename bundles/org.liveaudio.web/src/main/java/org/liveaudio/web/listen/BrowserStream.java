package org.liveaudio.web.listen;

/** The stream for browsers and media players, as the console shows it. */
public interface BrowserStream {
    /** Where it is served. */
    String PATH = "/stream.opus";

    Listening listening();

    /**
     * @param state {@code idle} (no client: nothing is encoded), {@code streaming}, or {@code stuck: WHY}
     * @param clients connected now
     * @param served clients connected since the start
     * @param droppedClients clients dropped for falling too far behind
     * @param droppedFrames frames the encoder's thread did not take in time (or of a format it had not taken up)
     */
    record Listening(String path, String state, int clients, long served, long droppedClients, long droppedFrames) {
    }
}

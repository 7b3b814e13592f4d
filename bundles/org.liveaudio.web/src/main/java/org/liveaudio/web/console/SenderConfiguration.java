package org.liveaudio.web.console;

import java.io.IOException;
import java.util.Map;

/** The sender's configuration (PID {@code org.liveaudio.sender}) as the console reads and changes it. */
interface SenderConfiguration {
    String PID = "org.liveaudio.sender";

    /** Its properties now, or {@code null} when the sender has no configuration. */
    Map<String, Object> current() throws IOException;

    /** Replaces its properties; the sender takes them as it takes an edited file (and refuses bad ones alike). */
    void update(Map<String, Object> properties) throws IOException;
}

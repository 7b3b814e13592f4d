package org.liveaudio.control.sender;

import java.util.Objects;
import org.osgi.service.log.Logger;

/**
 * What the stream tells listeners is playing: a title set from the shell, which overrides the source's own
 * until it is cleared, else the source's. Used under the stream's lock; asked when a report goes out and for the
 * status, never per frame. One log line when the title changes, however it changed.
 */
final class NowPlaying {
    private final Logger log;
    private String override = "";
    private String announced = "";

    NowPlaying(Logger log) {
        this.log = log;
    }

    /**
     * Sets the title that overrides the source's; an empty (or blank) one gives the source its say again. The
     * change is logged at once rather than with the next report.
     */
    void override(String title, String sourceTitle) {
        override = Objects.requireNonNull(title, "title").strip();
        title(sourceTitle);
    }

    /**
     * The title now: the override if set, else {@code sourceTitle}, else empty.
     *
     * @param sourceTitle what the open source says plays, empty when nothing is open or it names nothing
     */
    String title(String sourceTitle) {
        String title = override.isEmpty() ? sourceTitle : override;
        if (!title.equals(announced)) {
            announced = title;
            if (title.isEmpty()) {
                log.info("Now playing: no title");
            } else {
                log.info("Now playing: {}{}", title, override.isEmpty() ? "" : " (set by stream:title)");
            }
        }
        return title;
    }
}

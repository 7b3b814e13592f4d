package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.testing.RecordingLogger;

/** What listeners are told plays: the shell's title over the source's, one log line per change. */
class NowPlayingTest {
    private final RecordingLogger log = new RecordingLogger();
    private final NowPlaying nowPlaying = new NowPlaying(log.logger());

    @Test
    void theShellsTitleOverridesTheSourcesUntilClearedAndEachChangeIsLoggedOnceWhenItHappens() {
        nowPlaying.override("Live from the studio", "Artist - Song");
        assertEquals(List.of("Now playing: Live from the studio (set by stream:title)"), log.at("info"));
        assertEquals("Live from the studio", nowPlaying.title("Artist - Song"));

        nowPlaying.override("  ", "Artist - Song");
        assertEquals("Artist - Song", nowPlaying.title("Artist - Song"));
        assertEquals("", nowPlaying.title(""));

        assertEquals(List.of("Now playing: Live from the studio (set by stream:title)", "Now playing: Artist - Song",
                "Now playing: no title"), log.at("info"));
    }
}

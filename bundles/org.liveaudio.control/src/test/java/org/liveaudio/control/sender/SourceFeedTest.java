package org.liveaudio.control.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.SourceSettings;

/** Where the stream's source stands, across reopenings of it. */
class SourceFeedTest {
    private static final AudioFormat STEREO_48K = new AudioFormat(48_000, 2);
    private static final SourceSettings SETTINGS = new SourceSettings(null, true, 440);

    private final SourceFeed feed = new SourceFeed();
    private final FakeSource melody = new FakeSource("melody");

    @Test
    void itIsOpenOnlyForTheServiceKeySettingsAndFormatItWasOpenedWith() throws Exception {
        assertFalse(feed.isOpenFor(melody, "melody", SETTINGS, STEREO_48K));
        feed.open(melody, "melody", SETTINGS, STEREO_48K);

        assertTrue(feed.isOpenFor(melody, "melody", SETTINGS, STEREO_48K));
        assertFalse(feed.isOpenFor(new FakeSource("melody"), "melody", SETTINGS, STEREO_48K));
        assertFalse(feed.isOpenFor(melody, "tone", SETTINGS, STEREO_48K));
        assertFalse(feed.isOpenFor(melody, "melody", new SourceSettings(null, false, 440), STEREO_48K));
        assertFalse(feed.isOpenFor(melody, "melody", SETTINGS, new AudioFormat(48_000, 1)));

        feed.close();
        assertFalse(feed.isOpenFor(melody, "melody", SETTINGS, STEREO_48K));
    }

    @Test
    void theSameSourceReopensWhereItStoppedAndAnotherAtItsBeginning() throws Exception {
        feed.open(melody, "melody", SETTINGS, STEREO_48K);
        feed.read(new short[480], 240);
        feed.close();
        assertEquals(240, feed.position(), "the position outlives the input");

        feed.open(melody, "melody", SETTINGS, STEREO_48K);
        feed.open(melody, "file:/music/a.wav", SETTINGS, STEREO_48K);

        assertEquals(List.of(0L, 240L, 0L), melody.openedAt);
        assertEquals(1, melody.inputsOpen.get(), "each open closes the input before");
    }

    @Test
    void anotherSampleRateReopensAtTheSameTime() throws Exception {
        feed.open(melody, "melody", SETTINGS, STEREO_48K);
        feed.read(new short[9600], 4800);

        feed.open(melody, "melody", SETTINGS, new AudioFormat(24_000, 2));

        assertEquals(List.of(0L, 2400L), melody.openedAt, "0.1 s in at either rate");
    }

    @Test
    void aResumedPositionIsWhereTheNextOpenStarts() throws Exception {
        feed.open(melody, "melody", SETTINGS, STEREO_48K);

        feed.resumeAt("melody", 96_000, STEREO_48K);
        assertFalse(feed.isOpen(), "an input still open would be taken as already where it should be");
        assertEquals(0, melody.inputsOpen.get());
        feed.open(melody, "melody", SETTINGS, STEREO_48K);

        assertEquals(List.of(0L, 96_000L), melody.openedAt);
        assertEquals("melody", feed.key());
    }

    @Test
    void releasingTheServiceItReadsClosesTheInputAndAnyOtherServiceLeavesItOpen() throws Exception {
        feed.open(melody, "melody", SETTINGS, STEREO_48K);

        feed.release(new FakeSource("melody"));
        assertTrue(feed.isOpen());
        assertEquals(1, melody.inputsOpen.get());

        feed.release(melody);
        assertFalse(feed.isOpen());
        assertEquals(0, melody.inputsOpen.get());
        assertEquals("", feed.title());
    }
}

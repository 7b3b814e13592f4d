package org.liveaudio.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.liveaudio.source.file.FileInputReading.readToEnd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.testing.RecordingLogger;

/** Playlist files and folders: entries in order, relative to the list, bad entries reported once and skipped. */
class PlaylistTest {
    private static final AudioFormat STEREO_48K = new AudioFormat(48_000, 2);

    @TempDir
    Path dir;

    private final RecordingLogger log = new RecordingLogger();
    private final List<FileInput> opened = new ArrayList<>();

    @AfterEach
    void closeInputs() {
        opened.forEach(FileInput::close);
    }

    private short[] play(Path path) {
        FileInput input = FileInput.start(path, false, STEREO_48K, 0, log.logger());
        opened.add(input);
        return readToEnd(input);
    }

    @Test
    void m3uPlaysItsEntriesInOrderRelativeToItsFolderSkippingCommentsAndReportingBadEntries() throws IOException {
        Path music = Files.createDirectories(dir.resolve("music"));
        TestWavs.constant(music.resolve("one.wav"), 100, 1);
        Path corrupt = Files.write(music.resolve("two.flac"), new byte[] {'f', 'L', 'a', 'C', 9, 9});
        TestWavs.constant(music.resolve("three.wav"), 100, 3);
        Path list = Files.writeString(music.resolve("list.m3u8"), String.join("\n",
                "#EXTM3U",
                "#EXTINF:1,One",
                "one.wav",
                "",
                "missing.mp3",
                "http://radio.example/stream.mp3",
                "two.flac",
                "# a comment",
                music.resolve("three.wav").toString()));

        short[] pcm = play(list);

        assertEquals(200 * 2, pcm.length, "one and three, nothing else");
        assertEquals(1, pcm[0]);
        assertEquals(3, pcm[399], "three follows one");
        assertEquals(List.of(
                "WARN playlist " + list + " entry 3 (http://radio.example/stream.mp3): a URL; only files play; skipped",
                "WARN file " + music.resolve("missing.mp3") + ": does not exist; skipped",
                "WARN file " + corrupt + ": a truncated FLAC file: it ends within its metadata; skipped"), log.warnings());
    }

    @Test
    void plsPlaysItsFileEntriesInNumberOrder() throws IOException {
        TestWavs.constant(dir.resolve("a.wav"), 100, 1);
        TestWavs.constant(dir.resolve("b.wav"), 100, 2);
        Path list = Files.writeString(dir.resolve("radio.pls"), String.join("\n",
                "[playlist]",
                "File2=a.wav",
                "Title2=A",
                "File1=b.wav",
                "Length1=-1",
                "NumberOfEntries=2",
                "Version=2"));

        short[] pcm = play(list);

        assertEquals(200 * 2, pcm.length);
        assertEquals(2, pcm[0], "File1 first");
        assertEquals(1, pcm[399]);
    }

    @Test
    void folderPlaysEveryFormatInNameOrder() throws IOException {
        for (String name : List.of("tone.opus", "tone.flac", "tone.mp3")) {
            try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
                Files.copy(in, dir.resolve(name.replace("tone", name.substring(5))));
            }
        }
        Files.writeString(dir.resolve("cover.jpg"), "not audio");

        FileInput input = FileInput.start(dir, false, STEREO_48K, 0, log.logger());
        opened.add(input);
        List<String> titles = new ArrayList<>();
        short[] frame = new short[480];
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!input.drained() && System.nanoTime() < deadline) {
            input.read(frame, 240);
            String title = input.title();
            if (!title.isEmpty() && (titles.isEmpty() || !titles.get(titles.size() - 1).equals(title))) {
                titles.add(title);
            }
        }

        assertEquals(List.of("Live Audio - Flac Tone", "Live Audio - Mp3 Tone", "Opus Tone"), titles);
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void playlistOfNothingPlayableSaysSo() throws IOException {
        Path list = Files.writeString(dir.resolve("empty.m3u"), "#EXTM3U\nhttps://example.org/a.ogg\n");

        FileInput input = FileInput.start(list, true, STEREO_48K, 0, log.logger());
        opened.add(input);
        readToEnd(input);

        assertEquals("file " + list + ": no files in the playlist", input.description());
        assertEquals(2, log.warnings().size(), log.warnings().toString());
    }
}

package org.liveaudio.source.rtp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.SourceSettings;

/** What the relay refuses before it opens a socket, each with what to change. */
class RtpRelaySourceTest {
    private static final AudioFormat STEREO_48K = new AudioFormat(48_000, 2);
    private final RtpRelaySource source = new RtpRelaySource();

    @Test
    void withoutAnSdpFileOrAStreamNameItSaysSo() {
        IOException e = assertThrows(IOException.class,
                () -> source.open(new SourceSettings(null, false, 440), STEREO_48K, 0));
        assertTrue(e.getMessage().contains("give stream= the name SAP announces it with, or file= its SDP file"),
                e.getMessage());
    }

    @Test
    void aStreamNameWithoutTheSapBrowserSaysWhichBundleFindsIt() throws Exception {
        IOException e = assertThrows(IOException.class, () -> source.open(new SourceSettings(null, false, 440, null,
                "Kitchen", NetworkInterface.getByName("lo")), STEREO_48K, 0));
        assertTrue(e.getMessage().contains("stream=Kitchen is found by SAP, which the listener bundle "
                + "(org.liveaudio.listener) hears, and it is not running"), e.getMessage());
    }

    @Test
    void aFileThatDescribesNoStreamIsRefusedWithTheParsersReason(@TempDir Path dir) throws Exception {
        IOException e = assertThrows(IOException.class, () -> open(dir, "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=x\n"));
        assertTrue(e.getMessage().contains("describes no stream to relay: the description has no m=audio"),
                e.getMessage());
    }

    @Test
    void anotherRateOrChannelCountNamesTheSettingsThatWouldFit(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> open(dir, sdp("L16/44100/1")));
        assertTrue(e.getMessage().contains("set sampleRate=44100 and channels=1"), e.getMessage());
    }

    @Test
    void onlyLinearPcmIsRelayed(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> open(dir, sdp("opus/48000/2")));
        assertTrue(e.getMessage().contains("the relay takes L16 and L24"), e.getMessage());
    }

    private void open(Path dir, String text) throws IOException {
        Path file = dir.resolve("stream.sdp");
        Files.writeString(file, text);
        source.open(new SourceSettings(file, false, 440), STEREO_48K, 0).close();
    }

    private static String sdp(String format) {
        return "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=x\nc=IN IP4 239.255.0.90/1\nt=0 0\nm=audio 5090 RTP/AVP 96\n"
                + "a=rtpmap:96 " + format + "\n";
    }
}

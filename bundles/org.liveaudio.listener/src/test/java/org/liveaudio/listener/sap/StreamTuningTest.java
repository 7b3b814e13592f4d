package org.liveaudio.listener.sap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liveaudio.common.sdp.RtpAudioSession;
import org.liveaudio.common.sdp.SdpParser;
import org.liveaudio.listener.engine.ListenerSettings;

class StreamTuningTest {
    @Test
    void theSdpDecidesWhereAndWhatTheConfigurationKeepsTheRest() throws Exception {
        RtpAudioSession ffmpeg = RtpAudioSession.of(SdpParser.parse("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=Radio\r\n"
                + "c=IN IP4 239.255.0.9/1\r\nt=0 0\r\nm=audio 5008 RTP/AVP 11\r\n"));
        Map<String, Object> configured = Map.of("stream", "Radio", "group", "239.255.0.1", "port", "5004",
                "sink", "wav", "file", "radio.wav", "sampleRate", "48000", "channels", "2");

        Map<String, Object> tuned = StreamTuning.tune(configured, ffmpeg);

        assertEquals("239.255.0.9", tuned.get("group"));
        assertEquals(5008, tuned.get("port"));
        assertEquals("L16", tuned.get("codec"));
        assertEquals(11, tuned.get("payloadType"));
        assertEquals(44_100, tuned.get("sampleRate"));
        assertEquals(1, tuned.get("channels"));
        assertEquals("wav", tuned.get("sink"));
        assertEquals("radio.wav", tuned.get("file"));
        assertFalse(tuned.containsKey("stream"));
        ListenerSettings settings = ListenerSettings.read(tuned);
        assertEquals("L16/44100/1 PT 11", settings.codec() + "/" + settings.format().sampleRate() + "/"
                + settings.format().channels() + " PT " + settings.payloadType());
    }

    @Test
    void aConfigurationWithoutStreamIsTunedByHand() {
        assertEquals("", StreamTuning.streamOf(Map.of("group", "239.255.0.1")));
        assertEquals("Radio", StreamTuning.streamOf(Map.of("stream", " Radio ")));
    }
}

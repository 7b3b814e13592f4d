package org.liveaudio.common.sdp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any text announced as SDP: read into a description and a stream, or refused with an {@link SdpException}
 * naming what is wrong; anything else escaping would end a listener's SAP browser thread.
 */
class SdpParserFuzzTest {
    /** A real description to mutate from, so that the fuzzer gets past the first lines. */
    private static final String SEED = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=Kitchen\r\nc=IN IP4 239.255.0.1/1\r\n"
            + "t=0 0\r\nm=audio 5004 RTP/AVP 96\r\na=rtpmap:96 L16/48000/2\r\na=ptime:5\r\n";

    @FuzzTest(maxDuration = "2m")
    void readsOrRefuses(FuzzedDataProvider data) {
        String text = data.consumeBoolean() ? SEED.substring(0, data.consumeInt(0, SEED.length()))
                + data.consumeRemainingAsString() : data.consumeRemainingAsString();
        try {
            RtpAudioSession.of(SdpParser.parse(text));
        } catch (SdpException refused) {
            // The documented answer.
        }
    }
}

package org.liveaudio.transport.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Any datagram is a compound or a {@link MalformedRtcpException}; any other exception escaping is a crash. The
 * datagram is read at an offset within a larger buffer too, whose bytes around it must not change the answer.
 */
class RtcpReaderFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void anyDatagramIsACompoundOrMalformed(FuzzedDataProvider data) {
        int offset = data.consumeInt(0, 16);
        int trailing = data.consumeInt(0, 8);
        byte[] datagram = data.consumeRemainingAsBytes();
        byte[] buffer = new byte[offset + datagram.length + trailing];
        Arrays.fill(buffer, (byte) 0x81);
        System.arraycopy(datagram, 0, buffer, offset, datagram.length);

        assertEquals(outcome(datagram, 0, datagram.length), outcome(buffer, offset, datagram.length));
    }

    /** The compound, or the malformation: records and enums, so two outcomes compare by value. */
    private static Object outcome(byte[] buffer, int offset, int length) {
        try {
            return RtcpReader.parse(buffer, offset, length);
        } catch (MalformedRtcpException e) {
            return e.reason();
        }
    }
}

package org.liveaudio.common.sap;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any datagram on a SAP port: {@link SapPacket#parse} reads it or refuses it with a
 * {@link MalformedSapException}; anything else escaping would end a listener's SAP browser thread.
 */
class SapPacketFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void readsOrRefuses(FuzzedDataProvider data) {
        int offset = data.consumeInt(0, 8);
        byte[] bytes = data.consumeRemainingAsBytes();
        byte[] buffer = new byte[offset + bytes.length];
        System.arraycopy(bytes, 0, buffer, offset, bytes.length);
        try {
            SapPacket packet = SapPacket.parse(buffer, offset, bytes.length);
            packet.payloadText();
        } catch (MalformedSapException refused) {
            // The documented answer.
        }
    }
}

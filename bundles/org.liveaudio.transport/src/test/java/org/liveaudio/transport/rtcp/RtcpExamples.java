package org.liveaudio.transport.rtcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.net.TimeRequest;
import org.liveaudio.api.net.TimeResponse;

/** Compound packets written out octet by octet from the figures of RFC 3550, section 6, with what they say. */
final class RtcpExamples {
    static final long SENDER = 0x12345678L;
    static final long LISTENER = 0xCAFEBABEL;

    static final SenderReport SENDER_REPORT = new SenderReport(SENDER, 0xE3D5A2B1_80000000L, 123_456, 1_000,
            960_000, List.of(new ReportBlock(0x9ABCDEF0L, 32, -5, 0x1_1234, 80, 0xD5A2B180L, 0x1_8000)));

    /** SR with one report block, then SDES with CNAME "user@host": 2 + 9 octets, then a null to fill the word. */
    static final byte[] SENDER_REPORT_BYTES = bytes(
            0x81, 0xC8, 0x00, 0x0C,       // V=2 P=0 RC=1, PT=200 SR, length 12 words + 1
            0x12, 0x34, 0x56, 0x78,       // SSRC of sender
            0xE3, 0xD5, 0xA2, 0xB1,       // NTP timestamp, most significant word
            0x80, 0x00, 0x00, 0x00,       // NTP timestamp, least significant word (half a second)
            0x00, 0x01, 0xE2, 0x40,       // RTP timestamp 123456
            0x00, 0x00, 0x03, 0xE8,       // sender's packet count 1000
            0x00, 0x0E, 0xA6, 0x00,       // sender's octet count 960000
            0x9A, 0xBC, 0xDE, 0xF0,       // SSRC_1 (source of the block)
            0x20, 0xFF, 0xFF, 0xFB,       // fraction lost 32/256, cumulative lost -5 (24-bit two's complement)
            0x00, 0x01, 0x12, 0x34,       // extended highest sequence: 1 cycle, seq 0x1234
            0x00, 0x00, 0x00, 0x50,       // interarrival jitter 80
            0xD5, 0xA2, 0xB1, 0x80,       // LSR: middle 32 bits of that SR's NTP timestamp
            0x00, 0x01, 0x80, 0x00,       // DLSR 1.5 s in 1/65536 s
            0x81, 0xCA, 0x00, 0x04,       // V=2 P=0 SC=1, PT=202 SDES, length 4
            0x12, 0x34, 0x56, 0x78,       // chunk: SSRC
            0x01, 0x09, "user@host", 0x00); // CNAME item, length 9, text, null item ending the list

    /**
     * The same SR, then SDES with the CNAME and a NOTE "Song" (type 7, RFC 3550 6.5.7): 4 + 11 + 6 octets and the
     * null item make 22, so two more nulls fill the word.
     */
    static final byte[] SENDER_REPORT_WITH_NOTE_BYTES = bytes(
            0x81, 0xC8, 0x00, 0x0C,
            0x12, 0x34, 0x56, 0x78,
            0xE3, 0xD5, 0xA2, 0xB1,
            0x80, 0x00, 0x00, 0x00,
            0x00, 0x01, 0xE2, 0x40,
            0x00, 0x00, 0x03, 0xE8,
            0x00, 0x0E, 0xA6, 0x00,
            0x9A, 0xBC, 0xDE, 0xF0,
            0x20, 0xFF, 0xFF, 0xFB,
            0x00, 0x01, 0x12, 0x34,
            0x00, 0x00, 0x00, 0x50,
            0xD5, 0xA2, 0xB1, 0x80,
            0x00, 0x01, 0x80, 0x00,
            0x81, 0xCA, 0x00, 0x06,       // SDES, SC=1, length 6
            0x12, 0x34, 0x56, 0x78,       // chunk: SSRC
            0x01, 0x09, "user@host",      // CNAME item
            0x07, 0x04, "Song",           // NOTE item, length 4
            0x00, 0x00, 0x00);            // null item, then nulls to the word boundary

    static final ReceiverReport RECEIVER_REPORT = new ReceiverReport(LISTENER, List.of(
            new ReportBlock(SENDER, 0, 0, 0xFFFF, 10, 0xD5A2B180L, 0x4000),
            new ReportBlock(0xFFFF_FFFFL, 255, -0x80_0000, 0xFFFF_FFFFL, 0xFFFF_FFFFL, 0xFFFF_FFFFL,
                    0xFFFF_FFFFL)));

    /**
     * RR with two blocks (the second at every field's extreme), then SDES with CNAME "me@1.2.3.4": 4 + 2 + 10
     * octets end on a word boundary, so a whole word of nulls ends the chunk.
     */
    static final byte[] RECEIVER_REPORT_BYTES = bytes(
            0x82, 0xC9, 0x00, 0x0D,       // V=2 P=0 RC=2, PT=201 RR, length 13
            0xCA, 0xFE, 0xBA, 0xBE,       // SSRC of packet sender
            0x12, 0x34, 0x56, 0x78,       // block 1: SSRC_1
            0x00, 0x00, 0x00, 0x00,       //   no loss
            0x00, 0x00, 0xFF, 0xFF,       //   highest sequence 65535, no cycles
            0x00, 0x00, 0x00, 0x0A,       //   jitter 10
            0xD5, 0xA2, 0xB1, 0x80,       //   LSR
            0x00, 0x00, 0x40, 0x00,       //   DLSR 0.25 s
            0xFF, 0xFF, 0xFF, 0xFF,       // block 2: SSRC_2
            0xFF, 0x80, 0x00, 0x00,       //   fraction 255/256, cumulative lost -2^23
            0xFF, 0xFF, 0xFF, 0xFF,       //   extended highest sequence 2^32 - 1
            0xFF, 0xFF, 0xFF, 0xFF,       //   jitter
            0xFF, 0xFF, 0xFF, 0xFF,       //   LSR
            0xFF, 0xFF, 0xFF, 0xFF,       //   DLSR
            0x81, 0xCA, 0x00, 0x05,       // SDES, SC=1, length 5
            0xCA, 0xFE, 0xBA, 0xBE,
            0x01, 0x0A, "me@1.2.3.4", 0x00, 0x00, 0x00, 0x00);

    /** Leaving: an empty RR (a compound starts with a report), the SDES, and BYE with a 14-octet reason. */
    static final byte[] BYE_BYTES = bytes(
            0x80, 0xC9, 0x00, 0x01,       // V=2 P=0 RC=0, PT=201 RR, length 1
            0x12, 0x34, 0x56, 0x78,
            0x81, 0xCA, 0x00, 0x04,
            0x12, 0x34, 0x56, 0x78,
            0x01, 0x09, "user@host", 0x00,
            0x81, 0xCB, 0x00, 0x05,       // V=2 P=0 SC=1, PT=203 BYE, length 5
            0x12, 0x34, 0x56, 0x78,       // SSRC leaving
            0x0E, "stream stopped", 0x00); // reason length 14, text, null to the word boundary

    static final byte[] BYE_WITHOUT_REASON_BYTES = bytes(
            0x80, 0xC9, 0x00, 0x01,
            0x12, 0x34, 0x56, 0x78,
            0x81, 0xCA, 0x00, 0x04,
            0x12, 0x34, 0x56, 0x78,
            0x01, 0x09, "user@host", 0x00,
            0x81, 0xCB, 0x00, 0x01,
            0x12, 0x34, 0x56, 0x78);

    static final TimeRequest TIME_REQUEST = new TimeRequest(LISTENER, SENDER, 0xE3D5A2B1_80000000L);

    /** A listener asks the sender for its clock: an empty RR and the SDES first, then APP "LATS" subtype 0. */
    static final byte[] TIME_REQUEST_BYTES = bytes(
            0x80, 0xC9, 0x00, 0x01,       // RR, no blocks
            0xCA, 0xFE, 0xBA, 0xBE,
            0x81, 0xCA, 0x00, 0x04,       // SDES, SC=1, length 4
            0xCA, 0xFE, 0xBA, 0xBE,
            0x01, 0x09, "user@host", 0x00,
            0x80, 0xCC, 0x00, 0x05,       // V=2 P=0 subtype 0, PT=204 APP, length 5
            0xCA, 0xFE, 0xBA, 0xBE,       // the listener
            "LATS",                       // name
            0x12, 0x34, 0x56, 0x78,       // the sender asked
            0xE3, 0xD5, 0xA2, 0xB1, 0x80, 0x00, 0x00, 0x00); // transmit time, NTP

    static final TimeResponse TIME_RESPONSE = new TimeResponse(SENDER, LISTENER, 0xE3D5A2B1_80000000L,
            0xE3D5A2B1_80001000L, 0xE3D5A2B1_80002000L, 0xE3D5A2B0_00000000L, 0xFFFF_FFF0L, 30_000);

    /** The sender answers: APP "LATS" subtype 1 after an empty RR and the SDES. */
    static final byte[] TIME_RESPONSE_BYTES = bytes(
            0x80, 0xC9, 0x00, 0x01,
            0x12, 0x34, 0x56, 0x78,
            0x81, 0xCA, 0x00, 0x04,
            0x12, 0x34, 0x56, 0x78,
            0x01, 0x09, "user@host", 0x00,
            0x81, 0xCC, 0x00, 0x0D,       // V=2 P=0 subtype 1, PT=204 APP, length 13
            0x12, 0x34, 0x56, 0x78,       // the sender
            "LATS",
            0xCA, 0xFE, 0xBA, 0xBE,       // the listener that asked
            0xE3, 0xD5, 0xA2, 0xB1, 0x80, 0x00, 0x00, 0x00, // originate: the request's transmit time
            0xE3, 0xD5, 0xA2, 0xB1, 0x80, 0x00, 0x10, 0x00, // receive
            0xE3, 0xD5, 0xA2, 0xB1, 0x80, 0x00, 0x20, 0x00, // transmit
            0xE3, 0xD5, 0xA2, 0xB0, 0x00, 0x00, 0x00, 0x00, // mapping: NTP
            0xFF, 0xFF, 0xFF, 0xF0,       //   and its RTP timestamp
            0x00, 0x00, 0x75, 0x30);      // playout delay, 30000 us

    /**
     * What other implementations send too: an APP part, SDES with two chunks whose CNAMEs follow other items, an
     * XR part, and a padded BYE for two sources.
     */
    static final byte[] MIXED_BYTES = bytes(
            0x80, 0xC9, 0x00, 0x01,       // RR, no blocks
            0x11, 0x11, 0x11, 0x11,
            0x80, 0xCC, 0x00, 0x02,       // APP, subtype 0, length 2
            0x11, 0x11, 0x11, 0x11,
            "TEST",                       //   name; no application data
            0x82, 0xCA, 0x00, 0x08,       // SDES, SC=2, length 8
            0x22, 0x22, 0x22, 0x22,       //   chunk 1
            0x02, 0x03, "Bob",            //     NAME item
            0x01, 0x03, "b@x",            //     CNAME item
            0x00, 0x00,                   //     null item, then a null to the word boundary
            0x11, 0x11, 0x11, 0x11,       //   chunk 2
            0x06, 0x02, "lt",             //     TOOL item
            0x01, 0x05, "a@hst",          //     CNAME item
            0x00,                         //     null item, already on the boundary
            0x80, 0xCF, 0x00, 0x01,       // XR, no report blocks
            0x11, 0x11, 0x11, 0x11,
            0xA2, 0xCB, 0x00, 0x03,       // V=2 P=1 SC=2, BYE, length 3
            0x11, 0x11, 0x11, 0x11,
            0x33, 0x33, 0x33, 0x33,
            0x00, 0x00, 0x00, 0x04);      // padding: four octets, the last counting them

    private RtcpExamples() {
    }

    /** Octets given as ints, and ASCII text as strings. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer octet) {
                out.write(octet);
            } else {
                out.writeBytes(((String) part).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }
}

package org.liveaudio.transport.rtp;

/** Why {@link RtpHeader#parse} accepted or refused a datagram; a value, so that refusing allocates nothing. */
public enum ParseResult {
    OK,
    /** Shorter than the 12-byte fixed header. */
    TOO_SHORT,
    /** Not RTP version 2. */
    BAD_VERSION,
    /** The CSRC count names more identifiers than the datagram holds. */
    CSRC_OVERRUN,
    /** The header extension (or its 4-byte preamble) runs past the end of the datagram. */
    EXTENSION_OVERRUN,
    /** The padding bit is set but the last byte counts zero or more bytes than follow the headers. */
    BAD_PADDING
}

package org.liveaudio.transport.rtcp;

/** Why a datagram is not a valid compound RTCP packet (RFC 3550, section 6.1 and appendix A.2). */
public enum Malformation {
    /** Shorter than one part header. */
    TOO_SHORT,
    /** A part whose version is not 2. */
    BAD_VERSION,
    /** The first part is neither a sender nor a receiver report. */
    FIRST_NOT_REPORT,
    /** Bytes after the last whole part that cannot hold another part header. */
    TRUNCATED_HEADER,
    /** A part whose length field reaches past the end of the datagram. */
    LENGTH_BEYOND_DATAGRAM,
    /** The padding bit set on a part other than the last. */
    PADDING_NOT_LAST,
    /** The padding count is zero or more than the part's body. */
    BAD_PADDING,
    /** A sender or receiver report with more report blocks than its length holds. */
    REPORT_OVERRUN,
    /** An SDES chunk or item running past its part, or a chunk without its terminating null octet. */
    SDES_OVERRUN,
    /** A BYE with more sources or a longer reason than its length holds. */
    BYE_OVERRUN,
    /** A time request or response (APP {@code LATS}) whose length is not the one its subtype has. */
    TIME_EXCHANGE_LENGTH,
    /** An XR without its sender's SSRC, or with a report block running past the packet (RFC 3611, 3). */
    XR_OVERRUN,
    /** An XR Post-Repair Loss Count block (RFC 7509) whose length is not that block's. */
    XR_REPAIR_LENGTH
}

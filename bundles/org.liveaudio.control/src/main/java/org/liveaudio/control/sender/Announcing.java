package org.liveaudio.control.sender;

/**
 * How the stream presents itself to other tools: the SDP's {@code s=} and {@code i=} lines, and whether and how
 * often SAP announces the SDP.
 *
 * @param description empty for none
 * @param clockSignalling whether the SDP carries RFC 7273's clock attributes, as {@code profile=aes67} asks
 */
record Announcing(String name, String description, boolean sap, int intervalSeconds, boolean clockSignalling) {
}

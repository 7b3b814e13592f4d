package org.liveaudio.control.sender;

/**
 * How the stream presents itself to other tools: the SDP's {@code s=} and {@code i=} lines, and whether and how
 * often SAP announces the SDP.
 *
 * @param description empty for none
 */
record Announcing(String name, String description, boolean sap, int intervalSeconds) {
}

package org.liveaudio.control.sender;

/**
 * What a listener locks onto besides the SSRC: any change of it makes the old packets meaningless to a
 * listener, so the stream starts a new RTP session instead of continuing the old one.
 */
record SessionShape(int sampleRate, int channels, int frameMicros, String codec, int payloadType) {
}

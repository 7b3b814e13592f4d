package org.liveaudio.listener.engine;

/** A consistent snapshot of what the receive side counted, taken under its lock. */
record ReceptionStats(long ssrc, long received, long lost, long late, long duplicates, long reordered,
        long malformed, long undecodable, double jitterMillis, int bufferedFrames, long underruns, long concealedFrames,
        long passedOver, long fecRecovered) {
}

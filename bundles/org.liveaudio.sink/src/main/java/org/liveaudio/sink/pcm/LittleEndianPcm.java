package org.liveaudio.sink.pcm;

/** Interleaved values as the little-endian bytes that WAV files and javax.sound lines take. */
public final class LittleEndianPcm {
    private LittleEndianPcm() {
    }

    /** Writes {@code values} values of {@code pcm} to {@code out[0 .. 2 * values)}. */
    public static void toBytes(short[] pcm, int values, byte[] out) {
        int at = 0;
        for (int i = 0; i < values; i++) {
            short value = pcm[i];
            out[at++] = (byte) value;
            out[at++] = (byte) (value >> 8);
        }
    }
}

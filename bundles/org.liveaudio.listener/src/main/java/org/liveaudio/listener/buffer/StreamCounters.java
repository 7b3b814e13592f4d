package org.liveaudio.listener.buffer;

/**
 * What happened to the packets of a stream, kept apart from the jitter buffer so that the counts go on
 * when the buffer is rebuilt for a new configuration. Not thread-safe, like the buffer that writes it.
 */
public final class StreamCounters {
    long received;
    long lost;
    long late;
    long duplicates;
    long reordered;
    long undecodable;
    long underruns;
    long concealed;
    long passedOver;
    long fecRecovered;

    /** Packets of the locked stream with a usable payload, whatever became of them afterwards. */
    public long received() {
        return received;
    }

    /** Sequence numbers that never arrived in time: gaps at playout, across an idle period, or overflowed. */
    public long lost() {
        return lost;
    }

    /** Packets dropped unplayed: after their turn, pushed out by overflow, or an unconfirmed sequence jump. */
    public long late() {
        return late;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Packets lost on the way and rebuilt from the FEC repair stream in time to play; not counted as received. */
    public long fecRecovered() {
        return fecRecovered;
    }

    /** Packets that came after a higher sequence number and were still in time to play. */
    public long reordered() {
        return reordered;
    }

    /** Payloads the listener's codec cannot read, or whose length its timestamps belie. */
    public long undecodable() {
        return undecodable;
    }

    public long underruns() {
        return underruns;
    }

    /** Periods played as concealment in place of a lost frame. */
    public long concealed() {
        return concealed;
    }

    /**
     * Lost frames that got no period of their own, neither concealed nor rebuilt: the playout stalled past their
     * instants, and playing them then would shift the audio against the sender's clock.
     */
    public long passedOver() {
        return passedOver;
    }
}

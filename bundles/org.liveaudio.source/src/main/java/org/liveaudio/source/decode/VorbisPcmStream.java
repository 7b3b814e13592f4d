package org.liveaudio.source.decode;

import com.jcraft.jogg.Packet;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * An Ogg Vorbis stream decoded with JOrbis, packet by packet out of {@link OggPackets}. (vorbisspi's Java Sound
 * wrapper around JOrbis delivered no audio at all from oggenc's files here, so JOrbis is driven directly.)
 */
final class VorbisPcmStream extends PacketPcmStream {
    private static final int HEADERS = 3;
    private static final int COMMENT_HEADER = 1;
    /** {@code \u0003vorbis}, before the comment block in the comment header. */
    private static final int COMMENT_MAGIC_LENGTH = 7;

    private final OggPackets packets;
    private final Info info;
    private final DspState dsp = new DspState();
    private final Block block;
    private final Packet packet = new Packet();
    private final float[][][] pcm = new float[1][][];
    private final int[] index;
    private final String title;

    private VorbisPcmStream(OggPackets packets, InputStream file, Info info, String title) {
        super(file, info.channels);
        this.packets = packets;
        this.info = info;
        this.title = title;
        this.index = new int[info.channels];
        dsp.synthesis_init(info);
        this.block = new Block(dsp);
    }

    /** @param packets positioned at the identification header, the stream's first packet */
    static VorbisPcmStream open(OggPackets packets, InputStream file, Path path)
            throws UnsupportedAudioFileException, IOException {
        Info info = new Info();
        info.init();
        Comment comment = new Comment();
        comment.init();
        Packet header = new Packet();
        String title = Titles.fileName(path);
        for (int i = 0; i < HEADERS; i++) {
            if (i > 0 && !packets.next()) {
                throw new UnsupportedAudioFileException("an Ogg Vorbis file that ends within its headers");
            }
            wrap(packets, header, i);
            if (info.synthesis_headerin(comment, header) < 0) {
                throw new UnsupportedAudioFileException("an Ogg Vorbis file with a damaged header");
            }
            if (i == COMMENT_HEADER) {
                int magic = COMMENT_MAGIC_LENGTH;
                title = VorbisComments.title(packets.packet(), magic, packets.length() - magic, path);
            }
        }
        return new VorbisPcmStream(packets, file, info, title);
    }

    /** From the comment header's tags. */
    String title() {
        return title;
    }

    int rate() {
        return info.rate;
    }

    int channels() {
        return info.channels;
    }

    @Override
    boolean decodeNext() throws IOException {
        if (!packets.next()) {
            return false;
        }
        wrap(packets, packet, HEADERS);
        if (block.synthesis(packet) == 0) {
            dsp.synthesis_blockin(block);
        }
        int available = dsp.synthesis_pcmout(pcm, index);
        int samples = samplesWithin(packets, Math.max(0, available));
        output(samples);
        int channels = info.channels;
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < channels; c++) {
                put(s * channels + c, Math.round(pcm[0][c][index[c] + s] * Short.MAX_VALUE));
            }
        }
        if (available > 0) {
            dsp.synthesis_read(available);
        }
        return true;
    }

    private static void wrap(OggPackets packets, Packet packet, int number) {
        packet.packet_base = packets.packet();
        packet.packet = 0;
        packet.bytes = packets.length();
        packet.b_o_s = number == 0 ? 1 : 0;
        packet.e_o_s = packets.onLastPage() ? 1 : 0;
        packet.granulepos = packets.granule();
        packet.packetno = number;
    }
}

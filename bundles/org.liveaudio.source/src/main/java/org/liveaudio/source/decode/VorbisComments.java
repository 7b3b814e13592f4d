package org.liveaudio.source.decode;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads ARTIST and TITLE from a Vorbis comment block, the tag format that Ogg Vorbis, Ogg Opus and FLAC share.
 * Tags only name what plays: a damaged block falls back to the file name rather than refusing the file.
 */
final class VorbisComments {
    private VorbisComments() {
    }

    /** @param block the comment block from its vendor-length field on */
    static String title(byte[] block, int offset, int length, Path file) {
        ByteBuffer in = ByteBuffer.wrap(block, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        String artist = null;
        String title = null;
        try {
            skip(in, in.getInt());
            for (long count = in.getInt() & 0xFFFF_FFFFL; count > 0; count--) {
                String comment = text(in, in.getInt());
                int equals = comment.indexOf('=');
                String key = equals < 0 ? "" : comment.substring(0, equals).toUpperCase(Locale.ROOT);
                String value = comment.substring(equals + 1);
                if (key.equals("ARTIST") && artist == null) {
                    artist = value;
                } else if (key.equals("TITLE") && title == null) {
                    title = value;
                }
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            // a damaged block: keep what was read before the damage
        }
        return Titles.of(artist, title, file);
    }

    private static void skip(ByteBuffer in, int bytes) {
        in.position(in.position() + bytes);
    }

    private static String text(ByteBuffer in, int bytes) {
        if (bytes < 0 || bytes > in.remaining()) {
            throw new BufferUnderflowException();
        }
        String text = new String(in.array(), in.arrayOffset() + in.position(), bytes, StandardCharsets.UTF_8);
        skip(in, bytes);
        return text;
    }
}

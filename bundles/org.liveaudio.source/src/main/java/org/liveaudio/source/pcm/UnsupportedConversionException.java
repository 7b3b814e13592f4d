package org.liveaudio.source.pcm;

/** Audio that javax.sound cannot bring to the stream format, with the two formats in words. */
public final class UnsupportedConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedConversionException(String reason) {
        super(reason);
    }
}

package org.liveaudio.source.file;

/** A file the source cannot play, with the reason in words for the warning and the status line. */
final class UnplayableFileException extends Exception {
    private static final long serialVersionUID = 1L;

    UnplayableFileException(String reason) {
        super(reason);
    }
}

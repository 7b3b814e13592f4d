package org.liveaudio.web.json;

/** A request the API refuses: the HTTP status and a sentence for the caller. Nothing was changed. */
public final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

package org.liveaudio.control.relay;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A source connection to an Icecast 2.4 server: an HTTP PUT to the mount with Basic authentication, then the
 * stream as the request's body for as long as it runs. Java's HTTP client would send a body of unknown length
 * chunked, which Icecast 2.4 does not take (2.5 does), so the request is written by hand, as libshout does.
 */
final class IcecastConnection implements AutoCloseable {
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** How long the server may take to answer the request. */
    static final int ANSWER_TIMEOUT_MILLIS = 5_000;
    private static final int MAX_LINE_BYTES = 1024;

    private final Socket socket;
    private final OutputStream out;

    private IcecastConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /**
     * Connects and asks to stream to the mount.
     *
     * @throws RefusedException when the server answers but will not take the stream (wrong password, mount in use)
     * @throws IOException when the server cannot be reached or breaks off
     */
    static IcecastConnection open(RelaySettings settings, String password) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            String credentials = Base64.getEncoder().encodeToString(
                    (settings.user() + ":" + password).getBytes(StandardCharsets.UTF_8));
            String request = "PUT " + settings.mount() + " HTTP/1.1\r\n"
                    + "Host: " + settings.host() + ":" + settings.port() + "\r\n"
                    + "Authorization: Basic " + credentials + "\r\n"
                    + "User-Agent: liveaudio-relay\r\n"
                    + "Content-Type: audio/ogg\r\n"
                    + "Ice-Name: " + settings.streamName() + "\r\n"
                    + "Ice-Public: 0\r\n"
                    + "Expect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            awaitGoAhead(new BufferedInputStream(socket.getInputStream()));
            return new IcecastConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Reads the answers up to the one that lets the body go: 100 Continue, then (Icecast 2.4) 200 OK. */
    private static void awaitGoAhead(InputStream in) throws IOException {
        while (true) {
            String status;
            try {
                status = line(in);
            } catch (SocketTimeoutException e) {
                // Icecast 2.5 answers 100 and then nothing until the stream ends: the body may go.
                return;
            }
            int code = statusCode(status);
            while (!line(in).isEmpty()) {
                // headers of the answer: nothing in them changes what the relay does
            }
            if (code == 200) {
                return;
            }
            if (code != 100) {
                throw new RefusedException(status);
            }
            if (in.available() == 0) {
                return;
            }
        }
    }

    private static int statusCode(String status) throws IOException {
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("the server answered '" + status + "', which is not HTTP");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("the server answered '" + status + "', which is not HTTP");
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("the server closed the connection" + (line.length() == 0 ? ""
                        : " after '" + line + "'"));
            }
            if (c != '\r' && line.length() < MAX_LINE_BYTES) {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /**
     * Sends bytes of the stream; blocks while the server's window is full (a socket's read timeout does not bound a
     * write). Closing the connection from another thread ends the wait. A server that stops reading without closing
     * holds the relay's thread until TCP gives up, and the ring meanwhile drops frames, counted in the status.
     */
    void write(byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // the connection is gone either way
        }
    }

    /** The server answered, and not with a go-ahead: the status line says why. */
    static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedException(String status) {
            super("the server refused the stream: " + status);
        }
    }
}

package org.liveaudio.control.relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An Icecast 2.4 server as a source client sees it, on loopback: it reads a request's head, answers it as told
 * (Icecast 2.4 answers a PUT with 100 Continue and then 200 OK), and keeps what the client sends after that.
 */
final class FakeIcecast implements AutoCloseable {
    static final String GO_AHEAD = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\n";

    /** One source connection: the request's head and the body received so far. */
    static final class Source {
        final List<String> head = new ArrayList<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final Socket socket;

        Source(Socket socket) {
            this.socket = socket;
        }

        synchronized byte[] bodyBytes() {
            return body.toByteArray();
        }

        synchronized void received(byte[] bytes, int length) {
            body.write(bytes, 0, length);
        }
    }

    private final ServerSocket server;
    private final BlockingQueue<Source> sources = new LinkedBlockingQueue<>();
    private final Thread acceptor;
    private volatile String answer;

    FakeIcecast(String answer) throws IOException {
        this.answer = answer;
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "fake-icecast");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void answer(String answer) {
        this.answer = answer;
    }

    /** The next source connection whose head has been read, waiting at most {@code millis}. */
    Source nextSource(long millis) throws InterruptedException {
        return sources.poll(millis, TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> serve(socket), "fake-icecast-source");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Source source = new Source(socket);
        try (socket) {
            InputStream in = socket.getInputStream();
            String line;
            while (!(line = line(in)).isEmpty()) {
                source.head.add(line);
            }
            OutputStream out = socket.getOutputStream();
            String reply = answer;
            out.write(reply.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            sources.add(source);
            if (!reply.equals(GO_AHEAD)) {
                return;
            }
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                source.received(buffer, n);
            }
        } catch (IOException e) {
            // the client went, or the test closed the connection
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("closed in the request's head");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

package org.liveaudio.itests;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Icecast 2.4 server (Debian's {@code icecast2}) for a test: its own configuration and logs in the test's
 * folder, listening on 127.0.0.1 only. Icecast refuses to run as root, so under root it runs as {@code nobody}.
 * Started and stopped within bounded waits; a server that will not stop is destroyed.
 */
final class IcecastServer implements AutoCloseable {
    private static final String BINARY = "icecast2";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path folder;
    private final int port;
    private final String sourcePassword;
    private Process process;

    private IcecastServer(Path folder, int port, String sourcePassword) {
        this.folder = folder;
        this.port = port;
        this.sourcePassword = sourcePassword;
    }

    /** Why the tests cannot run Icecast here, or {@code null} when it is installed. */
    static String unavailable() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, BINARY))) {
                return null;
            }
        }
        return "no " + BINARY + " on the PATH: install Debian's icecast2, as .ci/run does";
    }

    /** A server on a free port of 127.0.0.1, started. */
    static IcecastServer start(Path folder, String sourcePassword) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        IcecastServer server = new IcecastServer(folder, port, sourcePassword);
        server.start();
        return server;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the server (again, after {@link #stop}) on the same port, and waits until it accepts connections. */
    void start() throws IOException, InterruptedException {
        Path logs = Files.createDirectories(folder.resolve("icecast-log"));
        // Under root the server runs as nobody, which must be able to write its logs here.
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path configuration = folder.resolve("icecast.xml");
        Files.writeString(configuration, configuration(logs));
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        command.addAll(List.of(BINARY, "-c", configuration.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("icecast-console.txt").toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                stop();
                throw new IOException("Icecast did not start listening on " + url() + " within "
                        + START_TIMEOUT.toSeconds() + " s; see " + folder.resolve("icecast-console.txt") + " and "
                        + logs.resolve("error.log"));
            }
            Thread.sleep(50);
        }
    }

    /** Stops the server as a crash or a restart would: every connection, the relay's among them, breaks. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        // The server itself, under root a child of runuser: stopped first, so that nothing outlives the test.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String configuration(Path logs) {
        return "<icecast>\n"
                + "  <location>test</location><admin>test@localhost</admin>\n"
                + "  <limits><clients>10</clients><sources>2</sources><queue-size>524288</queue-size>"
                + "<client-timeout>30</client-timeout><header-timeout>15</header-timeout>"
                + "<source-timeout>10</source-timeout><burst-on-connect>1</burst-on-connect>"
                + "<burst-size>65535</burst-size></limits>\n"
                + "  <authentication><source-password>" + sourcePassword + "</source-password>"
                + "<admin-user>admin</admin-user><admin-password>" + sourcePassword + "-admin</admin-password>"
                + "</authentication>\n"
                + "  <hostname>127.0.0.1</hostname>\n"
                + "  <listen-socket><port>" + port + "</port><bind-address>127.0.0.1</bind-address></listen-socket>\n"
                + "  <fileserve>0</fileserve>\n"
                + "  <paths><basedir>/usr/share/icecast2</basedir><logdir>" + logs + "</logdir>"
                + "<webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot>"
                + "</paths>\n"
                + "  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>3</loglevel>"
                + "</logging>\n"
                + "  <security><chroot>0</chroot></security>\n"
                + "</icecast>\n";
    }
}

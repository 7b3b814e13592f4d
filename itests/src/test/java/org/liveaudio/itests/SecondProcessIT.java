package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Assume;
import org.junit.Test;

/**
 * Two listener processes started from one folder, as the README allows: the second's web console takes the next free
 * port instead of failing to bind, and both answer. On loopback, where the test can reach both consoles.
 */
public class SecondProcessIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));
    private static final Pattern CONSOLE = Pattern.compile("Web console at http://127\\.0\\.0\\.1:(\\d+)/");

    @Test
    public void aSecondListenerProcessFromOneFolderGetsAWebConsoleOfItsOwn() throws Exception {
        String unavailable = Distribution.unavailable();
        Assume.assumeTrue(unavailable, unavailable == null);
        try (Distribution distribution = Distribution.copyTo(Files.createTempDirectory(TARGET, "second-process-"))) {
            Path logs = distribution.home().resolve("log");
            distribution.start("listener");
            int first = consolePort(logs.resolve("liveaudio-listener.log"));
            DistributionProcess second = distribution.start("listener");
            int other = consolePort(logs.resolve("liveaudio-listener-2.log"));

            assertNotEquals("the two processes' console ports", first, other);
            for (int port : new int[] {first, other}) {
                assertEquals("the console on port " + port + " answers", 200,
                        new ConsoleClient(port).get("/").statusCode());
            }
            String output = second.consoleText();
            assertFalse("the second process printed no bind failure:\n" + output, output.contains("Failed to bind"));
        }
    }

    /** The port the console of the process writing {@code log} logs that it serves on. */
    private static int consolePort(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (Files.exists(log)) {
                Matcher console = CONSOLE.matcher(Files.readString(log, StandardCharsets.UTF_8));
                if (console.find()) {
                    return Integer.parseInt(console.group(1));
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no console line in " + log + " within " + START_TIMEOUT);
    }
}

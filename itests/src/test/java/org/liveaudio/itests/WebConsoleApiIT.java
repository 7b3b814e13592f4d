package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.Test;

/**
 * The web console's JSON API on a demo process of the distribution (a sender and a listener in one framework), as
 * a script drives it: each endpoint, the password, and each kind of bad request refused with its 4xx while the
 * stream goes on unchanged.
 */
public class WebConsoleApiIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));
    static final String PASSWORD = "correct horse battery staple";

    @Test
    public void theApiReadsOpenlyOnLoopbackChangesOnlyWithThePasswordAndRefusesBadInputChangingNothing()
            throws Exception {
        String unavailable = Distribution.unavailable();
        assumeTrue(unavailable, unavailable == null);
        Path folder = Files.createTempDirectory(TARGET, "web-api-");
        try (Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio"))) {
            ConsoleClient console = startDemo(distribution);

            // The console is up before the stream may be: FileInstall still refreshes the bundles as the demo starts.
            StreamingTestSupport.waitUntil("the demo's stream plays", TIMEOUT,
                    () -> "playing".equals(ConsoleClient.field(body(console, "/api/status"), "state")));
            long before = packets(console);
            StreamingTestSupport.waitUntil("the packet count rises", TIMEOUT, () -> packets(console) > before + 50);
            StreamingTestSupport.waitUntil("the demo's listener is heard through RTCP", TIMEOUT,
                    () -> body(console, "/api/listeners").contains("\"ssrc\""));
            assertTrue(console.get("/api/receivers").body().contains("\"name\":\"demo\""));
            String sources = console.get("/api/sources").body();
            assertTrue(sources, sources.contains("\"files\":[\"chirp.wav\"]"));
            assertTrue(sources, sources.contains("\"source\":\"melody\""));
            assertEquals(404, console.get("/api/nothing").statusCode());

            // the password file was hashed in place at the first login attempt
            assertEquals(401, console.post("/api/pause", "{}").statusCode());
            assertEquals(401, console.post("/api/login", "{\"password\":\"wrong\"}").statusCode());
            String token = console.login(PASSWORD);
            String stored = Files.readString(distribution.home().resolve("config/web.password"));
            assertTrue(stored, stored.startsWith("pbkdf2-sha256$"));
            assertFalse(stored.contains(PASSWORD));
            assertEquals("playing", state(console));

            String bearer = "Bearer " + token;
            HttpResponse<String> crossSite = console.post("/api/pause", "{}", "Authorization", bearer, "Origin",
                    "http://evil.example");
            assertEquals(crossSite.body(), 403, crossSite.statusCode());
            assertEquals("playing", state(console));

            assertEquals(200, console.post("/api/pause", "{}", "Authorization", bearer).statusCode());
            assertEquals("paused", state(console));
            Thread.sleep(300);
            long paused = packets(console);
            Thread.sleep(500);
            assertEquals("no packets while paused", paused, packets(console));
            assertEquals(200, console.post("/api/play", "{}", "Authorization", bearer, "Origin", console.base())
                    .statusCode());
            StreamingTestSupport.waitUntil("packets flow again after play", TIMEOUT, () -> packets(console) > paused);

            refusedAndSourceUnchanged(console, 400, "{\"source\":\"radio\"}", bearer);
            refusedAndSourceUnchanged(console, 400, "{\"source\":\"file\",\"file\":\"../web.password\"}", bearer);
            refusedAndSourceUnchanged(console, 400, "{\"source\": melody}", bearer);
            refusedAndSourceUnchanged(console, 400, "{\"source\":\"tone\"", bearer);
            refusedAndSourceUnchanged(console, 413, "{\"source\":\"" + "t".repeat(5000) + "\"}", bearer);
            HttpResponse<String> form = console.postAs("/api/source", "application/x-www-form-urlencoded",
                    "source=tone", "Authorization", bearer);
            assertEquals(form.body(), 415, form.statusCode());
            assertEquals("melody", ConsoleClient.field(console.get("/api/status").body(), "source"));

            assertEquals(202, console.post("/api/source", "{\"source\":\"file\",\"file\":\"chirp.wav\"}",
                    "Authorization", bearer).statusCode());
            StreamingTestSupport.waitUntil("the sender plays the chosen file", TIMEOUT,
                    () -> body(console, "/api/status").contains("chirp.wav"));

            String event = firstEvent(console.base() + "/api/events");
            assertTrue(event, event.startsWith("event: update\ndata: {\"sender\":{\"status\":"));
            assertTrue(event, event.contains("\"receivers\":[{\"name\":\"demo\""));
        }
    }

    /** Starts the demo with a password file and a music folder of one file; its console's client. */
    static ConsoleClient startDemo(Distribution distribution) throws Exception {
        Path home = distribution.home();
        Files.writeString(home.resolve("config/web.password"), PASSWORD + "\n");
        Files.createDirectories(home.resolve("music"));
        WavFiles.write(home.resolve("music/chirp.wav"), TestSignal.chirps(96_000, 48_000), 48_000, 2);
        int port = ConsoleClient.freePort();
        distribution.start("demo", "-Dorg.osgi.service.http.port=" + port);
        ConsoleClient console = new ConsoleClient(port);
        console.awaitUp(START_TIMEOUT);
        return console;
    }

    private static void refusedAndSourceUnchanged(ConsoleClient console, int status, String body, String bearer)
            throws Exception {
        HttpResponse<String> answer = console.post("/api/source", body, "Authorization", bearer);
        assertEquals(answer.body(), status, answer.statusCode());
        assertTrue(answer.body(), answer.body().startsWith("{\"error\":\""));
        assertEquals("melody", ConsoleClient.field(console.get("/api/status").body(), "source"));
    }

    private static String state(ConsoleClient console) throws Exception {
        return ConsoleClient.field(console.get("/api/status").body(), "state");
    }

    static long packets(ConsoleClient console) {
        return Long.parseLong(ConsoleClient.field(body(console, "/api/stats"), "packetsSent"));
    }

    private static String body(ConsoleClient console, String path) {
        try {
            return console.get(path).body();
        } catch (Exception e) {
            throw new AssertionError(path + ": " + e, e);
        }
    }

    /** The first Server-Sent Event of {@code url}: its lines up to the blank one. */
    private static String firstEvent(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream;charset=utf-8", response.headers().firstValue("Content-Type").orElse("")
                .toLowerCase().replace(" ", ""));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            StringBuilder event = new StringBuilder();
            for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                event.append(line).append('\n');
            }
            return event.toString();
        }
    }
}

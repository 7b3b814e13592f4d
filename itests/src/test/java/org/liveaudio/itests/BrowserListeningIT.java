package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Listening in a browser: a demo process of the distribution plays a file of chirps, and two clients at once play
 * its {@code /stream.opus}: headless Chromium through the console's "Listen here" button, whose {@code <audio>}
 * element must play at real time without error, and ffmpeg, whose recording must sound like the source. Then the
 * latency from {@code play()} to each client's playback is measured over pauses (reported, not asserted).
 */
public class BrowserListeningIT {
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration FFMPEG_TIMEOUT = Duration.ofSeconds(30);
    private static final int SAMPLE_RATE = 48_000;
    private static final int CHANNELS = 2;
    /** The demo's music/chirp.wav (see {@link WebConsoleApiIT#startDemo}), looped by the sender. */
    private static final short[] SOURCE = TestSignal.chirps(2 * SAMPLE_RATE, SAMPLE_RATE);
    /** 1 s of the 2 s loop, searched for in 3.5 s that ffmpeg plays, which hold it whole wherever it joined. */
    private static final int WINDOW_START = SAMPLE_RATE / 2;
    private static final int WINDOW_LENGTH = SAMPLE_RATE;
    private static final double PLAY_SECONDS = 3.5;
    private static final double MIN_CORRELATION = 0.9;
    private static final long REAL_TIME_MILLIS = 3_000;
    private static final double MIN_ADVANCE_SECONDS = 2.5;
    /** Pauses and plays whose latency to each client is measured; more for a measurement. */
    private static final int RESUMES = Integer.getInteger("liveaudio.bench.resumes", 3);
    /** For measurements: the stream's Opus bitrate in kbit/s, where not the default. */
    private static final String BITRATE_PROPERTY = "liveaudio.bench.listenBitrate";

    @Test
    public void chromiumAndFfmpegPlayTheStreamAtOnceInRealTimeAndItSoundsLikeTheSource() throws Exception {
        String unavailable = Distribution.unavailable();
        assumeTrue(unavailable, unavailable == null);
        String noBrowser = Chromium.unavailable();
        assumeTrue(noBrowser, noBrowser == null);
        Path folder = Files.createTempDirectory(TARGET, "browser-listening-");
        String noFfmpeg = Ffmpeg.unavailable(folder);
        assumeTrue(noFfmpeg, noFfmpeg == null);
        try (Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio"))) {
            String bitrate = System.getProperty(BITRATE_PROPERTY);
            if (bitrate != null) {
                Files.writeString(distribution.home().resolve("config/sender/org.liveaudio.web.stream.cfg"),
                        "bitrate=" + bitrate + "\n");
            }
            ConsoleClient console = WebConsoleApiIT.startDemo(distribution);
            String bearer = "Bearer " + console.login(WebConsoleApiIT.PASSWORD);
            assertEquals(202, console.post("/api/source", "{\"source\":\"file\",\"file\":\"chirp.wav\"}",
                    "Authorization", bearer).statusCode());
            StreamingTestSupport.waitUntil("the sender plays the chirps", TIMEOUT,
                    () -> status(console).contains("chirp.wav"));
            String url = console.base() + "/stream.opus";
            // The console's rule for reads: open on loopback under a loopback name only, so a page whose name was
            // rebound to 127.0.0.1 cannot listen, unless logged in.
            assertEquals("HTTP/1.1 401 Unauthorized", statusLine(console, "evil.example", null));
            assertEquals("HTTP/1.1 200 OK", statusLine(console, "evil.example", bearer));

            WebDriver browser = Chromium.start(folder, "--autoplay-policy=no-user-gesture-required");
            try {
                browser.get(console.base() + "/");
                browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(40));
                List<Double> starts = new ArrayList<>();
                for (int i = 0; i < RESUMES; i++) {
                    if (i > 0) {
                        browser.findElement(By.id("listen")).click();
                        new WebDriverWait(browser, TIMEOUT).withMessage("Stop listening resets the player")
                                .until(page -> currentTime(page) == 0);
                    }
                    starts.add(inPage(browser, START_SCRIPT, "start " + (i + 1)));
                }
                Collections.sort(starts);
                System.out.println("BrowserListeningIT: from Listen here to the <audio> element playing: "
                        + ResumeLatency.summary(starts));

                CompletableFuture<Correlation.Match> ffmpeg = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Ffmpeg.playAndCorrelate(url, PLAY_SECONDS, folder.resolve("from-stream.wav"),
                                folder.resolve("ffmpeg.log"), SOURCE, SAMPLE_RATE, CHANNELS, WINDOW_START,
                                WINDOW_LENGTH, FFMPEG_TIMEOUT);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                StreamingTestSupport.waitUntil("two clients at once: " + status(console), TIMEOUT,
                        () -> status(console).contains("\"clients\":2"));

                double before = currentTime(browser);
                long start = System.nanoTime();
                Thread.sleep(REAL_TIME_MILLIS);
                double advanced = currentTime(browser) - before;
                double wall = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "BrowserListeningIT: the <audio> element advanced %.2f s in %.2f s%n",
                        advanced, wall);
                assertEquals("the <audio> element's error", "null", script(browser,
                        "const e = document.getElementById('player').error; return e && e.code + ' ' + e.message;"));
                assertTrue("the <audio> element advanced " + advanced + " s in " + wall + " s",
                        advanced >= MIN_ADVANCE_SECONDS && advanced <= wall + 0.25);

                Correlation.Match match = ffmpeg.get(FFMPEG_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                System.out.printf(Locale.ROOT, "BrowserListeningIT: ffmpeg from %s: correlation %.4f%n", url,
                        match.correlation());
                assertTrue("ffmpeg's recording of the stream: correlation " + match.correlation() + ", expected above "
                        + MIN_CORRELATION, match.correlation() > MIN_CORRELATION);

                List<Double> toBrowser = browserResumes(browser, bearer);
                List<Double> sorted = new ArrayList<>(toBrowser);
                Collections.sort(sorted);
                System.out.println("BrowserListeningIT: from play() to the <audio> element playing again: "
                        + ResumeLatency.summary(sorted) + "; in turn: " + toBrowser.stream()
                                .map(ms -> String.format(Locale.ROOT, "%.0f", ms)).toList());
            } finally {
                browser.quit();
            }
            System.out.println("BrowserListeningIT: from play() to ffmpeg's first decoded audio from /stream.opus: "
                    + ResumeLatency.summary(ResumeLatency.measure(gate(console, bearer), url, RESUMES,
                            folder.resolve("ffmpeg-latency.log"))));
            StreamingTestSupport.waitUntil("the clients are gone: " + status(console), TIMEOUT,
                    () -> status(console).contains("\"clients\":0"));
            assertTrue(status(console), status(console).contains("\"droppedClients\":0"));
        }
    }

    /**
     * Pauses the stream until the element's {@code currentTime} has stood still for a second (its buffer played
     * out), plays it, and times until {@code currentTime} moves again, all within the page, on its clock; each
     * resume's latency in ms, in turn. A pause leaves no gap in the stream's timeline, so the element plays the
     * frame captured at {@code play()} when it moves again, and every later frame as late: this is the latency from
     * capture to the browser's playback (the element's own {@code buffered} ranges are estimated from bytes, not
     * read from the stream, and are no measure of it).
     */
    private static List<Double> browserResumes(WebDriver browser, String bearer) {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < RESUMES; i++) {
            latencies.add(inPage(browser, RESUME_SCRIPT, "resume " + (i + 1), bearer));
        }
        return latencies;
    }

    /** Runs an asynchronous script that answers a time in ms, or why not. */
    private static double inPage(WebDriver browser, String script, String what, Object... arguments) {
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript(script, arguments);
        if (!(answer instanceof Number)) {
            throw new AssertionError(what + ": " + answer);
        }
        return ((Number) answer).doubleValue();
    }

    /**
     * Clicks "Listen here" and times until the element plays: its {@code currentTime} moves past where it stood
     * when it had data enough to play. The stream sends a new client only what is captured after it came (no
     * backlog), so this is also how far behind the capture a new listener plays.
     */
    private static final String START_SCRIPT = String.join("\n",
            "const done = arguments[arguments.length - 1];",
            "const player = document.getElementById('player');",
            "const clicked = performance.now();",
            "document.getElementById('listen').click();",
            "let start = null;",
            "const poll = () => {",
            "  if (player.error) { return done('error ' + player.error.code + ' ' + player.error.message); }",
            "  if (start === null && !player.paused && player.readyState >= 3) { start = player.currentTime; }",
            "  if (start !== null && player.currentTime > start) { return done(performance.now() - clicked); }",
            "  if (performance.now() - clicked > 15000) { return done('not playing 15 s after Listen here'); }",
            "  setTimeout(poll, 2);",
            "};",
            "poll();");

    private static final String RESUME_SCRIPT = String.join("\n",
            "const done = arguments[arguments.length - 1];",
            "const headers = {'Authorization': arguments[0], 'Content-Type': 'application/json'};",
            "const player = document.getElementById('player');",
            "const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));",
            "(async () => {",
            "  let answer = await fetch('api/pause', {method: 'POST', headers, body: '{}'});",
            "  if (!answer.ok) { return 'pause refused: ' + answer.status; }",
            "  let last = player.currentTime, since = performance.now();",
            "  const deadline = since + 15000;",
            "  while (performance.now() - since < 1000) {",
            "    await sleep(10);",
            "    if (player.currentTime !== last) { last = player.currentTime; since = performance.now(); }",
            "    if (performance.now() > deadline) { return 'still playing 15 s after the pause'; }",
            "  }",
            "  const played = performance.now();",
            "  answer = await fetch('api/play', {method: 'POST', headers, body: '{}'});",
            "  if (!answer.ok) { return 'play refused: ' + answer.status; }",
            "  while (player.currentTime === last) {",
            "    await sleep(2);",
            "    if (performance.now() - played > 15000) { return 'not playing 15 s after play'; }",
            "  }",
            "  return performance.now() - played;",
            "})().then(done, (e) => done('failed: ' + e));");

    private static ResumeLatency.Gate gate(ConsoleClient console, String bearer) {
        return new ResumeLatency.Gate() {
            @Override
            public void pause() throws Exception {
                assertEquals(200, console.post("/api/pause", "{}", "Authorization", bearer).statusCode());
            }

            @Override
            public void play() throws Exception {
                assertEquals(200, console.post("/api/play", "{}", "Authorization", bearer).statusCode());
            }
        };
    }

    /** The status line of a GET of the stream with the given {@code Host} (and login), read off the socket. */
    private static String statusLine(ConsoleClient console, String host, String authorization) throws IOException {
        URI base = URI.create(console.base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            String request = "GET /stream.opus HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private static double currentTime(WebDriver browser) {
        return Double.parseDouble(script(browser, "return document.getElementById('player').currentTime;"));
    }

    private static String script(WebDriver browser, String script) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(script));
    }

    private static String status(ConsoleClient console) {
        try {
            HttpResponse<String> answer = console.get("/api/status");
            return answer.body();
        } catch (Exception e) {
            throw new AssertionError("/api/status: " + e, e);
        }
    }
}

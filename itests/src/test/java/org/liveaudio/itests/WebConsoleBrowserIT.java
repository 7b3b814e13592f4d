package org.liveaudio.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser: Debian's headless Chromium, driven by Selenium through Debian's chromedriver,
 * against a demo process of the distribution. The page loads without console errors, its packet count rises, a
 * pause before logging in is refused, pause and play after logging in stop and restart the stream (the count
 * stands still while paused), and a request from a page of another origin changes nothing. A screenshot is kept
 * in {@code target/reports/web-console.png}.
 */
public class WebConsoleBrowserIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Path TARGET = Path.of(System.getProperty("liveaudio.itests.target", "target"));

    @Test
    public void thePageShowsTheStreamLiveAndControlsItOnlyWhenLoggedInAndFromItsOwnOrigin() throws Exception {
        String unavailable = Distribution.unavailable();
        assumeTrue(unavailable, unavailable == null);
        String noBrowser = Chromium.unavailable();
        assumeTrue(noBrowser, noBrowser == null);
        Path folder = Files.createTempDirectory(TARGET, "web-browser-");
        try (Distribution distribution = Distribution.copyTo(folder.resolve("liveaudio"))) {
            ConsoleClient console = WebConsoleApiIT.startDemo(distribution);
            WebDriver browser = Chromium.start(folder);
            try {
                browser.get(console.base() + "/");
                long shown = awaitPacketsShown(browser, 0);
                awaitPacketsShown(browser, shown);

                browser.findElement(By.id("pause")).click();
                awaitText(browser, "message", "log in first");
                assertEquals("playing", state(console));

                browser.findElement(By.id("password")).sendKeys(WebConsoleApiIT.PASSWORD);
                browser.findElement(By.id("login-button")).click();
                wait(browser).until(page -> page.findElement(By.id("logout")).isDisplayed());

                browser.findElement(By.id("pause")).click();
                awaitText(browser, "state", "paused");
                assertEquals("paused", state(console));
                Thread.sleep(1500);
                String stopped = browser.findElement(By.id("packets")).getText();
                Thread.sleep(2500);
                assertEquals("the packet count stands still while paused", stopped,
                        browser.findElement(By.id("packets")).getText());

                browser.findElement(By.id("play")).click();
                awaitText(browser, "state", "playing");
                awaitPacketsShown(browser, Long.parseLong(stopped));
                screenshot(browser);
                assertNoConsoleErrors(browser);

                // A page of another origin (another port of this machine: the same site, so the browser sends the
                // session cookie along) posts to the console, as a hostile page would; the console refuses it.
                try (HostilePage hostile = HostilePage.start()) {
                    browser.get(hostile.url());
                    Object answer = ((JavascriptExecutor) browser).executeAsyncScript(
                            "const done = arguments[arguments.length - 1];"
                            + "fetch(arguments[0] + '/api/pause', {method: 'POST', mode: 'no-cors',"
                            + " credentials: 'include', body: '{}'}).then(r => done('sent ' + r.type),"
                            + " e => done('failed ' + e));", console.base());
                    assertEquals("sent opaque", String.valueOf(answer));
                }
                DistributionProcess demo = distribution.processes().get(0);
                demo.awaitLog("Web console refused POST /pause from 127.0.0.1: cross-site request refused", 1,
                        TIMEOUT);
                assertEquals("the cross-site pause changed nothing", "playing", state(console));
            } finally {
                browser.quit();
            }
        }
    }

    /** A page of its own origin on loopback, standing for another site the user has open. */
    private static final class HostilePage implements AutoCloseable {
        private final HttpServer server;

        private HostilePage(HttpServer server) {
            this.server = server;
        }

        static HostilePage start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] page = "<!DOCTYPE html><title>another site</title>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            server.start();
            return new HostilePage(server);
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, TIMEOUT);
    }

    /** Waits until the page shows a packet count above {@code above}; the count shown. */
    private static long awaitPacketsShown(WebDriver browser, long above) {
        return wait(browser).withMessage("the page shows a packet count above " + above).until(page -> {
            String shown = page.findElement(By.id("packets")).getText();
            return shown.matches("\\d+") && Long.parseLong(shown) > above ? Long.parseLong(shown) : null;
        });
    }

    private static void awaitText(WebDriver browser, String id, String text) {
        wait(browser).withMessage("#" + id + " shows \"" + text + "\"")
                .until(page -> page.findElement(By.id(id)).getText().contains(text));
    }

    private static String state(ConsoleClient console) throws Exception {
        return ConsoleClient.field(console.get("/api/status").body(), "state");
    }

    private static void assertNoConsoleErrors(WebDriver browser) {
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                // the refused pause before logging in: the browser reports the 401 itself
                .filter(entry -> !entry.getMessage().contains("api/pause - Failed to load resource"))
                .toList();
        assertEquals("console errors: " + errors, List.of(), errors);
    }

    private static void screenshot(WebDriver browser) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path reports = Files.createDirectories(TARGET.resolve("reports"));
        Files.copy(shot.toPath(), reports.resolve("web-console.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}

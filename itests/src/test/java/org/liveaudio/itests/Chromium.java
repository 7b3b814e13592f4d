package org.liveaudio.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium, driven by Selenium through Debian's chromedriver, with a profile and the driver's log
 * in a folder of the test, and the page's console messages kept for the test to read.
 */
final class Chromium {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** Why no browser can be driven here, or {@code null}. */
    static String unavailable() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER) ? null
                : "needs Debian's chromium and chromium-driver (.ci/run installs them)";
    }

    /** A new browser; {@code arguments} add to the headless defaults. */
    static WebDriver start(Path folder, String... arguments) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        List<String> all = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--window-size=1200,1400",
                "--user-data-dir=" + folder.resolve("chromium-profile")));
        all.addAll(List.of(arguments));
        options.addArguments(all);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort()
                .withLogFile(folder.resolve("chromedriver.log").toFile()).build();
        return new ChromeDriver(service, options);
    }
}

package io.gstatsd.it;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's headless chromium through Debian's chromedriver (apt-get install chromium chromium-driver), both by
 * their paths so that Selenium Manager never looks for a browser or driver to download, in a fresh profile.
 */
final class Chromium {

    static final File DRIVER = new File("/usr/bin/chromedriver");
    static final String BROWSER = "/usr/bin/chromium";

    private Chromium() {
    }

    static ChromeDriver start(Path profiles) throws IOException {
        Files.createDirectories(profiles);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER)
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1300,700",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "profile-").toAbsolutePath());
        return new ChromeDriver(service, options);
    }
}

package io.gstatsd.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live page in a real browser: {@code payara/gstatsd -t load}, datagrams over UDP, headless chromium. */
class LivePageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path LOGS = GstatsdProcess.home().resolve("target/it-logs");

    private static GstatsdProcess gstatsd;
    private static ChromeDriver browser;
    private static String page;

    @BeforeAll
    static void start() throws Exception {
        int httpPort = Ports.freeTcpPort();
        gstatsd = GstatsdProcess.start("live-page", Ports.freeUdpPort(),
                "-s", "127.0.0.1:" + httpPort, "-t", "load", "-f", "1", "-p", "90");
        page = "http://127.0.0.1:" + httpPort + "/";
        browser = Chromium.start(GstatsdProcess.home().resolve("target/chromium"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (gstatsd != null) {
            gstatsd.close();
        }
    }

    private static void await(String what, java.util.function.Supplier<Boolean> condition) {
        new WebDriverWait(browser, PATIENCE).withMessage(what).until(driver -> condition.get());
    }

    /** Read in one script: the page redraws its rows every few seconds, so elements found earlier go stale. */
    @SuppressWarnings("unchecked")
    private static List<String> shownKeys() {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll('#rows tr')).map(row => row.dataset.key);");
    }

    private static String cell(String key, String type, String window) {
        Object text = browser.executeScript("const cell = document.querySelector("
                + "`#rows tr[data-key='${arguments[0]}'][data-type='${arguments[1]}'] td.${arguments[2]}`);"
                + "return cell ? cell.innerText : '';", key, type, window);
        return String.valueOf(text).strip();
    }

    /**
     * The order by rate is the current minute's: a minute ending right after page.busy is sent would leave every
     * rate at zero, so what follows the send starts with at least 20 s of its minute left.
     */
    private static void clearOfAMinutesEnd() throws InterruptedException {
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 40_000) {
            Thread.sleep(60_000 - intoMinute + 500);
        }
    }

    @Test
    void thePageListsKeysFiltersSortsAndUpdatesWithoutAReload() throws Exception {
        gstatsd.send("page.hits:5|c\npage.rt:120|ms\npage.rt:80|ms\npage.depth:7|g\npage.users:a|s\nother.thing:1|c");
        browser.get(page);
        // counts are read in the 5-minute window: the 1-minute one is the current wall-clock minute only, which a
        // minute's end empties between two sends
        await("page.hits is listed with its count", () -> cell("page.hits", "counter", "w5").endsWith("5"));
        assertTrue(cell("page.rt", "timer", "w5").startsWith("2"), cell("page.rt", "timer", "w5"));
        assertTrue(cell("page.rt", "timer", "w5").contains("p90"), cell("page.rt", "timer", "w5"));
        assertTrue(cell("page.depth", "gauge", "w15").startsWith("7"), cell("page.depth", "gauge", "w15"));
        assertEquals("1", cell("page.users", "set", "w5"));
        assertEquals(1, browser.findElements(By.cssSelector("#rows tr[data-key='page.hits'] svg.spark")).size(),
                "a sparkline per row");
        assertTrue(shownKeys().contains("other.thing"), shownKeys().toString());

        browser.findElement(By.id("prefix")).sendKeys("page.");
        await("only the keys starting with page. are left",
                () -> !shownKeys().isEmpty() && shownKeys().stream().allMatch(key -> key.startsWith("page.")));
        assertEquals(List.of("page.depth", "page.hits", "page.rt", "page.users"),
                shownKeys().stream().distinct().sorted().toList());
        assertTrue(browser.getCurrentUrl().endsWith("?startsWith=page."), browser.getCurrentUrl());

        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");
        clearOfAMinutesEnd();
        gstatsd.send("page.hits:7|c\npage.busy:1000|c");
        await("the new datagrams show up", () -> cell("page.hits", "counter", "w5").endsWith("12"));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage;"),
                "updated in place, not reloaded");
        await("by rate, the busiest first", () -> shownKeys().indexOf("page.busy") == 0);
        new Select(browser.findElement(By.id("sort"))).selectByValue("name");
        await("by name", () -> shownKeys().equals(shownKeys().stream().sorted().toList())
                && shownKeys().get(0).equals("page.busy") && shownKeys().contains("page.users"));

        Path screenshot = LOGS.resolve("live-page.png");
        Files.createDirectories(LOGS);
        Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
        byte[] png = Files.readAllBytes(screenshot);
        assertTrue(png.length > 10_000, "a screenshot of a drawn page, not a blank one: " + png.length + " bytes");
        assertTrue(Arrays.equals(Arrays.copyOf(png, 4), new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
    }
}

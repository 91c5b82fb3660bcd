package io.github.alipaystarter.sample.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for the end-to-end tests: Debian's headless Chromium and its chromedriver
 * ({@code apt-get install chromium chromium-driver}), never a downloaded one (Selenium Manager stays
 * off because the driver's path is given). Screenshots are written only when the system property
 * {@code sample.screenshots} names a directory (relative paths are taken from the repository root).
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("sample.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("sample.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    public HeadlessChromium() {
        try {
            this.profile = Files.createTempDirectory("sample-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        this.service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--lang=zh-CN", "--window-size=1000,900", "--user-data-dir=" + profile);
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** Whether the Debian binaries are installed (the tests fail with this message if not). */
    public static String missingBinaries() {
        if (new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute()) {
            return null;
        }
        return "Headless Chromium is needed: apt-get install -y chromium chromium-driver (looked for "
                + CHROMIUM + " and " + CHROMEDRIVER + ")";
    }

    public WebDriver driver() {
        return driver;
    }

    /** The window size for the next pages, e.g. a phone's 390 x 844. */
    public void windowSize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Writes {@code <name>.png} when {@code -Dsample.screenshots=dir} is set; returns the file or null. */
    public Path screenshot(String name) {
        Path dir = screenshotDirectory();
        if (dir == null) {
            return null;
        }
        Dimension window = driver.manage().window().getSize();
        try {
            Files.createDirectories(dir);
            // The whole page and nothing more: fit the window's height to the page's content.
            Number pageHeight = (Number) driver.executeScript("""
                    const body = document.body;
                    const style = getComputedStyle(body);
                    return Math.ceil(body.getBoundingClientRect().bottom + window.scrollY
                            + parseFloat(style.marginBottom)) + 12;""");
            Number viewport = (Number) driver.executeScript("return window.innerHeight");
            int extra = Math.max(pageHeight.intValue(), 360) - viewport.intValue();
            if (extra != 0) {
                driver.manage().window().setSize(new Dimension(window.getWidth(), window.getHeight() + extra));
            }
            File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = dir.resolve(name + ".png");
            Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    static Path screenshotDirectory() {
        String configured = System.getProperty("sample.screenshots");
        if (configured == null || configured.isBlank()) {
            return null;
        }
        Path dir = Path.of(configured);
        if (dir.isAbsolute()) {
            return dir;
        }
        // Surefire runs in the module directory; the screenshots belong to the repository's docs/.
        Path cwd = Path.of("").toAbsolutePath();
        Path root = cwd.getFileName() != null && cwd.getFileName().toString().equals("alipay-starter-sample")
                ? cwd.getParent() : cwd;
        return root.resolve(dir);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}

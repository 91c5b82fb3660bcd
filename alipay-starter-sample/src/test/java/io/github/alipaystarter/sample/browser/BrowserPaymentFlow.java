package io.github.alipaystarter.sample.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alipaystarter.sample.ApiClient;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.NotificationDelivery;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The newcomer's path in a real browser: the direct-pay page, the sandbox cashier, the pay button,
 * Alipay's return to the shop, the order page showing paid; then the notification and its resends.
 */
final class BrowserPaymentFlow {

    private final HeadlessChromium browser;
    private final String shopUrl;
    private final AlipaySandbox sandbox;
    private final ApiClient api;

    BrowserPaymentFlow(HeadlessChromium browser, String shopUrl, AlipaySandbox sandbox) {
        this.browser = browser;
        this.shopUrl = shopUrl;
        this.sandbox = sandbox;
        this.api = new ApiClient(shopUrl);
    }

    /** Pays one order through the pages and returns its out_trade_no; screenshots unless the suffix is null. */
    String payThroughThePages(String subject, String amount, String body, String screenshotSuffix) {
        WebDriver driver = browser.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

        driver.get(shopUrl + "/");
        assertThat(driver.findElement(By.id("main-name")).getText()).isNotBlank();
        assertThat(driver.findElement(By.id("totalFee")).getAttribute("value")).isEqualTo("0.01");
        type(driver.findElement(By.id("subject")), subject);
        type(driver.findElement(By.id("totalFee")), amount);
        type(driver.findElement(By.id("body")), body);
        shoot(screenshotSuffix == null ? null : "index" + screenshotSuffix);
        driver.findElement(By.id("pay")).click();

        // The shop answered the starter's auto-submitting form; the browser is now at the sandbox cashier.
        wait.until(ExpectedConditions.elementToBeClickable(By.id("pay")));
        wait.until(d -> d.getCurrentUrl().startsWith(gatewayOrigin()));
        assertThat(driver.getPageSource()).contains(subject).contains(amount);
        shoot(screenshotSuffix == null ? null : "cashier" + screenshotSuffix);
        driver.findElement(By.id("pay")).click();

        // The success page, then Alipay's return_url redirect: a meta refresh after 3 s (scaled by the
        // sandbox's time scale, so at once in tests); the page's link does the same for the impatient.
        wait.until(d -> onShop(d) || !d.findElements(By.id("return")).isEmpty());
        if (!onShop(driver)) {
            try {
                driver.findElement(By.id("return")).click();
            } catch (org.openqa.selenium.WebDriverException alreadyRedirected) {
                // the meta refresh won the race
            }
        }
        wait.until(this::onShop);
        wait.until(d -> d.findElements(By.id("status")).size() == 1);
        String outTradeNo = driver.findElement(By.id("out-trade-no")).getText();
        assertThat(driver.findElement(By.id("status")).getText()).contains("已支付").contains("PAID");
        assertThat(driver.findElement(By.id("subject")).getText()).isEqualTo(subject);
        assertThat(driver.findElement(By.id("trade-no")).getText()).matches("\\d{16,64}");
        return outTradeNo;
    }

    /**
     * Waits until the sandbox got {@code success} for the notification and nothing more is scheduled,
     * then checks, through the API, that onPaid ran exactly once.
     */
    void assertNotifiedAndPaidOnce(String outTradeNo) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(sandbox.deliveries(outTradeNo)).anyMatch(NotificationDelivery::success));
        // Let any resend that was scheduled before the success happen (the time scale is small).
        List<NotificationDelivery> settled = awaitQuiet(outTradeNo);
        assertThat(settled).allMatch(d -> d.httpStatus() == 200);
        assertThat(settled.get(settled.size() - 1).success()).isTrue();
        assertThat(settled.get(settled.size() - 1).body()).isEqualTo("success");

        ApiClient.Response order = api.get("/api/orders/" + outTradeNo);
        assertThat(order.status()).isEqualTo(200);
        assertThat(order.json("$.status", String.class)).isEqualTo("PAID");
        assertThat(order.json("$.paidCallbacks", Integer.class)).isEqualTo(1);
    }

    /** The order page, reloaded after the notification: history shows the return and the notify. */
    void assertHistoryShowsReturnAndNotify(String outTradeNo, String screenshotName) {
        WebDriver driver = browser.driver();
        driver.get(shopUrl + "/orders/" + outTradeNo);
        String history = driver.findElement(By.id("history")).getText();
        assertThat(history).contains("RETURN").contains("NOTIFY").contains("PAID").contains("success");
        assertThat(driver.findElement(By.id("paid-callbacks")).getText()).isEqualTo("1");
        shoot(screenshotName);
    }

    void showOrders(String outTradeNo, String screenshotName) {
        WebDriver driver = browser.driver();
        driver.get(shopUrl + "/orders");
        assertThat(driver.findElement(By.id("orders")).getText()).contains(outTradeNo).contains("PAID");
        shoot(screenshotName);
    }

    private List<NotificationDelivery> awaitQuiet(String outTradeNo) {
        List<NotificationDelivery> previous = sandbox.deliveries(outTradeNo);
        long quietSince = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            sleep(250);
            List<NotificationDelivery> now = sandbox.deliveries(outTradeNo);
            if (now.size() != previous.size()) {
                previous = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos()) {
                return now;
            }
        }
        throw new AssertionError("The sandbox kept sending notifications for " + outTradeNo + ": " + previous);
    }

    private boolean onShop(WebDriver driver) {
        return driver.getCurrentUrl().startsWith(shopUrl + "/orders/");
    }

    private String gatewayOrigin() {
        String gateway = String.valueOf(sandbox.gatewayUrl());
        return gateway.substring(0, gateway.indexOf('/', "http://".length()));
    }

    private void shoot(String name) {
        if (name != null) {
            browser.screenshot(name);
        }
    }

    private static void type(WebElement input, String text) {
        input.clear();
        if (text != null) {
            input.sendKeys(text);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

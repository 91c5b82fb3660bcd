package io.github.alipaystarter.sample.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.sample.SampleShopApplication;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole newcomer's path in headless Chromium, on the shop's defaults (utf-8, H2, the embedded
 * sandbox with the demo merchant). With {@code -Dsample.screenshots=docs/screenshots} it also writes
 * the screenshots of the README.
 */
@SpringBootTest(classes = SampleShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        // its own context (and database), so that the screenshot of /orders shows only its orders
        properties = {"sample.sandbox.time-scale=0.001", "spring.application.name=sample-shop-in-a-browser"})
class PaymentInBrowserTests {

    private static HeadlessChromium browser;

    @LocalServerPort
    int port;

    @Autowired
    AlipaySandbox sandbox;

    @BeforeAll
    static void startBrowser() {
        String missing = HeadlessChromium.missingBinaries();
        assertThat(missing).as("%s", missing).isNull();
        browser = new HeadlessChromium();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void buyerPaysInTheCashierAndLandsOnThePaidOrderWhichWasPaidOnce() {
        BrowserPaymentFlow flow = new BrowserPaymentFlow(browser, "http://localhost:" + port, sandbox);

        String outTradeNo = flow.payThroughThePages("Sample order 示例订单", "0.01",
                "A 0.01-yuan test payment 测试付款", "");

        flow.assertNotifiedAndPaidOnce(outTradeNo);
        flow.assertHistoryShowsReturnAndNotify(outTradeNo, "order-paid");
        flow.showOrders(outTradeNo, "orders");
    }

    @Test
    void keepingEveryFieldAndPressingPayReachesTheCashier() {
        browser.driver().get("http://localhost:" + port + "/");
        browser.driver().findElement(By.id("pay")).click();

        // the shop answers with a form that submits itself to the gateway: wait for that second page load
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.getCurrentUrl().contains("/gateway.do") && !d.findElements(By.id("pay")).isEmpty());
        assertThat(browser.driver().getCurrentUrl()).contains("/gateway.do");
        assertThat(browser.driver().findElement(By.id("pay")).getText()).contains("确认付款");
        assertThat(browser.driver().getPageSource()).contains("测试商品 Test item").contains("0.01");
    }

    @Test
    void formShowsTheStartersRefusalOfAPercentSignNextToTheSubject() {
        browser.driver().get("http://localhost:" + port + "/");
        browser.driver().findElement(By.id("subject")).clear();
        browser.driver().findElement(By.id("subject")).sendKeys("100% cotton");
        browser.driver().findElement(By.id("pay")).click();

        // the same page comes back, now with the refusal: wait for it rather than read the old one
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("subject"))
                .getAttribute("class").contains("invalid"));
        String page = browser.driver().findElement(By.id("order-form")).getText();
        assertThat(browser.driver().getCurrentUrl()).startsWith("http://localhost:" + port + "/");
        assertThat(page).contains("subject").contains("%");
        assertThat(browser.driver().findElement(By.id("subject")).getAttribute("class")).contains("invalid");
        browser.screenshot("index-validation");
    }

    @Test
    void directPayPageFitsAPhoneScreen() {
        browser.windowSize(390, 844);
        try {
            browser.driver().get("http://localhost:" + port + "/");
            Number scrollWidth = (Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("return document.documentElement.scrollWidth");
            Number clientWidth = (Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("return document.documentElement.clientWidth");
            assertThat(scrollWidth.intValue()).as("no horizontal scrolling on a phone").isLessThanOrEqualTo(clientWidth.intValue());
            browser.screenshot("index-phone");
        } finally {
            browser.windowSize(1000, 900);
        }
    }
}

package io.github.alipaystarter.sample.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.sample.ApiClient;
import io.github.alipaystarter.sample.SampleShopApplication;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sandbox's console page ({@code /} of the sandbox) in headless Chromium, on the shop's embedded
 * sandbox: each button (resend, partial and full refund, finish, close) does what it says and the shop
 * sees it; a notification that cannot connect is shown in red, with the URL it tried, on the cashier's
 * success page and on the console. With {@code -Dsample.screenshots=docs/screenshots} it writes
 * {@code sandbox-console.png}.
 */
@SpringBootTest(classes = SampleShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"sample.sandbox.time-scale=0.001", "sample.sandbox.notify-closed-trades=true",
                "spring.application.name=sample-shop-sandbox-console"})
class SandboxConsoleInBrowserTests {

    private static final String RED = "rgba(212, 56, 13, 1)";

    private static HeadlessChromium browser;

    @LocalServerPort
    int port;

    @Autowired
    AlipaySandbox sandbox;

    @Autowired
    DirectPayService alipay;

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

    private String shop() {
        return "http://localhost:" + port;
    }

    private String paidOrder(String amount) {
        BrowserPaymentFlow flow = new BrowserPaymentFlow(browser, shop(), sandbox);
        String outTradeNo = flow.payThroughThePages("Console order 控制台订单", amount, "", null);
        flow.assertNotifiedAndPaidOnce(outTradeNo);
        return outTradeNo;
    }

    private WebElement tradeOnConsole(String outTradeNo) {
        WebDriver driver = browser.driver();
        driver.get(sandbox.baseUrl().toString());
        return driver.findElement(By.cssSelector("section.trade[data-out-trade-no='" + outTradeNo + "']"));
    }

    /** Presses a trade's button on the console as it is shown (loading it first unless the browser is on it). */
    private String press(String outTradeNo, String button) {
        WebDriver driver = browser.driver();
        String console = sandbox.baseUrl().toString();
        boolean onConsole = driver.getCurrentUrl().equals(console) || driver.getCurrentUrl().startsWith(console + "?");
        WebElement trade = onConsole
                ? driver.findElement(By.cssSelector("section.trade[data-out-trade-no='" + outTradeNo + "']"))
                : tradeOnConsole(outTradeNo);
        trade.findElement(By.cssSelector("button." + button)).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("flash")).isEmpty());
        return browser.driver().findElement(By.id("flash")).getText();
    }

    private String orderStatus(String outTradeNo) {
        return new ApiClient(shop()).get("/api/orders/" + outTradeNo).json("$.status", String.class);
    }

    @Test
    void resendButtonSendsTheNotificationAgainAndTheShopStillPaysOnce() {
        String no = paidOrder("0.01");
        int before = sandbox.deliveries(no).size();

        String flash = press(no, "resend");

        assertThat(flash).contains("Resent the notification of " + no).contains("HTTP 200 \"success\"");
        assertThat(sandbox.deliveries(no)).hasSize(before + 1);
        assertThat(tradeOnConsole(no).findElements(By.cssSelector("tr.delivery"))).hasSize(before + 1);
        assertThat(new ApiClient(shop()).get("/api/orders/" + no).json("$.paidCallbacks", Integer.class)).isEqualTo(1);
        browser.screenshot("sandbox-console");
    }

    @Test
    void refundButtonRefundsPartlyThenFullyAndTheShopMarksTheOrderRefunded() {
        String no = paidOrder("1.00");

        WebElement amount = tradeOnConsole(no).findElement(By.cssSelector("input.amount-input"));
        assertThat(amount.getAttribute("value")).isEqualTo("1.00");
        amount.clear();
        amount.sendKeys("0.40");
        assertThat(press(no, "refund")).contains("Refunded 0.40 of " + no + ": TRADE_SUCCESS");
        assertThat(sandbox.trade(no).refunded()).isEqualByComparingTo("0.40");
        assertThat(tradeOnConsole(no).getText()).contains("0.40");
        assertThat(orderStatus(no)).isEqualTo("PAID");

        // the field now offers what is left
        assertThat(tradeOnConsole(no).findElement(By.cssSelector("input.amount-input")).getAttribute("value")).isEqualTo("0.60");
        assertThat(press(no, "refund")).contains("Refunded 0.60 of " + no + ": TRADE_CLOSED");
        assertThat(sandbox.trade(no).status()).isEqualTo(TradeStatus.TRADE_CLOSED);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(orderStatus(no)).isEqualTo("REFUNDED"));
    }

    @Test
    void finishButtonEndsTheRefundWindowAndNotifiesTheShop() {
        String no = paidOrder("0.01");
        int before = sandbox.deliveries(no).size();

        assertThat(press(no, "finish")).contains("Finished " + no + ": TRADE_FINISHED");

        assertThat(sandbox.trade(no).status()).isEqualTo(TradeStatus.TRADE_FINISHED);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sandbox.deliveries(no))
                .hasSizeGreaterThan(before).last().satisfies(d -> assertThat(d.success()).isTrue()));
        assertThat(tradeOnConsole(no).findElement(By.cssSelector(".status")).getText()).isEqualTo("TRADE_FINISHED");
        assertThat(orderStatus(no)).isEqualTo("PAID");
    }

    @Test
    void closeButtonClosesATradeTheBuyerDidNotPay() {
        ApiClient api = new ApiClient(shop());
        ApiClient.Response created = api.postForm("/api/orders", java.util.Map.of("subject", "Unpaid 未付款", "totalFee", "0.02"));
        String no = created.json("$.outTradeNo", String.class);
        browser.driver().get(created.json("$.payUrl", String.class)); // the cashier: the trade now exists at the sandbox

        assertThat(press(no, "close")).contains("Closed " + no + ": TRADE_CLOSED");

        assertThat(sandbox.trade(no).status()).isEqualTo(TradeStatus.TRADE_CLOSED);
        assertThat(tradeOnConsole(no).findElements(By.cssSelector("button.close"))).isEmpty();
    }

    @Test
    void aNotificationThatCannotConnectIsRedOnTheSuccessPageAndOnTheConsoleWithTheUrlItTried() throws IOException {
        URI nowhere;
        try (ServerSocket s = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/alipay/notify");
        }
        // as when notify-url was copied from the README's example: the sandbox cannot reach it
        SignedPayment payment = alipay.recordAndSign(PaymentRequest
                .builder("UNREACHABLE-" + System.nanoTime(), "Lost 丢失", Amount.of(new BigDecimal("0.01")))
                .notifyUrl(nowhere).build());
        WebDriver driver = browser.driver();
        driver.get(payment.toRedirectUrl().toString());
        driver.findElement(By.id("pay")).click();

        WebElement warning = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.cssSelector("#notification .unreachable")));
        assertThat(warning.getText()).contains("could not connect to " + nowhere);
        assertThat(warning.getCssValue("color")).isEqualTo(RED);
        assertThat(driver.findElements(By.cssSelector("meta[http-equiv='refresh']"))).isEmpty();

        WebElement row = tradeOnConsole(payment.outTradeNo()).findElement(By.cssSelector("tr.delivery"));
        assertThat(row.getAttribute("class")).contains("unreachable");
        assertThat(row.getText()).contains(nowhere.toString()).contains("cannot connect");
        assertThat(row.findElement(By.tagName("td")).getCssValue("color")).isEqualTo(RED);
    }
}

package io.github.alipaystarter.sample.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.sample.ApiClient;
import io.github.alipaystarter.sample.SampleShopApplication;
import io.github.alipaystarter.sample.order.Orders;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.NotificationDelivery;
import java.nio.charset.Charset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The same path with {@code alipay.input-charset=gbk} and a Chinese subject: the gateway form is GBK,
 * the notification comes back in GBK, and the subject survives both ways, byte for byte.
 */
@SpringBootTest(classes = SampleShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"alipay.input-charset=gbk", "sample.sandbox.time-scale=0.001"})
class GbkPaymentInBrowserTests {

    private static final String SUBJECT = "测试商品：中文标题（ＧＢＫ）";

    private static HeadlessChromium browser;

    @LocalServerPort
    int port;

    @Autowired
    AlipaySandbox sandbox;

    @Autowired
    Orders orders;

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
    void chineseSubjectIsPaidOnceWithGbkBothWays() {
        BrowserPaymentFlow flow = new BrowserPaymentFlow(browser, "http://localhost:" + port, sandbox);

        String outTradeNo = flow.payThroughThePages(SUBJECT, "0.01", "备注：一分钱测试", null);

        flow.assertNotifiedAndPaidOnce(outTradeNo);
        NotificationDelivery delivered = sandbox.deliveries(outTradeNo).get(0);
        assertThat(delivered.parameters()).containsEntry("subject", SUBJECT);
        assertThat(orders.find(outTradeNo)).hasValueSatisfying(order -> {
            assertThat(order.subject()).isEqualTo(SUBJECT);
            assertThat(order.body()).isEqualTo("备注：一分钱测试");
        });
        flow.assertHistoryShowsReturnAndNotify(outTradeNo, null);
    }

    @Test
    void gatewayFormPageIsWrittenInGbk() {
        ApiClient.Response page = new ApiClient("http://localhost:" + port)
                .postForm("/orders", Map.of("subject", SUBJECT, "totalFee", "0.01"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).containsIgnoringCase("charset=gbk");
        assertThat(page.body(Charset.forName("GBK"))).contains(SUBJECT).containsIgnoringCase("_input_charset=gbk");
        assertThat(page.body()).doesNotContain(SUBJECT);
    }
}

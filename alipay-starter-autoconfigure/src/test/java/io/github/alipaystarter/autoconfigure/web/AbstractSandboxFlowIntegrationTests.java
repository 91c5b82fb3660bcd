package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.web.EndpointTestApplication.RecordingPaymentHandler;
import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.core.store.JournalEntry;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.engine.Reconciler;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.NotificationDelivery;
import io.github.alipaystarter.sandbox.SandboxPayment;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole payment against the sandbox, through real HTTP both ways: the application builds and signs
 * the request with {@link DirectPayService}, the sandbox takes it as the gateway would, the buyer pays,
 * the browser follows the return_url to the return endpoint, the sandbox posts the notification to the
 * notify endpoint and calls notify_verify on itself. onPaid runs once, whatever arrives first and
 * however often.
 */
abstract class AbstractSandboxFlowIntegrationTests {

    private final HttpClient browser = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    DirectPayService alipay;

    @Autowired
    RecordingPaymentHandler handler;

    @Autowired
    NotificationJournal journal;

    @Autowired
    Reconciler reconciler;

    abstract AlipaySandbox sandbox();

    @Test
    void paysOnceThroughReturnAndNotifyAndIgnoresResendsAndTradeFinished() throws Exception {
        String no = TestNotifications.newOutTradeNo();
        SignedPayment payment = this.alipay.recordAndSign(PaymentRequest
                .builder(no, "测试商品 真丝围巾", Amount.of(new BigDecimal("0.01"))).body("颜色: 蓝")
                .notifyUrl(URI.create(base() + "/alipay/notify")).returnUrl(URI.create(base() + "/alipay/return"))
                .build());

        sandbox().createTrade(payment.parameters());
        SandboxPayment paid = sandbox().pay(no);

        HttpResponse<String> afterReturn = this.browser.send(HttpRequest.newBuilder(paid.returnUrl()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(afterReturn.statusCode()).isEqualTo(302);
        assertThat(afterReturn.headers().firstValue("Location").orElseThrow())
            .matches("/result\\?outTradeNo=" + no + "&outcome=(PAID|DUPLICATE)");

        List<NotificationDelivery> deliveries = sandbox().awaitDeliveries(no, 1, Duration.ofSeconds(20));
        assertThat(deliveries).isNotEmpty();
        assertThat(deliveries.get(0).success()).as("first notification answered success").isTrue();
        assertThat(this.handler.paid(no)).singleElement().satisfies((trade) -> {
            assertThat(trade.totalFee()).isEqualByComparingTo(new BigDecimal("0.01"));
            assertThat(trade.subject()).isEqualTo("测试商品 真丝围巾");
            assertThat(trade.tradeNo()).isEqualTo(paid.trade().tradeNo());
        });

        assertThat(sandbox().resendNotification(no).success()).isTrue();
        sandbox().finish(no);
        assertThat(sandbox().awaitDeliveries(no, 3, Duration.ofSeconds(20))).hasSizeGreaterThanOrEqualTo(3)
            .allSatisfy((delivery) -> assertThat(delivery.success()).isTrue());

        assertThat(this.handler.calls(no)).hasSize(1);
        assertThat(this.journal.page(no, 0, NotificationJournal.MAX_PAGE_SIZE)).extracting(JournalEntry::outcome)
            .containsOnlyOnce(Outcome.PAID)
            .hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void theBuyersBrowserTakesTheRedirectUrlToTheSandboxCashier() throws Exception {
        String no = TestNotifications.newOutTradeNo();
        URI redirect = this.alipay.recordAndSign(PaymentRequest
                .builder(no, "浏览器 蓝色 围巾", Amount.of(new BigDecimal("1.50")))
                .notifyUrl(URI.create(base() + "/alipay/notify")).returnUrl(URI.create(base() + "/alipay/return"))
                .build()).toRedirectUrl();

        HttpResponse<String> cashier = this.browser.send(HttpRequest.newBuilder(redirect).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(cashier.statusCode()).as(cashier.body()).isEqualTo(200);
        assertThat(sandbox().rejections()).noneSatisfy((r) -> assertThat(r.toString()).contains(no));
        assertThat(sandbox().trade(no).subject()).isEqualTo("浏览器 蓝色 围巾");
        SandboxPayment paid = sandbox().pay(no);
        this.browser.send(HttpRequest.newBuilder(paid.returnUrl()).GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(sandbox().awaitDeliveries(no, 1, Duration.ofSeconds(20))).first()
            .satisfies((delivery) -> assertThat(delivery.success()).isTrue());
        assertThat(this.handler.calls(no)).hasSize(1);
    }

    @Test
    void paysOnceFromTheNotificationWhenTheBuyerClosesThePage() throws Exception {
        String no = TestNotifications.newOutTradeNo();
        SignedPayment payment = this.alipay.recordAndSign(PaymentRequest
                .builder(no, "关页面", Amount.of(new BigDecimal("12.30"))).notifyUrl(URI.create(base() + "/alipay/notify"))
                .build());
        sandbox().createTrade(payment.parameters());
        sandbox().dropReturnRedirect(true);
        try {
            SandboxPayment paid = sandbox().pay(no);
            assertThat(paid.returnUrl()).isNull();
            assertThat(sandbox().awaitDeliveries(no, 1, Duration.ofSeconds(20))).first()
                .satisfies((delivery) -> assertThat(delivery.success()).isTrue());
        }
        finally {
            sandbox().dropReturnRedirect(false);
        }
        assertThat(this.handler.paid(no)).singleElement()
            .satisfies((trade) -> assertThat(trade.totalFee()).isEqualByComparingTo("12.30"));
    }

    @Test
    void reconcilesATradeWhoseNotificationNeverArrived() {
        String no = TestNotifications.newOutTradeNo();
        SignedPayment payment = this.alipay.recordAndSign(PaymentRequest
                .builder(no, "对账", Amount.of(new BigDecimal("3.00"))).build());
        sandbox().createTrade(payment.parameters());
        sandbox().dropReturnRedirect(true);
        try {
            sandbox().pay(no);
        }
        finally {
            sandbox().dropReturnRedirect(false);
        }
        assertThat(sandbox().deliveries(no)).isEmpty();
        assertThat(this.handler.paid(no)).isEmpty();

        assertThat(this.reconciler.reconcile(no).outcome()).isEqualTo(Outcome.PAID);
        assertThat(this.reconciler.reconcile(no).outcome()).isEqualTo(Outcome.DUPLICATE);

        assertThat(this.handler.calls(no)).singleElement()
            .satisfies((trade) -> assertThat(trade.source()).isEqualTo(NotificationSource.QUERY));
    }

    @Test
    void refusesAnAmountChangedForTheSameOrderBeforeTheBuyerSeesAlipay() {
        String no = TestNotifications.newOutTradeNo();
        this.alipay.recordAndSign(PaymentRequest.builder(no, "改价", Amount.of(new BigDecimal("5.00"))).build());

        org.assertj.core.api.Assertions
            .assertThatExceptionOfType(io.github.alipaystarter.core.error.AlipayParameterException.class)
            .isThrownBy(() -> this.alipay.recordAndSign(PaymentRequest
                    .builder(no, "改价", Amount.of(new BigDecimal("4.00"))).build()))
            .satisfies((ex) -> assertThat(ex.errorCode().name()).isEqualTo("TRADE_TOTALFEE_NOT_MATCH"));
    }

    String base() {
        return "http://127.0.0.1:" + this.port;
    }

}

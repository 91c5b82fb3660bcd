package io.github.alipaystarter.integration.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.jdbc.JdbcPaymentLedger;
import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.PaymentLedger;
import io.github.alipaystarter.integration.jpa.JpaShop.OrderPayments;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.AlipaySandboxExtension;
import io.github.alipaystarter.sandbox.NotificationDelivery;
import io.github.alipaystarter.sandbox.SandboxMerchant;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The README's promise for JPA: an onPaid that saves a JPA entity on the ledger's DataSource commits with the
 * ledger's PAID row, or rolls back with it when onPaid throws (and then Alipay's resend pays it once).
 */
@SpringBootTest(classes = JpaShop.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class JpaTransactionTests {

    static final String PARTNER = "2088101122136241";

    static final String KEY = "0123456789abcdefghijklmnopqrstuv";

    @RegisterExtension
    static final AlipaySandboxExtension alipaySandbox = AlipaySandboxExtension
        .withMerchant(SandboxMerchant.md5(PARTNER, KEY))
        // Alipay's real resend schedule (the first resend after 2 minutes): the state after a failed delivery
        // is read before any automatic resend; the test resends by hand
        .timeScale(1)
        .returnNotifyIdValidity(Duration.ofMinutes(1));

    @Autowired
    Environment environment;

    @Autowired
    DirectPayService alipay;

    @Autowired
    PaymentLedger ledger;

    @Autowired
    ShopOrders orders;

    @Autowired
    OrderPayments payments;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @DynamicPropertySource
    static void alipayProperties(DynamicPropertyRegistry registry) {
        registry.add("alipay.partner", () -> PARTNER);
        registry.add("alipay.key", () -> KEY);
        registry.add("alipay.gateway-url", () -> alipaySandbox.sandbox().gatewayUrl().toString());
    }

    @Test
    void runsWithTheJdbcLedgerAndJpasTransactionManager() {
        assertThat(this.ledger).isInstanceOf(JdbcPaymentLedger.class);
        assertThat(this.transactionManager).isInstanceOf(JpaTransactionManager.class);
    }

    @Test
    void commitsTheEntityWithTheLedgersPaidRow() {
        String no = orderRequestedAndPaid();

        List<NotificationDelivery> deliveries = sandbox().awaitDeliveries(no, 1, Duration.ofSeconds(20));

        assertThat(deliveries).first().satisfies((delivery) -> assertThat(delivery.success()).isTrue());
        assertThat(ledgerStatus(no)).isEqualTo("PAID");
        assertThat(orderStatus(no)).isEqualTo("PAID");
    }

    @Test
    void rollsTheEntityBackWithTheLedgerWhenOnPaidThrowsAndPaysOnTheResend() {
        String no = "J" + System.nanoTime();
        this.payments.failOnceAfterSaving(no);
        orderRequestedAndPaid(no);

        List<NotificationDelivery> first = sandbox().awaitDeliveries(no, 1, Duration.ofSeconds(20));

        assertThat(first).first().satisfies((delivery) -> assertThat(delivery.body()).isEqualTo("fail"));
        assertThat(ledgerStatus(no)).isEqualTo("UNPAID");
        assertThat(orderStatus(no)).as("the flushed UPDATE was rolled back with the ledger").isEqualTo("UNPAID");
        assertThat(this.ledger.find(no)).hasValueSatisfying((e) -> assertThat(e.status()).isEqualTo(LedgerStatus.UNPAID));

        assertThat(sandbox().resendNotification(no).success()).isTrue();
        assertThat(ledgerStatus(no)).isEqualTo("PAID");
        assertThat(orderStatus(no)).isEqualTo("PAID");
        assertThat(this.jdbc.queryForObject("SELECT trade_no FROM shop_order WHERE out_trade_no = ?", String.class, no))
            .isEqualTo(sandbox().trade(no).tradeNo());
    }

    private String orderRequestedAndPaid() {
        String no = "J" + System.nanoTime();
        orderRequestedAndPaid(no);
        return no;
    }

    private void orderRequestedAndPaid(String no) {
        this.orders.save(new ShopOrder(no));
        SignedPayment payment = this.alipay.recordAndSign(PaymentRequest
                .builder(no, "JPA order", Amount.of(new BigDecimal("0.01")))
                .notifyUrl(URI.create("http://127.0.0.1:" + this.environment.getProperty("local.server.port") + "/alipay/notify"))
                .build());
        sandbox().createTrade(payment.parameters());
        sandbox().dropReturnRedirect(true);
        try {
            sandbox().pay(no);
        }
        finally {
            sandbox().dropReturnRedirect(false);
        }
    }

    /** Read with plain JDBC outside any transaction: what is committed. */
    private String ledgerStatus(String no) {
        return this.jdbc.queryForObject("SELECT status FROM alipay_trade WHERE out_trade_no = ?", String.class, no);
    }

    private String orderStatus(String no) {
        return this.jdbc.queryForObject("SELECT status FROM shop_order WHERE out_trade_no = ?", String.class, no);
    }

    private static AlipaySandbox sandbox() {
        return alipaySandbox.sandbox();
    }

}

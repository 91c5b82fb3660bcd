package io.github.alipaystarter.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.AlipayAutoConfiguration;
import io.github.alipaystarter.autoconfigure.jdbc.AlipayJdbcAutoConfiguration;
import io.github.alipaystarter.autoconfigure.jdbc.BootJdbcAutoConfigurations;
import io.github.alipaystarter.core.SignType;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.GatewayResponseException;
import io.github.alipaystarter.core.protocol.gateway.NotifyVerifyAnswer;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.observe.DeliveryTrouble;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.Signer;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

/**
 * Each state of the {@code alipay} health contributor. The indicator is read through its Spring Boot
 * interface by reflection, so that these tests run unchanged on Boot 4.0 and 3.5.
 */
class AlipayHealthAutoConfigurationTests {

    static final String PARTNER = "2088101122136241";

    static final String KEY = "0123456789abcdefghijklmnopqrstuv";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class, AlipayHealthAutoConfiguration.class))
        .withPropertyValues("alipay.partner=" + PARTNER, "alipay.key=" + KEY,
                "alipay.notify-url=https://shop.example.com/alipay/notify")
        .withBean(PaymentHandler.class, () -> (trade) -> { });

    @Test
    void isAHealthIndicatorOfTheRunningSpringBootLine() {
        this.contextRunner.run((context) -> {
            Object indicator = context.getBean("alipayHealthIndicator");
            String running = ClassUtils.isPresent(HealthIndicatorFactoryBean.BOOT_40 + ".HealthIndicator", null)
                    ? HealthIndicatorFactoryBean.BOOT_40 : HealthIndicatorFactoryBean.BOOT_35;
            assertThat(indicator).isInstanceOf(Class.forName(running + ".HealthIndicator"));
            assertThat(context.getBeansOfType(Class.forName(running + ".HealthContributor"))).containsKey("alipayHealthIndicator");
        });
    }

    @Test
    void isUpWithAValidConfigurationAndAReadableLedgerAndJournal() {
        this.contextRunner.run((context) -> {
            Health health = health(context);
            assertThat(health.status()).isEqualTo("UP");
            assertThat(health.details()).containsEntry("configuration", "valid")
                .containsEntry("ledger", "InMemoryPaymentLedger: readable")
                .containsEntry("journal", "InMemoryNotificationJournal: readable")
                .containsEntry("handlerFailures", Map.of("count", 0, "window", "PT15M"))
                .containsEntry("gatewayFailures", Map.of("count", 0, "window", "PT15M"))
                .doesNotContainKey("gateway");
            assertThat(health.details().toString()).doesNotContain(KEY);
        });
    }

    @Test
    void isDownWhenTheSignerCannotSign() {
        this.contextRunner.withBean(AlipaySigner.class, () -> new AlipaySigner(new BrokenSigner(), StandardCharsets.UTF_8))
            .run((context) -> {
                Health health = health(context);
                assertThat(health.status()).isEqualTo("DOWN");
                assertThat(health.details()).containsEntry("configuration",
                        "invalid: cannot sign (java.lang.IllegalStateException); check the configured keys");
            });
    }

    @Test
    void isDownWhenTheLedgerTablesAreMissing() {
        new ApplicationContextRunner()
            .withConfiguration(BootJdbcAutoConfigurations.withDataSource(AlipayJdbcAutoConfiguration.class,
                    AlipayAutoConfiguration.class, AlipayHealthAutoConfiguration.class))
            .withPropertyValues("alipay.partner=" + PARTNER, "alipay.key=" + KEY,
                    "spring.datasource.url=jdbc:h2:mem:health-" + System.nanoTime())
            .withBean(PaymentHandler.class, () -> (trade) -> { })
            .run((context) -> {
                // start-up refuses missing tables; here they disappear while the application runs
                org.springframework.jdbc.core.JdbcTemplate jdbc = new org.springframework.jdbc.core.JdbcTemplate(
                        context.getBean(javax.sql.DataSource.class));
                jdbc.execute("DROP TABLE alipay_trade");
                jdbc.execute("DROP TABLE alipay_journal");
                Health health = health(context);
                assertThat(health.status()).isEqualTo("DOWN");
                assertThat(String.valueOf(health.details().get("ledger")))
                    .startsWith("JdbcPaymentLedger cannot be read: ")
                    .containsIgnoringCase("alipay_trade");
                assertThat(String.valueOf(health.details().get("journal"))).startsWith("JdbcNotificationJournal cannot be read: ");
            });
    }

    @Test
    void isUpWhenTheLedgerTablesExist() {
        new ApplicationContextRunner()
            .withConfiguration(BootJdbcAutoConfigurations.withDataSource(AlipayJdbcAutoConfiguration.class,
                    AlipayAutoConfiguration.class, AlipayHealthAutoConfiguration.class))
            .withPropertyValues("alipay.partner=" + PARTNER, "alipay.key=" + KEY,
                    "spring.datasource.url=jdbc:h2:mem:health-" + System.nanoTime())
            .withBean(PaymentHandler.class, () -> (trade) -> { })
            .run((context) -> {
                Health health = health(context);
                assertThat(health.status()).isEqualTo("UP");
                assertThat(health.details()).containsEntry("ledger", "JdbcPaymentLedger: readable");
            });
    }

    @Test
    void staysUpAndReportsRecentHandlerAndGatewayFailures() {
        // nothing listens on port 9 of this machine: the gateway cannot be reached
        this.contextRunner.withPropertyValues("alipay.gateway-url=http://127.0.0.1:9/gateway.do").run((context) -> {
            DeliveryTrouble trouble = context.getBean(DeliveryTrouble.class);
            trouble.notificationProcessed(NotificationSource.NOTIFY,
                    new ProcessingResult(Outcome.HANDLER_FAILED, "onPaid threw java.lang.IllegalStateException", "T9"));
            org.assertj.core.api.Assertions.assertThatExceptionOfType(
                    io.github.alipaystarter.core.protocol.gateway.GatewayUnavailableException.class)
                .isThrownBy(() -> context.getBean(AlipayGateway.class).verifyNotifyId("N1"));

            Health health = health(context);
            assertThat(health.status()).isEqualTo("UP");
            assertThat(health.details().get("handlerFailures")).asString()
                .contains("count=1", "lastReason=notify (out_trade_no T9): onPaid threw java.lang.IllegalStateException");
            assertThat(health.details().get("gatewayFailures")).asString()
                .contains("count=1", "lastReason=notify_verify unavailable: ");
        });
    }

    @Test
    void asksTheGatewayOnlyWhenTheGatewayCheckIsOn() {
        StubGateway gateway = new StubGateway();
        this.contextRunner.withBean(AlipayGateway.class, () -> gateway).run((context) -> {
            assertThat(health(context).details()).doesNotContainKey("gateway");
            assertThat(gateway.timestamps.get()).isZero();
        });
    }

    @Test
    void isUpWhenTheGatewayAnswersTheCheck() {
        StubGateway gateway = new StubGateway();
        this.contextRunner.withBean(AlipayGateway.class, () -> gateway)
            .withPropertyValues("alipay.health.gateway-check=true")
            .run((context) -> {
                Health health = health(context);
                assertThat(health.status()).isEqualTo("UP");
                assertThat(String.valueOf(health.details().get("gateway"))).startsWith("answered query_timestamp in ");
                assertThat(gateway.timestamps.get()).isEqualTo(1);
            });
    }

    @Test
    void isUpWhenTheGatewayAnswersTheCheckWithAnErrorCode() {
        StubGateway gateway = new StubGateway();
        gateway.errorCode = "ILLEGAL_PARTNER_EXTERFACE";
        this.contextRunner.withBean(AlipayGateway.class, () -> gateway)
            .withPropertyValues("alipay.health.gateway-check=true")
            .run((context) -> {
                Health health = health(context);
                assertThat(health.status()).isEqualTo("UP");
                assertThat(String.valueOf(health.details().get("gateway"))).endsWith(" with error ILLEGAL_PARTNER_EXTERFACE");
            });
    }

    @Test
    void isDownWhenTheGatewayDoesNotAnswerTheCheckInTime() {
        StubGateway gateway = new StubGateway();
        gateway.hang = new CountDownLatch(1);
        this.contextRunner.withBean(AlipayGateway.class, () -> gateway)
            .withPropertyValues("alipay.health.gateway-check=true", "alipay.health.gateway-timeout=200ms")
            .run((context) -> {
                long start = System.nanoTime();
                Health health = health(context);
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(health.status()).isEqualTo("DOWN");
                assertThat(health.details()).containsEntry("gateway", "no answer: no answer within 200 ms");
                assertThat(tookMillis).as("bounded by the timeout, not by the hanging call").isLessThan(5000);
                gateway.hang.countDown();
            });
    }

    @Test
    void aCheckWaitsForTheCallStillRunningInsteadOfAskingAgain() {
        StubGateway gateway = new StubGateway();
        gateway.hang = new CountDownLatch(1);
        this.contextRunner.withBean(AlipayGateway.class, () -> gateway)
            .withPropertyValues("alipay.health.gateway-check=true", "alipay.health.gateway-timeout=300ms")
            .run((context) -> {
                try {
                    assertThat(health(context).status()).isEqualTo("DOWN");
                    assertThat(health(context).status()).as("the first call still hangs").isEqualTo("DOWN");
                    assertThat(gateway.timestamps.get()).isEqualTo(1);
                    gateway.hang.countDown();
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> gateway.answered.get() == 1);
                    assertThat(health(context).status()).isEqualTo("UP");
                    assertThat(gateway.timestamps.get()).as("a new call once the first ended").isEqualTo(2);
                }
                finally {
                    gateway.hang.countDown();
                }
            });
    }

    @Test
    void isDownWhenTheGatewayCannotBeReached() {
        this.contextRunner.withPropertyValues("alipay.health.gateway-check=true",
                "alipay.gateway-url=http://127.0.0.1:9/gateway.do")
            .run((context) -> {
                Health health = health(context);
                assertThat(health.status()).isEqualTo("DOWN");
                assertThat(String.valueOf(health.details().get("gateway"))).startsWith("no answer: query_timestamp: ");
            });
    }

    @Test
    void backsOffWhenDisabled() {
        this.contextRunner.withPropertyValues("management.health.alipay.enabled=false").run((context) -> {
            assertThat(context).doesNotHaveBean("alipayHealthIndicator");
            assertThat(context).doesNotHaveBean(DeliveryTrouble.class);
        });
    }

    @Test
    void backsOffWithoutSpringBootsHealthSupport() {
        this.contextRunner
            .withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(
                    HealthIndicatorFactoryBean.BOOT_40, HealthIndicatorFactoryBean.BOOT_35))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean("alipayHealthIndicator");
            });
    }

    /** health() of the indicator, through the running line's interface. */
    static Health health(AssertableApplicationContext context) throws Exception {
        assertThat(context).hasNotFailed();
        Object indicator = context.getBean("alipayHealthIndicator");
        Method healthMethod = indicator.getClass().getMethod("health");
        Object health = healthMethod.invoke(indicator);
        Object status = health.getClass().getMethod("getStatus").invoke(health);
        String code = (String) status.getClass().getMethod("getCode").invoke(status);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) health.getClass().getMethod("getDetails").invoke(health);
        return new Health(code, details);
    }

    record Health(String status, Map<String, Object> details) {
    }

    static final class BrokenSigner implements Signer {

        @Override
        public SignType type() {
            return SignType.MD5;
        }

        @Override
        public String sign(String content, Charset charset) {
            throw new IllegalStateException("key store unavailable");
        }

        @Override
        public boolean matches(String content, String signature, Charset charset) {
            return false;
        }

    }

    static final class StubGateway implements AlipayGateway {

        final AtomicInteger timestamps = new AtomicInteger();

        final AtomicInteger answered = new AtomicInteger();

        volatile String errorCode;

        volatile CountDownLatch hang;

        @Override
        public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
            return NotifyVerifyAnswer.TRUE;
        }

        @Override
        public String queryTimestamp() {
            this.timestamps.incrementAndGet();
            if (this.hang != null) {
                try {
                    this.hang.await(10, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            this.answered.incrementAndGet();
            if (this.errorCode != null) {
                throw new GatewayResponseException("query_timestamp: error " + this.errorCode, this.errorCode);
            }
            return "KEY";
        }

        @Override
        public TradeQueryResult singleTradeQuery(String outTradeNo) {
            return TradeQueryResult.error("TRADE_NOT_EXIST");
        }

    }

}

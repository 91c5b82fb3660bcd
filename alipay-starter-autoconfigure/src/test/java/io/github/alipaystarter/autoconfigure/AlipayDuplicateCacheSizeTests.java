package io.github.alipaystarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.engine.NotificationProcessor;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code alipay.duplicate-cache-size} reaches the processor: by default a repeated paid notification of a
 * paid trade reads the ledger once, with 0 every time; a negative value stops start-up naming it.
 */
class AlipayDuplicateCacheSizeTests {

    private static final String PARTNER = AlipayAutoConfigurationTests.PARTNER;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class))
        .withPropertyValues("alipay.partner=" + PARTNER, "alipay.key=" + AlipayAutoConfigurationTests.KEY)
        .withBean(PaymentHandler.class, () -> (trade) -> { })
        .withBean(PaymentLedger.class, FindCounting::new);

    @Test
    void byDefaultARepeatedPaidNotificationReadsTheLedgerOnce() {
        this.runner.run((context) -> assertThat(duplicatesDelivered(context, 3)).isEqualTo(1));
    }

    @Test
    void zeroReadsTheLedgerForEveryDelivery() {
        this.runner.withPropertyValues("alipay.duplicate-cache-size=0")
            .run((context) -> assertThat(duplicatesDelivered(context, 3)).isEqualTo(3));
    }

    @Test
    void aNegativeSizeStopsStartUpNamingTheProperty() {
        this.runner.withPropertyValues("alipay.duplicate-cache-size=-1").run((context) -> {
            assertThat(context).hasFailed();
            String description = new AlipayConfigFailureAnalyzer().analyze(context.getStartupFailure())
                .getDescription();
            assertThat(description).contains("Property: alipay.duplicate-cache-size")
                .contains("must be 0 or more, was -1");
        });
    }

    /** Pays a trade in the ledger, delivers its signed TRADE_SUCCESS {@code times}; the ledger reads. */
    private static int duplicatesDelivered(AssertableApplicationContext context, int times) {
        FindCounting ledger = (FindCounting) context.getBean(PaymentLedger.class);
        ledger.record("DUP-1", new BigDecimal("9.90"), "x");
        ledger.markPaid(new PaidTrade("DUP-1", "2026112600001000123", new BigDecimal("9.90"),
                OffsetDateTime.parse("2026-11-26T10:20:00+08:00"), TradeStatus.TRADE_SUCCESS, null, null, "x", null,
                NotificationSource.NOTIFY), (trade) -> { });
        ledger.finds.set(0);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("notify_time", "2026-11-26 10:20:30");
        p.put("notify_type", "trade_status_sync");
        p.put("notify_id", "nid-dup-1");
        p.put("out_trade_no", "DUP-1");
        p.put("trade_no", "2026112600001000123");
        p.put("trade_status", "TRADE_SUCCESS");
        p.put("total_fee", "9.90");
        p.put("seller_id", PARTNER);
        Map<String, String> signed = context.getBean(AlipaySigner.class).signParameters(p);
        NotificationProcessor processor = context.getBean(NotificationProcessor.class);
        for (int i = 0; i < times; i++) {
            ProcessingResult r = processor.process(NotificationSource.NOTIFY, signed);
            assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.DUPLICATE);
        }
        return ledger.finds.get();
    }

    /** The in-memory ledger, counting its reads. */
    static final class FindCounting implements PaymentLedger {
        final InMemoryPaymentLedger delegate = new InMemoryPaymentLedger();
        final AtomicInteger finds = new AtomicInteger();

        @Override
        public void record(String outTradeNo, BigDecimal totalFee, String subject) {
            this.delegate.record(outTradeNo, totalFee, subject);
        }

        @Override
        public Optional<LedgerEntry> find(String outTradeNo) {
            this.finds.incrementAndGet();
            return this.delegate.find(outTradeNo);
        }

        @Override
        public boolean markPaid(PaidTrade trade, Consumer<PaidTrade> onWin) {
            return this.delegate.markPaid(trade, onWin);
        }

        @Override
        public boolean markClosed(String outTradeNo) {
            return this.delegate.markClosed(outTradeNo);
        }

        @Override
        public boolean markRefunded(String outTradeNo) {
            return this.delegate.markRefunded(outTradeNo);
        }

        @Override
        public List<LedgerEntry> findUnpaidOlderThan(Instant olderThan, int limit) {
            return this.delegate.findUnpaidOlderThan(olderThan, limit);
        }
    }
}

package io.github.alipaystarter.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.store.InMemoryNotificationJournal;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.store.PaymentLedger;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.store.VerifiedDelivery;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

class AlipayEndpointTests {

    private static final String SIGN = "3f1a9c0d5e7b2a4c6d8e0f1a2b3c4d5e";

    private final Instant now = Instant.parse("2026-12-01T09:00:00Z");

    private final InMemoryPaymentLedger ledger = new InMemoryPaymentLedger(Clock.fixed(now.minusSeconds(3600), ZoneOffset.UTC));

    private final InMemoryNotificationJournal journal = new InMemoryNotificationJournal(100);

    private final AlipayEndpoint endpoint = new AlipayEndpoint(ledger, journal, Duration.ofMinutes(15),
            Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void masksTheSignatureInTheParameters() {
        journal.verified(new VerifiedDelivery(NotificationSource.NOTIFY, "127.0.0.1", now,
                Map.of("out_trade_no", "T1", "sign", SIGN, "sign_type", "MD5"), 60),
                new ProcessingResult(Outcome.DUPLICATE, "already paid", "T1"));

        AlipayEndpoint.EntryView entry = endpoint.overview(null, null).journal().entries().get(0);

        assertThat(entry.parameters()).containsEntry("sign", "3f1a9c... (32 characters, masked)")
            .containsEntry("sign_type", "MD5");
        assertThat(entry.rawBody()).isNull(); // a verified delivery is kept as its parameters only
        assertThat(entry.toString()).doesNotContain(SIGN.substring(6));
    }

    @Test
    void masksASignWhoseNameIsPercentEncodedInTheRawBody() {
        assertThat(AlipayEndpoint.rawBody("a=1&%73ign=" + SIGN)).isEqualTo("a=1&%73ign=3f1a9c... (32 characters, masked)");
        assertThat(AlipayEndpoint.rawBody("sign=" + SIGN + "&sign=" + SIGN)).doesNotContain(SIGN.substring(6));
    }

    @Test
    void showsNothingOfAShortSignature() {
        assertThat(AlipayEndpoint.maskSign("abcdef")).isEqualTo("... (6 characters, masked)");
    }

    @Test
    void showsNoBase64Body() {
        assertThat(AlipayEndpoint.rawBody("base64:c2lnbj0xMjM=")).isEqualTo("(not text: 19 characters of Base64, not shown)");
    }

    @Test
    void listsAtMostFiftyOldUnpaidTradesAndSaysThereAreMore() {
        for (int i = 0; i < AlipayEndpoint.UNPAID_LIMIT + 1; i++) {
            ledger.record("U" + i, new BigDecimal("1.00"), "u");
        }

        AlipayEndpoint.Unpaid unpaid = endpoint.overview(null, null).unpaid();

        assertThat(unpaid.trades()).hasSize(AlipayEndpoint.UNPAID_LIMIT);
        assertThat(unpaid.more()).isTrue();
        assertThat(unpaid.createdBefore()).isEqualTo("2026-12-01T08:45:00Z");
    }

    @Test
    void saysWhenTheLedgerCannotCountByStatus() {
        PaymentLedger old = new PaymentLedger() {
            @Override
            public void record(String outTradeNo, BigDecimal totalFee, String subject) {
            }

            @Override
            public Optional<LedgerEntry> find(String outTradeNo) {
                return Optional.empty();
            }

            @Override
            public boolean markPaid(io.github.alipaystarter.core.payment.PaidTrade trade,
                    Consumer<io.github.alipaystarter.core.payment.PaidTrade> onWin) {
                return false;
            }

            @Override
            public boolean markClosed(String outTradeNo) {
                return false;
            }

            @Override
            public boolean markRefunded(String outTradeNo) {
                return false;
            }

            @Override
            public List<LedgerEntry> findUnpaidOlderThan(Instant olderThan, int limit) {
                return List.of();
            }
        };

        Map<String, Object> trades = new AlipayEndpoint(old, journal, Duration.ofMinutes(15), Clock.systemUTC())
            .overview(null, null).trades();

        assertThat(trades).containsOnlyKeys("unsupported");
    }

    @Test
    void refusesAPageOrSizeOutOfRange() {
        assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> endpoint.overview(-1, 10));
        assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> endpoint.overview(0, 0));
        assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> endpoint.trade("T1", 0, 201));
    }

}

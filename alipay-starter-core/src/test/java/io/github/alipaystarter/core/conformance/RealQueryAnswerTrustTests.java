package io.github.alipaystarter.core.conformance;

import static io.github.alipaystarter.core.conformance.ConformanceSuiteTests.OUR_SELLER;
import static io.github.alipaystarter.core.conformance.ConformanceSuiteTests.TEST_KEY;
import static io.github.alipaystarter.core.conformance.ConformanceSuiteTests.md5Config;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.HttpAlipayGateway;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, defect 6: the {@code <sign>} of an MD5 single_trade_query answer is not verified (not established), so
 * a real answer pays a trade only when its seller and amount match the ledger, exactly as a notification
 * must. The answer is item 16 of the conformance suite (TRADE_SUCCESS, total_fee 0.01, seller_id
 * 2088311843874216), served over HTTP to the real {@link HttpAlipayGateway} and reconciled.
 */
class RealQueryAnswerTrustTests {

    private static final ConformanceItem ANSWER = ConformanceItem.all().stream()
            .filter(i -> i.name().startsWith("16-")).findFirst().orElseThrow();
    private static final String THEIR_SELLER = "2088311843874216";
    private static final String NO = "imooly1001";

    @Test
    void aPaidAnswerForTheConfiguredSellerAndTheRecordedAmountPaysOnce() throws Exception {
        try (ConformanceSuiteTests.Served served = new ConformanceSuiteTests.Served(ANSWER)) {
            ConformanceSuiteTests.Run run = run(served, THEIR_SELLER);
            run.ledger.record(NO, new BigDecimal("0.01"), "zftest");

            assertThat(run.reconciler.reconcile(NO).outcome()).isEqualTo(Outcome.PAID);
            assertThat(run.reconciler.reconcile(NO).outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(run.paid).singleElement().satisfies(t -> {
                assertThat(t.outTradeNo()).isEqualTo(NO);
                assertThat(t.tradeNo()).isEqualTo("2014073058047993");
            });
        }
    }

    @Test
    void aPaidAnswerNamingAnotherSellerPaysNothing() throws Exception {
        try (ConformanceSuiteTests.Served served = new ConformanceSuiteTests.Served(ANSWER)) {
            ConformanceSuiteTests.Run run = run(served, OUR_SELLER);
            run.ledger.record(NO, new BigDecimal("0.01"), "zftest");

            assertThat(run.reconciler.reconcile(NO).outcome()).isEqualTo(Outcome.WRONG_SELLER);
            assertThat(run.paid).isEmpty();
            assertThat(run.ledger.find(NO).orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
        }
    }

    @Test
    void aPaidAnswerWithAnotherAmountThanTheLedgerRecordedPaysNothing() throws Exception {
        try (ConformanceSuiteTests.Served served = new ConformanceSuiteTests.Served(ANSWER)) {
            ConformanceSuiteTests.Run run = run(served, THEIR_SELLER);
            run.ledger.record(NO, new BigDecimal("100.01"), "zftest");

            assertThat(run.reconciler.reconcile(NO).outcome()).isEqualTo(Outcome.WRONG_AMOUNT);
            assertThat(run.paid).isEmpty();
            assertThat(run.ledger.find(NO).orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
        }
    }

    private static ConformanceSuiteTests.Run run(ConformanceSuiteTests.Served served, String seller) {
        AlipayGateway gateway = new HttpAlipayGateway(served.config, AlipaySigner.forConfig(served.config));
        return new ConformanceSuiteTests.Run(md5Config(TEST_KEY, "utf-8", seller).gatewayUrl(served.url()).build(), gateway);
    }
}

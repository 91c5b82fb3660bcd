package io.github.alipaystarter.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.protocol.gateway.GatewayResponseException;
import io.github.alipaystarter.core.protocol.gateway.HttpAlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, defect 6, for RSA merchants: the {@code <sign>} of a single_trade_query answer is SHA1withRSA by
 * Alipay's mapi key over the {@code <trade>} elements (canonical as spec 9.1). Item 26 of the suite, a real
 * answer, verifies so with Alipay's published key; the same answer with one value changed, or without its
 * sign, is refused and pays nothing.
 */
class RealRsaQueryAnswerTests {

    private static final ConformanceItem ANSWER = ConformanceItem.all().stream()
            .filter(i -> i.name().startsWith("26-")).findFirst().orElseThrow();
    private static final String NO = "201707170855170400131945";

    @Test
    void aRealRsaAnswerVerifiesWithAlipaysPublicKeyAndIsRead() throws Exception {
        TradeQueryResult result = query(ANSWER);

        assertThat(result.tradeStatus()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        assertThat(result.totalFee()).isEqualByComparingTo(new BigDecimal("12.00"));
        assertThat(result.sellerId()).isEqualTo("2088421603897905");
    }

    @Test
    void theSameAnswerWithAnotherAmountIsRefused() throws Exception {
        ConformanceItem tampered = withRaw(ANSWER, ANSWER.raw().replace("<total_fee>12.00</total_fee>",
                "<total_fee>1200.00</total_fee>"));

        assertThatExceptionOfType(GatewayResponseException.class).isThrownBy(() -> query(tampered))
                .withMessageContaining("RSA <sign>").withMessageContaining("MISMATCH");
    }

    @Test
    void theSameAnswerWithoutItsSignIsRefused() throws Exception {
        String raw = ANSWER.raw();
        ConformanceItem unsigned = withRaw(ANSWER, raw.substring(0, raw.indexOf("<sign>"))
                + raw.substring(raw.indexOf("</sign>") + "</sign>".length()));

        assertThatExceptionOfType(GatewayResponseException.class).isThrownBy(() -> query(unsigned))
                .withMessageContaining("RSA <sign>");
    }

    private static ConformanceItem withRaw(ConformanceItem item, String raw) {
        return new ConformanceItem(item.name(), item.headers(), raw);
    }

    private static TradeQueryResult query(ConformanceItem item) throws Exception {
        try (ConformanceSuiteTests.Served served = new ConformanceSuiteTests.Served(item)) {
            AlipayConfig config = ConformanceSuiteTests.rsaConfigBuilder("2088421603897905")
                    .inputCharset("utf-8").gatewayUrl(served.url()).build();
            return new HttpAlipayGateway(config, AlipaySigner.forConfig(config)).singleTradeQuery(NO);
        }
    }
}

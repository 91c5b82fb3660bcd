package io.github.alipaystarter.core.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.GatewayUnavailableException;
import io.github.alipaystarter.core.protocol.gateway.NotifyVerifyAnswer;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AntiPhishingTests {

    private final AtomicInteger queries = new AtomicInteger();
    private final List<String> recorded = new ArrayList<>();
    private RuntimeException gatewayFailure;

    private final AlipayGateway gateway = new AlipayGateway() {
        @Override
        public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
            throw new AssertionError("not expected");
        }

        @Override
        public String queryTimestamp() {
            if (gatewayFailure != null) {
                throw gatewayFailure;
            }
            return "KEY" + queries.incrementAndGet();
        }

        @Override
        public TradeQueryResult singleTradeQuery(String outTradeNo) {
            throw new AssertionError("not expected");
        }
    };

    private DirectPayService service(Supplier<String> clientAddress) {
        AlipayConfig config = PayFixtures.config("utf-8").build();
        return new DirectPayService(config, AlipaySigner.forConfig(config), p -> recorded.add(p.outTradeNo()),
                new AntiPhishing(gateway, clientAddress));
    }

    @Test
    void everyRequestCarriesAFreshKeyAndTheBuyersAddress() {
        DirectPayService service = service(() -> "203.0.113.7");

        PaymentRequest request = request("AP1");
        SignedPayment first = service.recordAndSign(request);
        SignedPayment second = service.recordAndSign(request);

        assertThat(first.parameters()).containsEntry("anti_phishing_key", "KEY1").containsEntry("exter_invoke_ip", "203.0.113.7");
        assertThat(second.parameters()).containsEntry("anti_phishing_key", "KEY2");
        assertThat(queries).hasValue(2);
        // the merchant's request is left as it was
        assertThat(request.antiPhishingKey()).isNull();
        assertThat(request.exterInvokeIp()).isNull();
    }

    private static PaymentRequest request(String outTradeNo) {
        return PaymentRequest.builder(outTradeNo, "s", Amount.of(new BigDecimal("1.00"))).build();
    }

    @Test
    void anIpv4MappedIpv6AddressIsSentAsIpv4() {
        SignedPayment payment = service(() -> "::ffff:198.51.100.23").recordAndSign(request("AP2"));

        assertThat(payment.parameters()).containsEntry("exter_invoke_ip", "198.51.100.23");
    }

    @Test
    void withoutARequestBoundThereIsAClearErrorAndNoGatewayCall() {
        assertThatThrownBy(() -> service(() -> null).recordAndSign(request("AP3")))
            .isInstanceOfSatisfying(AntiPhishingException.class,
                    e -> assertThat(e.reason()).isEqualTo(AntiPhishingException.Reason.NO_CLIENT_ADDRESS))
            .hasMessageContaining("no HTTP request is bound to this thread");
        assertThat(queries).hasValue(0);
        assertThat(recorded).isEmpty();
    }

    @Test
    void anIpv6BuyerIsAClearError() {
        assertThatThrownBy(() -> service(() -> "2001:db8::1").recordAndSign(request("AP4")))
            .isInstanceOfSatisfying(AntiPhishingException.class,
                    e -> assertThat(e.reason()).isEqualTo(AntiPhishingException.Reason.NOT_IPV4))
            .hasMessageContaining("2001:db8::1").hasMessageContaining("IPv4");
        assertThat(queries).hasValue(0);
    }

    @Test
    void aGatewayThatCannotBeReachedIsAClearErrorWithItsCause() {
        gatewayFailure = new GatewayUnavailableException("query_timestamp: could not reach https://mapi.alipay.com/gateway.do (ConnectException)");

        assertThatThrownBy(() -> service(() -> "203.0.113.7").recordAndSign(request("AP5")))
            .isInstanceOfSatisfying(AntiPhishingException.class,
                    e -> assertThat(e.reason()).isEqualTo(AntiPhishingException.Reason.NO_ANTI_PHISHING_KEY))
            .hasMessageContaining("query_timestamp").hasMessageContaining("No payment request was made")
            .hasCause(gatewayFailure);
        assertThat(recorded).isEmpty();
    }
}

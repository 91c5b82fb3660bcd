package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.error.AlipayParameterException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectPayServiceTests {

    private final AlipayConfig config = PayFixtures.config("utf-8").build();
    private final List<SignedPayment> told = new ArrayList<>();

    private static PaymentRequest request(String outTradeNo, String subject, String totalFee) {
        return PaymentRequest.builder(outTradeNo, subject, Amount.of(new BigDecimal(totalFee))).build();
    }

    @Test
    void listenerIsToldOnceWithThePaymentThatIsReturned() {
        DirectPayService service = PayFixtures.service(config, told::add);
        SignedPayment payment = service.recordAndSign(request("T1", "书", "12.5"));
        assertThat(told).hasSize(1);
        assertThat(told.get(0)).isSameAs(payment);
        assertThat(payment.outTradeNo()).isEqualTo("T1");
        assertThat(payment.amount()).isEqualTo(new BigDecimal("12.50"));
        assertThat(payment.subject()).isEqualTo("书");
        assertThat(payment.parameters()).containsKey("sign");
    }

    @Test
    void renderingTellsTheListenerNothingMore() {
        DirectPayService service = PayFixtures.service(config, told::add);
        SignedPayment payment = service.recordAndSign(request("T1", "s", "1"));
        String form = payment.toHtmlForm();
        String page = payment.toHtmlPage();
        java.net.URI url = payment.toRedirectUrl();
        assertThat(payment.toHtmlForm()).isEqualTo(form);
        assertThat(payment.toHtmlPage()).isEqualTo(page);
        assertThat(payment.toRedirectUrl()).isEqualTo(url);
        assertThat(told).hasSize(1);
    }

    @Test
    void listenerRefusalStopsTheRequest() {
        AlipayParameterException refusal = new AlipayParameterException("total_fee", "differs from the recorded 1.00",
                "2.00", AlipayErrorCode.TRADE_TOTALFEE_NOT_MATCH);
        DirectPayService service = PayFixtures.service(config, payment -> {
            told.add(payment);
            throw refusal;
        });
        PaymentRequest request = request("T1", "s", "2.00");
        assertThatThrownBy(() -> service.recordAndSign(request)).isSameAs(refusal);
        assertThat(told).hasSize(1);
    }

    @Test
    void listenerIsNotToldOfAnInvalidRequest() {
        DirectPayService service = PayFixtures.service(config, told::add);
        assertThatThrownBy(() -> service.recordAndSign(PaymentRequest.builder("T1", null,
                Amount.of(BigDecimal.ONE)).build())).isInstanceOf(AlipayParameterException.class);
        // nor of one that only the configuration refuses
        PaymentRequest buyerIsSeller = PaymentRequest.builder("T1", "s", Amount.of(BigDecimal.ONE))
                .buyerId(PayFixtures.PARTNER).build();
        assertThatThrownBy(() -> service.recordAndSign(buyerIsSeller)).isInstanceOf(AlipayParameterException.class);
        assertThat(told).isEmpty();
    }

    @Test
    void eachCallRecordsAndSignsAgainWithTheSameResult() {
        DirectPayService service = PayFixtures.service(config, told::add);
        PaymentRequest request = request("T1", "s", "1");
        SignedPayment first = service.recordAndSign(request);
        SignedPayment second = service.recordAndSign(request);
        assertThat(told).containsExactly(first, second);
        assertThat(second.parameters()).isEqualTo(first.parameters());
        assertThat(second.toHtmlPage()).isEqualTo(first.toHtmlPage());
    }

    @Test
    void aRequestThatFailedValidationCanBeCorrectedAndSigned() {
        PaymentRequest.Builder builder = PaymentRequest.builder("T1", "50%", Amount.of(BigDecimal.ONE));
        assertThatThrownBy(builder::build).isInstanceOf(AlipayParameterException.class);
        PaymentRequest corrected = PaymentRequest.builder("T1", "50 percent", Amount.of(BigDecimal.ONE)).build();
        assertThat(PayFixtures.service(config, told::add).recordAndSign(corrected).subject()).isEqualTo("50 percent");
    }

    @Test
    void aFailedBodyCanBeCorrectedOnTheSameBuilder() {
        PaymentRequest.Builder builder = PayFixtures.valid().body("50%");
        assertThatThrownBy(builder::build).isInstanceOf(AlipayParameterException.class);
        assertThat(builder.body("50 percent").build().body()).isEqualTo("50 percent");
    }

    @Test
    void ledgerRecordsTheTradeAndRefusesTheSameOutTradeNoWithAnotherAmount() {
        InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();
        DirectPayService service = PayFixtures.service(config, ledger.requestListener());
        service.recordAndSign(request("T1", "s", "1"));
        assertThat(ledger.find("T1")).hasValueSatisfying(e -> assertThat(e.totalFee()).isEqualTo(new BigDecimal("1.00")));
        // the same request again is allowed while unpaid (spec 4.2 note: repeated calls with the same data)
        service.recordAndSign(request("T1", "s", "1.00"));
        assertThatThrownBy(() -> service.recordAndSign(request("T1", "s", "2")))
                .isInstanceOf(AlipayParameterException.class)
                .extracting(e -> ((AlipayParameterException) e).errorCode())
                .isEqualTo(AlipayErrorCode.TRADE_TOTALFEE_NOT_MATCH);
    }

    @Test
    void buildingARequestRecordsNothing() {
        InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();
        PayFixtures.service(config, ledger.requestListener());
        request("T9", "s", "1");
        assertThat(ledger.find("T9")).isEmpty();
    }

    @Test
    void refusesASignerOfAnotherCharset() {
        AlipayConfig gbk = PayFixtures.config("gbk").build();
        assertThatThrownBy(() -> new DirectPayService(config, AlipaySigner.forConfig(gbk), PaymentRequestListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AlipaySigner.forConfig");
    }

    @Test
    void refusesNullCollaborators() {
        AlipaySigner signer = AlipaySigner.forConfig(config);
        assertThatThrownBy(() -> new DirectPayService(null, signer, PaymentRequestListener.NONE))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DirectPayService(config, signer, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new DirectPayService(config, signer, PaymentRequestListener.NONE).recordAndSign(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringOfPaymentShowsNoSignatureOrKey() {
        SignedPayment payment = PayFixtures.service(config, told::add).recordAndSign(request("T1", "s", "1"));
        assertThat(payment.toString()).contains("T1", "1.00").doesNotContain(payment.parameters().get("sign"))
                .doesNotContain(PayFixtures.KEY);
    }
}

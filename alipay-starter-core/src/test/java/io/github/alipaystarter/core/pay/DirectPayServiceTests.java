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

    @Test
    void listenerIsToldOnceWithThePaymentThatIsReturned() {
        DirectPayService service = PayFixtures.service(config, told::add);
        SignedPayment payment = service.directPay().outTradeNo("T1").subject("书").totalFee("12.5").sign();
        assertThat(told).hasSize(1);
        assertThat(told.get(0)).isSameAs(payment);
        assertThat(payment.outTradeNo()).isEqualTo("T1");
        assertThat(payment.amount()).isEqualTo(new BigDecimal("12.50"));
        assertThat(payment.subject()).isEqualTo("书");
        assertThat(payment.parameters()).containsKey("sign");
    }

    @Test
    void listenerRefusalStopsTheRequest() {
        AlipayParameterException refusal = new AlipayParameterException("total_fee", "differs from the recorded 1.00",
                "2.00", AlipayErrorCode.TRADE_TOTALFEE_NOT_MATCH);
        DirectPayService service = PayFixtures.service(config, payment -> {
            told.add(payment);
            throw refusal;
        });
        DirectPayRequest request = service.directPay().outTradeNo("T1").subject("s").totalFee("2.00");
        assertThatThrownBy(request::toHtmlForm).isSameAs(refusal);
        assertThat(told).hasSize(1);
    }

    @Test
    void listenerIsNotToldOfAnInvalidRequest() {
        DirectPayService service = PayFixtures.service(config, told::add);
        assertThatThrownBy(() -> service.directPay().outTradeNo("T1").totalFee("1").sign())
                .isInstanceOf(AlipayParameterException.class);
        assertThat(told).isEmpty();
    }

    @Test
    void builderIsSpentOnceSigned() {
        DirectPayRequest request = PayFixtures.service(config, told::add).directPay().outTradeNo("T1").subject("s")
                .totalFee("1");
        request.sign();
        assertThatThrownBy(request::sign).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DirectPayService.directPay()");
        assertThatThrownBy(() -> request.totalFee("2")).isInstanceOf(IllegalStateException.class);
        assertThat(told).hasSize(1);
    }

    @Test
    void builderIsSpentEvenWhenTheListenerRefuses() {
        DirectPayRequest request = PayFixtures.service(config, p -> {
            throw new AlipayParameterException("out_trade_no", "already paid", "T1", AlipayErrorCode.TRADE_NOT_ALLOWED_PAY);
        }).directPay().outTradeNo("T1").subject("s").totalFee("1");
        assertThatThrownBy(request::sign).isInstanceOf(AlipayParameterException.class);
        assertThatThrownBy(request::sign).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builderThatFailedValidationCanBeCorrectedAndSigned() {
        DirectPayRequest request = PayFixtures.service(config, told::add).directPay().outTradeNo("T1").subject("50%")
                .totalFee("1");
        assertThatThrownBy(request::sign).isInstanceOf(AlipayParameterException.class);
        assertThat(request.subject("50 percent").sign().subject()).isEqualTo("50 percent");
    }

    @Test
    void eachDirectPayCallGivesAFreshBuilder() {
        DirectPayService service = PayFixtures.service(config, told::add);
        DirectPayRequest first = service.directPay();
        assertThat(service.directPay()).isNotSameAs(first);
        first.outTradeNo("A").subject("a").totalFee("1").sign();
        assertThat(service.directPay().outTradeNo("B").subject("b").totalFee("2").sign().parameters())
                .containsEntry("out_trade_no", "B").containsEntry("total_fee", "2.00");
    }

    @Test
    void ledgerRecordsTheTradeAndRefusesTheSameOutTradeNoWithAnotherAmount() {
        InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();
        DirectPayService service = PayFixtures.service(config, ledger.requestListener());
        service.directPay().outTradeNo("T1").subject("s").totalFee("1").sign();
        assertThat(ledger.find("T1")).hasValueSatisfying(e -> assertThat(e.totalFee()).isEqualTo(new BigDecimal("1.00")));
        // the same request again is allowed while unpaid (spec 4.2 note: repeated calls with the same data)
        service.directPay().outTradeNo("T1").subject("s").totalFee("1.00").sign();
        assertThatThrownBy(() -> service.directPay().outTradeNo("T1").subject("s").totalFee("2").sign())
                .isInstanceOf(AlipayParameterException.class)
                .extracting(e -> ((AlipayParameterException) e).errorCode())
                .isEqualTo(AlipayErrorCode.TRADE_TOTALFEE_NOT_MATCH);
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
    }

    @Test
    void toStringOfPaymentShowsNoSignatureOrKey() {
        SignedPayment payment = PayFixtures.service(config, told::add).directPay().outTradeNo("T1").subject("s")
                .totalFee("1").sign();
        assertThat(payment.toString()).contains("T1", "1.00").doesNotContain(payment.parameters().get("sign"))
                .doesNotContain(PayFixtures.KEY);
    }
}

package io.github.alipaystarter.core.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A built request is a value: nothing done to its builder or to the collections given changes it. */
class PaymentRequestValueTests {

    @Test
    void reusingTheBuilderDoesNotChangeABuiltRequest() {
        PaymentRequest.Builder builder = PayFixtures.valid().body("first").paymethod(DefaultPayMethod.bank("CMB"));
        PaymentRequest first = builder.build();
        Map<String, String> firstParameters = PayFixtures.service("utf-8").recordAndSign(first).parameters();

        PaymentRequest second = builder.body("second").paymethod(null).qrCode(QrCode.redirect()).build();

        assertThat(first.body()).isEqualTo("first");
        assertThat(first.paymethod()).isEqualTo(DefaultPayMethod.bank("CMB"));
        assertThat(first.qrCode()).isNull();
        assertThat(PayFixtures.service("utf-8").recordAndSign(first).parameters()).isEqualTo(firstParameters);
        assertThat(second.body()).isEqualTo("second");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void collectionsAreCopiedAndUnmodifiable() {
        List<String> channels = new ArrayList<>(List.of("creditCard"));
        Map<String, String> extend = new LinkedHashMap<>(Map.of("pnr", "MFGXDW"));
        PaymentRequest request = PayFixtures.valid().disablePaymethod(channels).extendParam(extend).build();

        channels.add("pcredit");
        extend.put("other", "x");

        assertThat(request.disablePaymethod()).containsExactly("creditCard");
        assertThat(request.extendParam()).containsOnlyKeys("pnr");
        assertThatThrownBy(() -> request.disablePaymethod().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.extendParam().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void requestsWithTheSameValuesAreEqual() {
        PaymentRequest a = PaymentRequest.builder("T1", "s", Amount.of(new BigDecimal("1"))).body("b")
                .itBPay(PayTimeout.after(Duration.ofHours(2))).returnUrl(URI.create("https://shop.example.com/r")).build();
        PaymentRequest b = PaymentRequest.builder("T1", "s", Amount.of(new BigDecimal("1.00"))).body("b")
                .itBPay(PayTimeout.after(Duration.ofMinutes(120))).returnUrl(URI.create("https://shop.example.com/r")).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.amount()).isEqualTo(Amount.of(new BigDecimal("1.00")));
    }

    @Test
    void toBuilderCopiesEveryValueAndLeavesTheOriginalAlone() {
        PaymentRequest original = PayFixtures.valid().body("b").sellerEmail("shop@example.com").buyerId("2088002007018955")
                .paymethod(DefaultPayMethod.expressGateway("CMB")).needCtuCheck(true).exterInvokeIp("10.1.2.3")
                .antiPhishingKey("KPabc=").extraCommonParam("x").extendParam(Map.of("a", "b"))
                .itBPay(PayTimeout.endOfDay()).token("t1").qrCode(QrCode.embedded(100))
                .royalties(Royalties.of(Royalties.Share.of("a@b.cn", new BigDecimal("0.01"), "r"))).build();

        assertThat(original.toBuilder().build()).isEqualTo(original);
        PaymentRequest changed = original.toBuilder().body("c").build();
        assertThat(original.body()).isEqualTo("b");
        assertThat(changed.body()).isEqualTo("c");
        assertThat(PayFixtures.service("utf-8").recordAndSign(original.toBuilder().build()).parameters())
                .isEqualTo(PayFixtures.service("utf-8").recordAndSign(original).parameters());
    }

    @Test
    void toStringShowsTheTrade() {
        assertThat(PayFixtures.valid().build().toString()).contains(PayFixtures.OUT_TRADE_NO, PayFixtures.SUBJECT, "0.01");
    }
}

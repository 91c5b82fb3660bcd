package io.github.alipaystarter.core.protocol.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationParserTests {

    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    static Map<String, String> specNotify() {
        return FormData.decode(SpecSamples.NOTIFY_6_3, StandardCharsets.UTF_8);
    }

    static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(base);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return copy;
    }

    @Test
    void parsesSpecSampleNotification63() {
        TradeNotification n = NotificationParser.parse(NotificationSource.NOTIFY, specNotify());

        assertThat(n.source()).isEqualTo(NotificationSource.NOTIFY);
        assertThat(n.notifyId()).isEqualTo("70fec0c2730b27528665af4517c27b95");
        assertThat(n.notifyType()).isEqualTo("trade_status_sync");
        assertThat(n.signType()).isEqualTo("DSA");
        assertThat(n.outTradeNo()).isEqualTo("3618810634349901");
        assertThat(n.tradeNo()).isEqualTo("2008102203208746");
        assertThat(n.subject()).isEqualTo("iphone手机");
        assertThat(n.body()).isEqualTo("Hello");
        assertThat(n.paymentType()).isEqualTo("1");
        assertThat(n.tradeStatus()).isEqualTo(TradeStatus.TRADE_FINISHED);
        assertThat(n.tradeStatus().isPaid()).isTrue();
        assertThat(n.refundStatus()).isEqualTo(RefundStatus.REFUND_SUCCESS);
        assertThat(n.sellerId()).isEqualTo("2088002007018916");
        assertThat(n.sellerEmail()).isEqualTo("chao.chenc1@alipay.com");
        assertThat(n.buyerId()).isEqualTo("2088002007013600");
        assertThat(n.buyerEmail()).isEqualTo("13758698870");
        assertThat(n.extraCommonParam()).isEqualTo("你好，这是测试商户的广告。");
        assertThat(n.isSuccess()).isNull();
    }

    @Test
    void parsesMoneyOfSpecSampleAsScaleTwoWithNegativeDiscount() {
        TradeNotification n = NotificationParser.parse(NotificationSource.NOTIFY, specNotify());

        assertThat(n.totalFee()).isEqualTo(new BigDecimal("10.00"));
        assertThat(n.totalFee().scale()).isEqualTo(2);
        assertThat(n.price()).isEqualTo(new BigDecimal("10.00"));
        assertThat(n.discount()).isEqualTo(new BigDecimal("-5.00"));
        assertThat(n.discount().scale()).isEqualTo(2);
        assertThat(n.quantity()).isEqualTo(new BigDecimal("1"));
    }

    @Test
    void parsesTimesOfSpecSampleAsChinaTime() {
        TradeNotification n = NotificationParser.parse(NotificationSource.NOTIFY, specNotify());

        assertThat(n.notifyTime()).isEqualTo(OffsetDateTime.of(2009, 8, 12, 11, 8, 32, 0, CHINA));
        assertThat(n.gmtCreate()).isEqualTo(OffsetDateTime.of(2008, 10, 22, 20, 49, 31, 0, CHINA));
        assertThat(n.gmtPayment()).isEqualTo(OffsetDateTime.of(2008, 10, 22, 20, 49, 50, 0, CHINA));
        assertThat(n.gmtClose()).isEqualTo(OffsetDateTime.of(2008, 10, 22, 20, 49, 46, 0, CHINA));
        assertThat(n.gmtRefund()).isEqualTo(OffsetDateTime.of(2008, 10, 29, 19, 38, 25, 0, CHINA));
        // 20:49:50 in Beijing is 12:49:50 UTC
        assertThat(n.gmtPayment().toInstant()).isEqualTo(Instant.parse("2008-10-22T12:49:50Z"));
        assertThat(n.gmtPayment().getOffset()).isEqualTo(CHINA);
    }

    @Test
    void keepsEveryParameterOfSpecSampleInRawIncludingOnesWithoutATypedField() {
        Map<String, String> params = specNotify();
        TradeNotification n = NotificationParser.parse(NotificationSource.NOTIFY, params);

        assertThat(n.raw()).isEqualTo(params);
        assertThat(n.raw()).containsEntry("is_total_fee_adjust", "N").containsEntry("use_coupon", "N");
        // decoded exactly once: the spec's %252F is %2F in the value
        assertThat(n.parameter("sign")).isEqualTo("_p_w_l_h_j0b_gd_aejia7n_ko4_m%2Fu_w_jd3_nx_s_k_mxus9_hoxg_y_r_lunli_pmma29_t_q%3D%3D");
        assertThat(n.raw().keySet()).containsExactlyElementsOf(params.keySet());
    }

    @Test
    void keepsAnUnknownParameterInRaw() {
        TradeNotification n = NotificationParser.parse(NotificationSource.NOTIFY,
                with(specNotify(), "out_channel_new_2030", "whatever"));

        assertThat(n.parameter("out_channel_new_2030")).isEqualTo("whatever");
    }

    @Test
    void parsesSpecSampleReturn53() {
        TradeNotification n = NotificationParser.parse(NotificationSource.RETURN,
                FormData.decode(SpecSamples.RETURN_5_3, StandardCharsets.UTF_8));

        assertThat(n.source()).isEqualTo(NotificationSource.RETURN);
        assertThat(n.isSuccess()).isEqualTo("T");
        assertThat(n.subject()).isEqualTo("外部FP");
        assertThat(n.notifyId()).isEqualTo("RqPnCoPT3K9%2Fvwbh3I%2BODmZS9o4qChHwPWbaS7UMBJpUnBJlzg42y9A8gQlzU6m3fOhG");
        assertThat(n.notifyTime()).isEqualTo(OffsetDateTime.of(2008, 10, 23, 13, 17, 39, 0, CHINA));
        assertThat(n.totalFee()).isEqualTo(new BigDecimal("10.00"));
        assertThat(n.parameter("exterface")).isEqualTo("create_direct_pay_by_user");
        assertThat(n.gmtPayment()).isNull();
        assertThat(n.discount()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"387", "387.5", "387.50", "0.01", "100000000.00"})
    void normalizesAmountsToScaleTwo(String amount) {
        TradeNotification n = NotificationParser.parse(NotificationSource.NOTIFY, with(specNotify(), "total_fee", amount));

        assertThat(n.totalFee().scale()).isEqualTo(2);
        assertThat(n.totalFee()).isEqualByComparingTo(new BigDecimal(amount));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.001", "387.000", "0.005"})
    void rejectsAmountWithMoreThanTwoDecimalsNamingTheParameter(String amount) {
        assertThatThrownBy(() -> NotificationParser.parse(NotificationSource.NOTIFY, with(specNotify(), "total_fee", amount)))
                .isInstanceOfSatisfying(MalformedNotificationException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("total_fee");
                    assertThat(e.getMessage()).contains("total_fee").contains("more than 2 decimals").contains(amount);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "10,00", "1e3", " 10.00", "10.00 ", "+10.00", "10.", ".5", "0x10", "１０.00", "NaN"})
    void rejectsAmountThatIsNotANumberNamingTheParameter(String amount) {
        assertThatThrownBy(() -> NotificationParser.parse(NotificationSource.NOTIFY, with(specNotify(), "price", amount)))
                .isInstanceOfSatisfying(MalformedNotificationException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("price");
                    assertThat(e.getMessage()).contains("price").contains("not an amount");
                });
    }

    @Test
    void rejectsNegativeTotalFee() {
        assertThatThrownBy(() -> NotificationParser.parse(NotificationSource.NOTIFY, with(specNotify(), "total_fee", "-10.00")))
                .isInstanceOfSatisfying(MalformedNotificationException.class,
                        e -> assertThat(e.parameter()).isEqualTo("total_fee"));
    }

    @Test
    void rejectsDiscountThatIsNotANumber() {
        assertThatThrownBy(() -> NotificationParser.parse(NotificationSource.NOTIFY, with(specNotify(), "discount", "-5.5.5")))
                .isInstanceOfSatisfying(MalformedNotificationException.class,
                        e -> assertThat(e.parameter()).isEqualTo("discount"));
    }

    @Test
    void rejectsQuantityThatIsNotAWholeNumber() {
        assertThatThrownBy(() -> NotificationParser.parse(NotificationSource.NOTIFY, with(specNotify(), "quantity", "1.5")))
                .isInstanceOfSatisfying(MalformedNotificationException.class,
                        e -> assertThat(e.parameter()).isEqualTo("quantity"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2008/10/22 20:49:50", "2008-10-22T20:49:50", "2008-10-22 20:49", "2008-02-30 10:00:00",
            "2008-10-22 24:00:00", "yesterday", "2008-10-22 20:49:50+08:00"})
    void rejectsMalformedTimeNamingTheParameter(String time) {
        assertThatThrownBy(() -> NotificationParser.parse(NotificationSource.NOTIFY, with(specNotify(), "gmt_payment", time)))
                .isInstanceOfSatisfying(MalformedNotificationException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("gmt_payment");
                    assertThat(e.getMessage()).contains("gmt_payment").contains("yyyy-MM-dd HH:mm:ss");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"notify_id", "sign", "sign_type", "out_trade_no"})
    void requiresParameterOfANotify(String name) {
        assertThatThrownBy(() -> NotificationParser.parse(NotificationSource.NOTIFY, with(specNotify(), name, null)))
                .isInstanceOfSatisfying(MalformedNotificationException.class, e -> {
                    assertThat(e.parameter()).isEqualTo(name);
                    assertThat(e.getMessage()).contains(name).contains("missing");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"notify_id", "sign", "sign_type", "out_trade_no"})
    void treatsAnEmptyRequiredParameterAsMissing(String name) {
        assertThatThrownBy(() -> NotificationParser.parse(NotificationSource.RETURN, with(specNotify(), name, "")))
                .isInstanceOfSatisfying(MalformedNotificationException.class,
                        e -> assertThat(e.parameter()).isEqualTo(name));
    }

    @Test
    void queryResultNeedsNoNotifyIdOrSignButAnOutTradeNo() {
        Map<String, String> query = Map.of("out_trade_no", "T1", "trade_status", "TRADE_SUCCESS", "total_fee", "0.01");

        TradeNotification n = NotificationParser.parse(NotificationSource.QUERY, query);

        assertThat(n.notifyId()).isNull();
        assertThat(n.totalFee()).isEqualTo(new BigDecimal("0.01"));
        assertThatThrownBy(() -> NotificationParser.parse(NotificationSource.QUERY, Map.of("trade_status", "TRADE_SUCCESS")))
                .isInstanceOfSatisfying(MalformedNotificationException.class,
                        e -> assertThat(e.parameter()).isEqualTo("out_trade_no"));
    }

    @Test
    void keepsAnUnknownTradeStatusInsteadOfDroppingIt() {
        TradeNotification n = NotificationParser.parse(NotificationSource.NOTIFY,
                with(specNotify(), "trade_status", "TRADE_SOMETHING_NEW"));

        assertThat(n.tradeStatus().value()).isEqualTo("TRADE_SOMETHING_NEW");
        assertThat(n.tradeStatus().isKnown()).isFalse();
        assertThat(n.tradeStatus().isPaid()).isFalse();
    }

    @Test
    void unknownRefundStatusIsNullButStaysInRaw() {
        TradeNotification n = NotificationParser.parse(NotificationSource.NOTIFY,
                with(specNotify(), "refund_status", "REFUND_SOMETHING_NEW"));

        assertThat(n.refundStatus()).isNull();
        assertThat(n.parameter("refund_status")).isEqualTo("REFUND_SOMETHING_NEW");
    }

    @Test
    void emptyOptionalValuesAreNull() {
        TradeNotification n = NotificationParser.parse(NotificationSource.NOTIFY,
                with(with(specNotify(), "gmt_close", ""), "discount", ""));

        assertThat(n.gmtClose()).isNull();
        assertThat(n.discount()).isNull();
        assertThat(n.parameter("gmt_close")).isEmpty();
    }

    @Test
    void neverChangesTheCallersMap() {
        Map<String, String> params = new HashMap<>(specNotify());
        Map<String, String> before = new HashMap<>(params);

        NotificationParser.parse(NotificationSource.NOTIFY, params);
        NotificationParser.parse(NotificationSource.NOTIFY, Map.copyOf(params)); // an unmodifiable map parses too

        assertThat(params).isEqualTo(before);
    }

    @Test
    void rawIsAnUnmodifiableSnapshot() {
        Map<String, String> params = new LinkedHashMap<>(specNotify());
        TradeNotification n = NotificationParser.parse(NotificationSource.NOTIFY, params);

        params.put("total_fee", "999.00");

        assertThat(n.parameter("total_fee")).isEqualTo("10.00");
        assertThatThrownBy(() -> n.raw().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNullValueIsMalformed() {
        Map<String, String> params = new HashMap<>(specNotify());
        params.put("body", null);

        assertThatThrownBy(() -> NotificationParser.parse(NotificationSource.NOTIFY, params))
                .isInstanceOfSatisfying(MalformedNotificationException.class,
                        e -> assertThat(e.parameter()).isEqualTo("body"));
    }

    @Test
    void messageOfAMalformedValueCarriesNoControlCharacters() {
        assertThatThrownBy(() -> NotificationParser.parse(NotificationSource.NOTIFY,
                with(specNotify(), "total_fee", "1\r\nINFO forged log line")))
                .isInstanceOf(MalformedNotificationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r").doesNotContain("\n"));
    }

    @ParameterizedTest
    @EnumSource(NotificationSource.class)
    void sourceIsKept(NotificationSource source) {
        assertThat(NotificationParser.parse(source, specNotify()).source()).isEqualTo(source);
    }
}

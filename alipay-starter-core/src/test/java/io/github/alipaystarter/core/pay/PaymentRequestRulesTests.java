package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.error.AlipayParameterException;
import static io.github.alipaystarter.core.pay.PayFixtures.assertViolation;
import static io.github.alipaystarter.core.pay.PayFixtures.assertViolationWhenSigned;
import static io.github.alipaystarter.core.pay.PayFixtures.sign;
import static io.github.alipaystarter.core.pay.PayFixtures.valid;
import static io.github.alipaystarter.core.pay.PayFixtures.withOutTradeNo;
import static io.github.alipaystarter.core.pay.PayFixtures.withSubject;
import static io.github.alipaystarter.core.pay.PayFixtures.withTotalFee;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.error.AlipayErrorCode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** One rule of spec table 4-1 (and the notes, guide and usage rules around it) per test. */
class PaymentRequestRulesTests {

    // ---- out_trade_no -------------------------------------------------------------------------

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void rejectsMissingOutTradeNo(String outTradeNo) {
        assertViolation(withOutTradeNo(outTradeNo), "out_trade_no", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"订单1", "a#1", "a&b", "a+b", "a=b", "a%20", "a\tb", "é1"})
    void rejectsOutTradeNoWithNonAsciiOrTheCharactersAlipayRefuses(String outTradeNo) {
        assertViolation(withOutTradeNo(outTradeNo), "out_trade_no", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    void acceptsOutTradeNoOfSixtyFourCharactersAndRejectsSixtyFive() {
        assertThat(sign(withOutTradeNo("A".repeat(64))).outTradeNo()).hasSize(64);
        assertViolation(withOutTradeNo("A".repeat(65)), "out_trade_no", AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void acceptsOutTradeNoWithUnderscoreHyphenAndDot() {
        assertThat(sign(withOutTradeNo("2024_01-02.3")).parameters()).containsEntry("out_trade_no", "2024_01-02.3");
    }

    // ---- subject, body, extra_common_param ----------------------------------------------------

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" \u3000 "})
    void rejectsMissingSubjectWithSubjectMustNotBeNull(String subject) {
        assertViolation(withSubject(subject), "subject", AlipayErrorCode.SUBJECT_MUST_NOT_BE_NULL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "%", "&", "+"})
    void rejectsSubjectWithHashPercentAmpersandOrPlus(String special) {
        assertViolation(withSubject("贝尔金护腕式" + special + "1"), "subject", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "%", "&", "+"})
    void rejectsBodyWithHashPercentAmpersandOrPlus(String special) {
        assertViolation(valid().body("soft" + special + "gel"), "body", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "%", "&", "+"})
    void rejectsExtraCommonParamWithHashPercentAmpersandOrPlusAsIllegalExtraCommonParam(String special) {
        assertViolation(valid().extraCommonParam("user=1" + special), "extra_common_param",
                AlipayErrorCode.ILLEGAL_EXTRA_COMMON_PARAM);
    }

    @Test
    void acceptsExtraCommonParamInChinese() {
        assertThat(sign(valid().extraCommonParam("你好，这是测试商户的广告。")).parameters())
                .containsEntry("extra_common_param", "你好，这是测试商户的广告。");
    }

    @ParameterizedTest
    @ValueSource(strings = {"한국어", "ภาษาไทย", "العربية"})
    void rejectsSubjectInScriptsAlipayDoesNotSupport(String foreign) {
        assertViolation(withSubject("gift " + foreign), "subject", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\nbreak", "cr\rlf", "tab\there"})
    void rejectsSubjectWithControlCharactersThatBrowsersWouldRewrite(String subject) {
        assertViolation(withSubject(subject), "subject", AlipayErrorCode.ILLEGAL_SIGN);
    }

    @Test
    void rejectsSubjectWithCharacterTheGbkCharsetCannotHoldButAcceptsItInUtf8() {
        String subject = "礼物\uD83C\uDF81"; // a wrapped-present emoji: 4 bytes in utf-8, absent from gbk
        // the charset is the merchant's: the request builds, and signing for a gbk merchant refuses it
        assertViolationWhenSigned("gbk", withSubject(subject), "subject", AlipayErrorCode.ILLEGAL_SIGN);
        assertThat(sign("utf-8", withSubject(subject)).subject()).isEqualTo(subject);
    }

    @Test
    void acceptsBodyOfThousandBytesAndRejectsOneMore() {
        assertThat(sign(valid().body("b".repeat(1000))).parameters()).containsKey("body");
        assertViolation(valid().body("b".repeat(1001)), "body", AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void leavesOutEmptyOptionalTextParameters() {
        Map<String, String> p = sign(valid().body("").extraCommonParam("")).parameters();
        assertThat(p).doesNotContainKeys("body", "extra_common_param");
    }

    // ---- payment_type -------------------------------------------------------------------------

    @Test
    void sendsPurchasePaymentTypeByDefaultAndDonationWhenAsked() {
        assertThat(sign(valid()).parameters()).containsEntry("payment_type", "1");
        assertThat(sign(valid().paymentType(PaymentType.DONATION)).parameters()).containsEntry("payment_type", "4");
        assertThat(sign(valid().paymentType(PaymentType.fromCode("4"))).parameters()).containsEntry("payment_type", "4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0", "01", "purchase"})
    void rejectsPaymentTypeOtherThanOneOrFour(String type) {
        // the type is an enum: a wire value other than 1 or 4 has no PaymentType, and null is refused
        assertThat(PaymentType.fromCode(type)).isNull();
        assertViolation(valid().paymentType(PaymentType.fromCode(type)), "payment_type",
                AlipayErrorCode.ILLEGAL_PAYMENT_TYPE);
    }

    @Test
    void rejectsNullPaymentType() {
        assertViolation(valid().paymentType(null), "payment_type", AlipayErrorCode.ILLEGAL_PAYMENT_TYPE);
    }

    // ---- seller and buyer ---------------------------------------------------------------------

    @Test
    void sendsConfiguredSellerIdWhenTheSellerIsAUserId() {
        Map<String, String> p = sign(valid()).parameters();
        assertThat(p).containsEntry("seller_id", PayFixtures.PARTNER).doesNotContainKeys("seller_email",
                "seller_account_name");
    }

    @Test
    void sendsConfiguredSellerEmailWhenTheSellerIsAnAccount() {
        DirectPayService s = PayFixtures.service(PayFixtures.config("utf-8").seller("shop@example.com").build(),
                PaymentRequestListener.NONE);
        Map<String, String> p = s.recordAndSign(PaymentRequest.builder("1", "s", Amount.of(BigDecimal.ONE)).build())
                .parameters();
        assertThat(p).containsEntry("seller_email", "shop@example.com").doesNotContainKey("seller_id");
    }

    @Test
    void perRequestSellerReplacesTheConfiguredOne() {
        Map<String, String> p = sign(valid().sellerAccountName("alias@example.com")).parameters();
        assertThat(p).containsEntry("seller_account_name", "alias@example.com").doesNotContainKey("seller_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"208810156833836", "1088101568338364", "2088 101568338364"})
    void rejectsSellerOrBuyerIdThatIsNot2088AndTwelveDigits(String id) {
        assertViolation(valid().sellerId(id), "seller_id", AlipayErrorCode.ILLEGAL_ARGUMENT);
        assertViolation(valid().buyerId(id), "buyer_id", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    void rejectsBuyerIdEqualToSellerId() {
        // the configured seller: refused when signed
        assertViolationWhenSigned(valid().buyerId(PayFixtures.PARTNER), "buyer_id", AlipayErrorCode.BUYER_SELLER_EQUAL);
        // a seller given with the request: refused when built
        assertViolation(valid().sellerId("2088002007018955").buyerId("2088002007018955"), "buyer_id",
                AlipayErrorCode.BUYER_SELLER_EQUAL);
    }

    @Test
    void rejectsBuyerEmailEqualToSellerEmailIgnoringCase() {
        assertViolation(valid().sellerEmail("shop@example.com").buyerEmail("Shop@Example.com"), "buyer_email",
                AlipayErrorCode.BUYER_SELLER_EQUAL);
    }

    @Test
    void rejectsBuyerEmailEqualToTheConfiguredSellerEmailWhenSigned() {
        DirectPayService s = PayFixtures.service(PayFixtures.config("utf-8").seller("shop@example.com").build(),
                PaymentRequestListener.NONE);
        PaymentRequest request = valid().buyerEmail("SHOP@example.com").build();
        assertViolation(() -> s.recordAndSign(request), "buyer_email", AlipayErrorCode.BUYER_SELLER_EQUAL);
    }

    @Test
    void rejectsAccountWithSpacesOrOverHundredBytes() {
        assertViolation(valid().buyerEmail("buyer @example.com"), "buyer_email", AlipayErrorCode.ILLEGAL_ARGUMENT);
        assertViolation(valid().sellerEmail("a".repeat(90) + "@example.com"), "seller_email",
                AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void sendsBuyerParameters() {
        Map<String, String> p = sign(valid().buyerId("2088002007018955").buyerEmail("tstable01@alipay.com")
                .buyerAccountName("tstable03@alipay.com")).parameters();
        assertThat(p).containsEntry("buyer_id", "2088002007018955").containsEntry("buyer_email", "tstable01@alipay.com")
                .containsEntry("buyer_account_name", "tstable03@alipay.com");
    }

    // ---- URLs ---------------------------------------------------------------------------------

    @Test
    void sendsConfiguredNotifyAndReturnUrlsAndLetsARequestOverrideThem() {
        assertThat(sign(valid()).parameters()).containsEntry("notify_url", PayFixtures.NOTIFY)
                .containsEntry("return_url", PayFixtures.RETURN).doesNotContainKey("show_url");
        Map<String, String> p = sign(valid().notifyUrl(URI.create("https://other.example.com/n"))
                .returnUrl(URI.create("http://other.example.com/r"))
                .showUrl(URI.create("http://www.360buy.com/product/113714.html"))).parameters();
        assertThat(p).containsEntry("notify_url", "https://other.example.com/n")
                .containsEntry("return_url", "http://other.example.com/r")
                .containsEntry("show_url", "http://www.360buy.com/product/113714.html");
    }

    @Test
    void sendsNoNotifyUrlWhenNoneIsConfiguredOrGiven() {
        DirectPayService s = PayFixtures.service(PayFixtures.config("utf-8").notifyUrl((String) null)
                .returnUrl((String) null).build(), PaymentRequestListener.NONE);
        assertThat(s.recordAndSign(valid().build()).parameters()).doesNotContainKeys("notify_url", "return_url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example.com/alipay/notify?id=123", "https://shop.example.com/n?",
            "/alipay/notify", "ftp://shop.example.com/n", "https://shop.example.com/n#top"})
    void rejectsNotifyUrlThatIsNotAbsoluteHttpWithoutQuery(String url) {
        // a URL that does not parse ("https://shop example.com/n") cannot be given: the parameter is a URI
        assertViolation(valid().notifyUrl(URI.create(url)), "notify_url", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    void rejectsReturnAndShowUrlsWithCustomQueryParameters() {
        assertViolation(valid().returnUrl(URI.create("http://www.xxx.com/alipay/return_url.asp?id=123")), "return_url",
                AlipayErrorCode.ILLEGAL_ARGUMENT);
        assertViolation(valid().showUrl(URI.create("http://www.xxx.com/item?id=123")), "show_url",
                AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    void rejectsReturnUrlWithExclamationMark() {
        assertViolation(valid().returnUrl(URI.create("https://shop.example.com/#!/paid")), "return_url",
                AlipayErrorCode.ILLEGAL_ARGUMENT);
        assertViolation(valid().returnUrl(URI.create("https://shop.example.com/paid!")), "return_url",
                AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    void rejectsNotifyUrlOverHundredNinetyBytes() {
        String base = "https://shop.example.com/";
        assertThat(sign(valid().notifyUrl(URI.create(base + "n".repeat(190 - base.length())))).parameters())
                .containsKey("notify_url");
        assertViolation(valid().notifyUrl(URI.create(base + "n".repeat(191 - base.length()))), "notify_url",
                AlipayErrorCode.ILLEGAL_LENGTH);
    }

    // ---- paymethod, defaultbank, enable_paymethod, need_ctu_check -----------------------------

    @Test
    void sendsBankPayWithDefaultBank() {
        Map<String, String> p = sign(valid().paymethod(DefaultPayMethod.bank("ICBCB2C")).needCtuCheck(true))
                .parameters();
        assertThat(p).containsEntry("paymethod", "bankPay").containsEntry("defaultbank", "ICBCB2C")
                .containsEntry("need_ctu_check", "Y");
        assertThat(sign(valid().paymethod(DefaultPayMethod.bank("CMB-DEBIT")).needCtuCheck(false)).parameters())
                .containsEntry("defaultbank", "CMB-DEBIT").containsEntry("need_ctu_check", "N");
    }

    @Test
    void offersNoWayToSendDefaultBankWithDirectPay() {
        // rules v1.4: directPay with a defaultbank sends the trade another way (was DEFAULT_BANK_INVALID at sign())
        assertThat(DefaultPayMethod.of(PayMethod.DIRECT_PAY).defaultbank()).isNull();
        for (String bank : List.of("ICBCB2C")) {
            assertThat(List.of(DefaultPayMethod.bank(bank), DefaultPayMethod.creditCard(bank),
                    DefaultPayMethod.expressGateway(bank), DefaultPayMethod.expressGatewayDebit(bank),
                    DefaultPayMethod.expressGatewayCredit(bank), DefaultPayMethod.defaultbankOnly(bank)))
                    .allSatisfy(m -> assertThat(m.paymethod()).isNotEqualTo(PayMethod.DIRECT_PAY));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bankpay", "BANKPAY", "cash", "motopay", "EXPRESSGATEWAY"})
    void rejectsPaymethodNotOfTheTableInItsExactCase(String method) {
        // paymethod is an enum; its wire values are matched in their exact case
        assertThat(PayMethod.fromCode(method)).isNull();
    }

    @Test
    @SuppressWarnings("deprecation")
    void checksEveryEnablePaymethodChannel() {
        assertThat(sign(valid().enablePaymethod(List.of("directPay", "bankPay", "cartoon", "cash"))).parameters())
                .containsEntry("enable_paymethod", "directPay^bankPay^cartoon^cash");
        assertViolation(valid().enablePaymethod(List.of("directPay", "credit Pay")), "enable_paymethod",
                AlipayErrorCode.ILLEGAL_ARGUMENT);
        assertViolation(valid().enablePaymethod(List.of("directPay", "")), "enable_paymethod",
                AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    // ---- anti-phishing ------------------------------------------------------------------------

    @Test
    void sendsAntiPhishingKeyAndBuyerIp() {
        Map<String, String> p = sign(valid().antiPhishingKey("587FE3D2858E6B01E30104656E7805E2")
                .exterInvokeIp("128.214.222.111")).parameters();
        assertThat(p).containsEntry("anti_phishing_key", "587FE3D2858E6B01E30104656E7805E2")
                .containsEntry("exter_invoke_ip", "128.214.222.111");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "256.1.1.1", "10.0.0", "::1", "2001:db8::1", "010.0.0.1", "host.example.com"})
    void rejectsExterInvokeIpOnceSetThatIsNotAnIpv4Address(String ip) {
        assertViolation(valid().exterInvokeIp(ip), "exter_invoke_ip", AlipayErrorCode.ILLEGAL_EXTER_INVOKE_IP);
    }

    @Test
    void sendsIpv4MappedIpv6AddressAsIpv4() {
        assertThat(sign(valid().exterInvokeIp("::ffff:10.1.2.3")).parameters()).containsEntry("exter_invoke_ip",
                "10.1.2.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KPr8DuZp7hXM9mvHxdWKVQ1dIsVqH5W6xbNu+/Ab==", "KP_aB-c9/x+Y==", "KPabc="})
    void sendsABase64ShapedAntiPhishingKeyAsReceived(String key) {
        // issue 8, defect 1: the encrypt_key of query_timestamp is Base64-shaped (KP...==, + / = _ -)
        assertThat(sign(valid().antiPhishingKey(key)).parameters()).containsEntry("anti_phishing_key", key);
    }

    @Test
    void acceptsAnAntiPhishingKeyOfExactly64PrintableCharacters() {
        String key = "KP" + "a1/+_-".repeat(10) + "==";
        assertThat(key).hasSize(64);
        assertThat(sign(valid().antiPhishingKey(key)).parameters()).containsEntry("anti_phishing_key", key);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "密钥", "KP\tab==", "KP\nab==", "KPé=="})
    void rejectsAntiPhishingKeyThatIsBlankOrNotPrintableAscii(String key) {
        assertViolation(valid().antiPhishingKey(key), "anti_phishing_key", AlipayErrorCode.ILLEGAL_ANTI_PHISHING_KEY);
    }

    @Test
    void rejectsAntiPhishingKeyOver64Characters() {
        String key = "KP" + "a".repeat(61) + "==";
        assertViolation(valid().antiPhishingKey(key), "anti_phishing_key", AlipayErrorCode.ILLEGAL_ANTI_PHISHING_KEY);
    }

    // ---- extend_param -------------------------------------------------------------------------

    @Test
    void sendsExtendParamOfTheSpecsExample() {
        Map<String, String> sample = new LinkedHashMap<>();
        sample.put("pnr", "MFGXDW");
        sample.put("start_ticket_no", "123");
        sample.put("end_ticket_no", "234");
        sample.put("b2b_login_name", "abc");
        assertThat(sign(valid().extendParam(sample)).parameters()).containsEntry("extend_param",
                "pnr^MFGXDW|start_ticket_no^123|end_ticket_no^234|b2b_login_name^abc");
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("pnr", "MFGXDW");
        pairs.put("start_ticket_no", "123");
        assertThat(sign(valid().extendParam(pairs)).parameters()).containsEntry("extend_param",
                "pnr^MFGXDW|start_ticket_no^123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pnr", "pnr^a^b", "^x", "pnr^a|", "p n r^a"})
    void rejectsMalformedExtendParam(String value) {
        // the text of the old String setter, given as the one pair it would have been
        int caret = value.indexOf('^');
        Map<String, String> pair = new LinkedHashMap<>();
        pair.put(caret < 0 ? value : value.substring(0, caret), caret < 0 ? null : value.substring(caret + 1));
        assertViolation(valid().extendParam(pair), "extend_param", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    void rejectsExtendParamPairWhoseValueHoldsASeparator() {
        assertViolation(valid().extendParam(Map.of("remark", "a|b")), "extend_param", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    // ---- it_b_pay -----------------------------------------------------------------------------

    @Test
    void acceptsItBPayFromOneMinuteToFifteenDaysAndOneC() {
        assertThat(sign(valid().itBPay(PayTimeout.after(Duration.ofMinutes(1)))).parameters()).containsEntry("it_b_pay", "1m");
        assertThat(sign(valid().itBPay(PayTimeout.after(Duration.ofHours(360)))).parameters()).containsEntry("it_b_pay", "15d");
        assertThat(sign(valid().itBPay(PayTimeout.after(Duration.ofMinutes(21600)))).parameters()).containsEntry("it_b_pay", "15d");
        assertThat(sign(valid().itBPay(PayTimeout.after(Duration.ofDays(1)))).parameters()).containsEntry("it_b_pay", "1d");
        assertThat(sign(valid().itBPay(PayTimeout.endOfDay())).parameters()).containsEntry("it_b_pay", "1c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0M", "P16D", "PT361H", "PT21601M", "PT-1H", "PT1M30S", "PT0.5S"})
    void rejectsItBPayOutsideOneMinuteToFifteenDaysOrNotWholeMinutes(String duration) {
        assertViolation(valid().itBPay(PayTimeout.after(Duration.parse(duration))), "it_b_pay",
                AlipayErrorCode.ILLEGAL_OUTTIME_ARGUMENT);
    }

    @Test
    void writesItBPayDurationInTheLargestExactUnit() {
        assertThat(sign(valid().itBPay(PayTimeout.after(Duration.ofMinutes(90)))).parameters()).containsEntry("it_b_pay", "90m");
        assertThat(sign(valid().itBPay(PayTimeout.after(Duration.ofHours(2)))).parameters()).containsEntry("it_b_pay", "2h");
        assertThat(sign(valid().itBPay(PayTimeout.after(Duration.ofDays(3)))).parameters()).containsEntry("it_b_pay", "3d");
        assertViolation(valid().itBPay(PayTimeout.after(Duration.ofSeconds(90))), "it_b_pay",
                AlipayErrorCode.ILLEGAL_OUTTIME_ARGUMENT);
        assertViolation(valid().itBPay(PayTimeout.after(Duration.ofDays(16))), "it_b_pay",
                AlipayErrorCode.ILLEGAL_OUTTIME_ARGUMENT);
    }

    // ---- token, QR code -----------------------------------------------------------------------

    @Test
    void acceptsTokenOfFortyCharactersAndRejectsFortyOne() {
        assertThat(sign(valid().token("201103290c9f9f2c03db4267a4c8e1bfe3adfd52")).parameters())
                .containsEntry("token", "201103290c9f9f2c03db4267a4c8e1bfe3adfd52");
        assertViolation(valid().token("a".repeat(41)), "token", AlipayErrorCode.TOKEN_LEN_TOO_LONG);
    }

    @Test
    void sendsQrCodeWidthOnlyWithQrPayModeFour() {
        assertThat(sign(valid().qrCode(QrCode.embedded(200))).parameters()).containsEntry("qr_pay_mode", "4")
                .containsEntry("qrcode_width", "200");
        // only the embedded mode takes a width, and the modes are 0 to 4: nothing else can be written
        assertThat(List.of(QrCode.simpleFront(), QrCode.front(), QrCode.redirect(), QrCode.miniFront()))
                .extracting(QrCode::mode, QrCode::width)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("0", null), org.assertj.core.groups.Tuple.tuple("1", null),
                        org.assertj.core.groups.Tuple.tuple("2", null), org.assertj.core.groups.Tuple.tuple("3", null));
        assertThat(sign(valid().qrCode(QrCode.redirect())).parameters()).containsEntry("qr_pay_mode", "2")
                .doesNotContainKey("qrcode_width");
        assertViolation(valid().qrCode(QrCode.embedded(0)), "qrcode_width", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    // ---- royalties ----------------------------------------------------------------------------

    @Test
    void sendsRoyaltiesOfTheSpecsExample() {
        String sample = "maomao1@yahoo.cn^1.00^分你的|maomao2@yahoo.cn^2.00^你也有";
        Map<String, String> p = sign(withTotalFee("10.00").royalties(Royalties.of(
                Royalties.Share.of("maomao1@yahoo.cn", new BigDecimal("1.00"), "分你的"),
                Royalties.Share.of("maomao2@yahoo.cn", new BigDecimal("2.00"), "你也有")))).parameters();
        assertThat(p).containsEntry("royalty_type", "10").containsEntry("royalty_parameters", sample);
    }

    @Test
    void sendsRoyaltyTypeTenWithEveryRoyalty() {
        // royalty_parameters without royalty_type 10 (was ROYALTY_TYPE_ERROR) cannot be written
        Map<String, String> p = sign(valid().royalties(Royalties.of(Royalties.Share.of("a@b.cn", new BigDecimal("0.01"),
                "x")))).parameters();
        assertThat(p).containsEntry("royalty_type", "10").containsEntry("royalty_parameters", "a@b.cn^0.01^x");
    }

    @Test
    void rejectsMalformedRoyaltyParameters() {
        // the strings the old setter refused, as the shares they would have been
        List<Royalties.Share> malformed = List.of(
                Royalties.Share.of("a@b.cn", new BigDecimal("1.00"), "r|more"), // "a@b.cn^1.00^r|x": an entry without fields
                Royalties.Share.paidBy("a@b.cn", "x", new BigDecimal("1.00"), "r^more"), // "a@b.cn^x^1.00^r^more"
                Royalties.Share.of("a@b.cn", new BigDecimal("1.001"), "r"),
                Royalties.Share.of("a@b.cn", new BigDecimal("0"), "r"),
                Royalties.Share.of("a@b.cn", new BigDecimal("-1"), "r"),
                Royalties.Share.paidBy("", "a@b.cn", new BigDecimal("1.00"), "r"), // "^a@b.cn^1.00^r"
                Royalties.Share.of(" ", new BigDecimal("1.00"), "r"),
                Royalties.Share.of("a@b.cn", new BigDecimal("20.00"), "r"));
        for (Royalties.Share share : malformed) {
            assertViolation(withTotalFee("10.00").royalties(Royalties.of(share)), "royalty_parameters",
                    AlipayErrorCode.ROYALTY_FORAMT_ERROR);
        }
        assertViolation(withTotalFee("10.00").royalties(Royalties.of(
                Royalties.Share.of("a@b.cn", new BigDecimal("6.00"), "r"),
                Royalties.Share.of("c@d.cn", new BigDecimal("6.00"), "r"))), "royalty_parameters",
                AlipayErrorCode.ROYALTY_FORAMT_ERROR);
    }

    @Test
    void rejectsMoreThanTenRoyaltyEntries() {
        List<Royalties.Share> eleven = Collections.nCopies(11, Royalties.Share.of("a@b.cn", new BigDecimal("0.01"), "r"));
        assertViolation(withTotalFee("10.00").royalties(Royalties.of(eleven)), "royalty_parameters",
                AlipayErrorCode.ROYALTY_FORAMT_ERROR);
    }

    // ---- the exception ------------------------------------------------------------------------

    @Test
    void violationNamesParameterRuleValueAndErrorCode() {
        assertThatThrownBy(() -> withSubject("50% off").build())
                .isInstanceOf(AlipayParameterException.class)
                .hasMessage("subject: must not contain # % & + (spec 4.2, note under table 4-1; found '%') "
                        + "(was \"50% off\"); Alipay would answer ILLEGAL_ARGUMENT");
    }

    @Test
    void violationAbbreviatesLongValues() {
        assertThatThrownBy(() -> valid().body("x".repeat(2000)).build())
                .isInstanceOf(AlipayParameterException.class)
                .hasMessageContaining("x".repeat(77) + "...")
                .message().hasSizeLessThan(300);
    }
}

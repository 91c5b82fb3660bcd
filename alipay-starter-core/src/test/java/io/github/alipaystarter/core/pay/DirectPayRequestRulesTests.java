package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.error.AlipayParameterException;
import static io.github.alipaystarter.core.pay.PayFixtures.assertViolation;
import static io.github.alipaystarter.core.pay.PayFixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.error.AlipayErrorCode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** One rule of spec table 4-1 (and the notes, guide and usage rules around it) per test. */
class DirectPayRequestRulesTests {

    // ---- out_trade_no -------------------------------------------------------------------------

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void rejectsMissingOutTradeNo(String outTradeNo) {
        assertViolation(valid().outTradeNo(outTradeNo), "out_trade_no", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"订单1", "a#1", "a&b", "a+b", "a=b", "a%20", "a\tb", "é1"})
    void rejectsOutTradeNoWithNonAsciiOrTheCharactersAlipayRefuses(String outTradeNo) {
        assertViolation(valid().outTradeNo(outTradeNo), "out_trade_no", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    void acceptsOutTradeNoOfSixtyFourCharactersAndRejectsSixtyFive() {
        assertThat(valid().outTradeNo("A".repeat(64)).sign().outTradeNo()).hasSize(64);
        assertViolation(valid().outTradeNo("A".repeat(65)), "out_trade_no", AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void acceptsOutTradeNoWithUnderscoreHyphenAndDot() {
        assertThat(valid().outTradeNo("2024_01-02.3").sign().parameters()).containsEntry("out_trade_no", "2024_01-02.3");
    }

    // ---- subject, body, extra_common_param ----------------------------------------------------

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" \u3000 "})
    void rejectsMissingSubjectWithSubjectMustNotBeNull(String subject) {
        assertViolation(valid().subject(subject), "subject", AlipayErrorCode.SUBJECT_MUST_NOT_BE_NULL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "%", "&", "+"})
    void rejectsSubjectWithHashPercentAmpersandOrPlus(String special) {
        assertViolation(valid().subject("贝尔金护腕式" + special + "1"), "subject", AlipayErrorCode.ILLEGAL_ARGUMENT);
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
        assertThat(valid().extraCommonParam("你好，这是测试商户的广告。").sign().parameters())
                .containsEntry("extra_common_param", "你好，这是测试商户的广告。");
    }

    @ParameterizedTest
    @ValueSource(strings = {"한국어", "ภาษาไทย", "العربية"})
    void rejectsSubjectInScriptsAlipayDoesNotSupport(String foreign) {
        assertViolation(valid().subject("gift " + foreign), "subject", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\nbreak", "cr\rlf", "tab\there"})
    void rejectsSubjectWithControlCharactersThatBrowsersWouldRewrite(String subject) {
        assertViolation(valid().subject(subject), "subject", AlipayErrorCode.ILLEGAL_SIGN);
    }

    @Test
    void rejectsSubjectWithCharacterTheGbkCharsetCannotHoldButAcceptsItInUtf8() {
        String subject = "礼物\uD83C\uDF81"; // a wrapped-present emoji: 4 bytes in utf-8, absent from gbk
        assertViolation(valid("gbk").subject(subject), "subject", AlipayErrorCode.ILLEGAL_SIGN);
        assertThat(valid("utf-8").subject(subject).sign().subject()).isEqualTo(subject);
    }

    @Test
    void acceptsBodyOfThousandBytesAndRejectsOneMore() {
        assertThat(valid().body("b".repeat(1000)).sign().parameters()).containsKey("body");
        assertViolation(valid().body("b".repeat(1001)), "body", AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void leavesOutEmptyOptionalTextParameters() {
        Map<String, String> p = valid().body("").extraCommonParam("").sign().parameters();
        assertThat(p).doesNotContainKeys("body", "extra_common_param");
    }

    // ---- payment_type -------------------------------------------------------------------------

    @Test
    void sendsPurchasePaymentTypeByDefaultAndDonationWhenAsked() {
        assertThat(valid().sign().parameters()).containsEntry("payment_type", "1");
        assertThat(valid().paymentType(PaymentType.DONATION).sign().parameters()).containsEntry("payment_type", "4");
        assertThat(valid().paymentType("4").sign().parameters()).containsEntry("payment_type", "4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0", "01", "purchase"})
    void rejectsPaymentTypeOtherThanOneOrFour(String type) {
        assertViolation(valid().paymentType(type), "payment_type", AlipayErrorCode.ILLEGAL_PAYMENT_TYPE);
    }

    @Test
    void rejectsNullPaymentType() {
        assertViolation(valid().paymentType((PaymentType) null), "payment_type", AlipayErrorCode.ILLEGAL_PAYMENT_TYPE);
    }

    // ---- seller and buyer ---------------------------------------------------------------------

    @Test
    void sendsConfiguredSellerIdWhenTheSellerIsAUserId() {
        Map<String, String> p = valid().sign().parameters();
        assertThat(p).containsEntry("seller_id", PayFixtures.PARTNER).doesNotContainKeys("seller_email",
                "seller_account_name");
    }

    @Test
    void sendsConfiguredSellerEmailWhenTheSellerIsAnAccount() {
        DirectPayService s = PayFixtures.service(PayFixtures.config("utf-8").seller("shop@example.com").build(),
                PaymentRequestListener.NONE);
        Map<String, String> p = s.directPay().outTradeNo("1").subject("s").totalFee("1").sign().parameters();
        assertThat(p).containsEntry("seller_email", "shop@example.com").doesNotContainKey("seller_id");
    }

    @Test
    void perRequestSellerReplacesTheConfiguredOne() {
        Map<String, String> p = valid().sellerAccountName("alias@example.com").sign().parameters();
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
        assertViolation(valid().buyerId(PayFixtures.PARTNER), "buyer_id", AlipayErrorCode.BUYER_SELLER_EQUAL);
    }

    @Test
    void rejectsBuyerEmailEqualToSellerEmailIgnoringCase() {
        assertViolation(valid().sellerEmail("shop@example.com").buyerEmail("Shop@Example.com"), "buyer_email",
                AlipayErrorCode.BUYER_SELLER_EQUAL);
    }

    @Test
    void rejectsAccountWithSpacesOrOverHundredBytes() {
        assertViolation(valid().buyerEmail("buyer @example.com"), "buyer_email", AlipayErrorCode.ILLEGAL_ARGUMENT);
        assertViolation(valid().sellerEmail("a".repeat(90) + "@example.com"), "seller_email",
                AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void sendsBuyerParameters() {
        Map<String, String> p = valid().buyerId("2088002007018955").buyerEmail("tstable01@alipay.com")
                .buyerAccountName("tstable03@alipay.com").sign().parameters();
        assertThat(p).containsEntry("buyer_id", "2088002007018955").containsEntry("buyer_email", "tstable01@alipay.com")
                .containsEntry("buyer_account_name", "tstable03@alipay.com");
    }

    // ---- URLs ---------------------------------------------------------------------------------

    @Test
    void sendsConfiguredNotifyAndReturnUrlsAndLetsARequestOverrideThem() {
        assertThat(valid().sign().parameters()).containsEntry("notify_url", PayFixtures.NOTIFY)
                .containsEntry("return_url", PayFixtures.RETURN).doesNotContainKey("show_url");
        Map<String, String> p = valid().notifyUrl("https://other.example.com/n").returnUrl(java.net.URI.create(
                "http://other.example.com/r")).showUrl("http://www.360buy.com/product/113714.html").sign().parameters();
        assertThat(p).containsEntry("notify_url", "https://other.example.com/n")
                .containsEntry("return_url", "http://other.example.com/r")
                .containsEntry("show_url", "http://www.360buy.com/product/113714.html");
    }

    @Test
    void sendsNoNotifyUrlWhenNoneIsConfiguredOrGiven() {
        DirectPayService s = PayFixtures.service(PayFixtures.config("utf-8").notifyUrl((String) null)
                .returnUrl((String) null).build(), PaymentRequestListener.NONE);
        assertThat(s.directPay().outTradeNo("1").subject("s").totalFee("1").sign().parameters())
                .doesNotContainKeys("notify_url", "return_url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example.com/alipay/notify?id=123", "https://shop.example.com/n?",
            "/alipay/notify", "ftp://shop.example.com/n", "https://shop.example.com/n#top", "https://shop example.com/n"})
    void rejectsNotifyUrlThatIsNotAbsoluteHttpWithoutQuery(String url) {
        assertViolation(valid().notifyUrl(url), "notify_url", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    void rejectsReturnAndShowUrlsWithCustomQueryParameters() {
        assertViolation(valid().returnUrl("http://www.xxx.com/alipay/return_url.asp?id=123"), "return_url",
                AlipayErrorCode.ILLEGAL_ARGUMENT);
        assertViolation(valid().showUrl("http://www.xxx.com/item?id=123"), "show_url", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    void rejectsReturnUrlWithExclamationMark() {
        assertViolation(valid().returnUrl("https://shop.example.com/#!/paid"), "return_url",
                AlipayErrorCode.ILLEGAL_ARGUMENT);
        assertViolation(valid().returnUrl("https://shop.example.com/paid!"), "return_url",
                AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    void rejectsNotifyUrlOverHundredNinetyBytes() {
        String base = "https://shop.example.com/";
        assertThat(valid().notifyUrl(base + "n".repeat(190 - base.length())).sign().parameters()).containsKey("notify_url");
        assertViolation(valid().notifyUrl(base + "n".repeat(191 - base.length())), "notify_url",
                AlipayErrorCode.ILLEGAL_LENGTH);
    }

    // ---- paymethod, defaultbank, enable_paymethod, need_ctu_check -----------------------------

    @Test
    void sendsBankPayWithDefaultBank() {
        Map<String, String> p = valid().paymethod(PayMethod.BANK_PAY).defaultbank("ICBCB2C").needCtuCheck(true).sign()
                .parameters();
        assertThat(p).containsEntry("paymethod", "bankPay").containsEntry("defaultbank", "ICBCB2C")
                .containsEntry("need_ctu_check", "Y");
        assertThat(valid().paymethod("bankPay").defaultbank("CMB-DEBIT").needCtuCheck(false).sign().parameters())
                .containsEntry("defaultbank", "CMB-DEBIT").containsEntry("need_ctu_check", "N");
    }

    @Test
    void rejectsDefaultBankWithDirectPay() {
        assertViolation(valid().paymethod(PayMethod.DIRECT_PAY).defaultbank("ICBCB2C"), "defaultbank",
                AlipayErrorCode.DEFAULT_BANK_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bankpay", "BANKPAY", "cash", "motopay", "EXPRESSGATEWAY"})
    void rejectsPaymethodNotOfTheTableInItsExactCase(String method) {
        assertViolation(valid().paymethod(method), "paymethod", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    @SuppressWarnings("deprecation")
    void checksEveryEnablePaymethodChannel() {
        assertThat(valid().enablePaymethod("directPay^bankPay^cartoon^cash").sign().parameters())
                .containsEntry("enable_paymethod", "directPay^bankPay^cartoon^cash");
        assertViolation(valid().enablePaymethod("directPay^credit Pay"), "enable_paymethod",
                AlipayErrorCode.ILLEGAL_ARGUMENT);
        assertViolation(valid().enablePaymethod("directPay^"), "enable_paymethod", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    // ---- anti-phishing ------------------------------------------------------------------------

    @Test
    void sendsAntiPhishingKeyAndBuyerIp() {
        Map<String, String> p = valid().antiPhishingKey("587FE3D2858E6B01E30104656E7805E2")
                .exterInvokeIp("128.214.222.111").sign().parameters();
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
        assertThat(valid().exterInvokeIp("::ffff:10.1.2.3").sign().parameters()).containsEntry("exter_invoke_ip",
                "10.1.2.3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"KPr8DuZp7hXM9mvHxdWKVQ1dIsVqH5W6xbNu+/Ab==", "KP_aB-c9/x+Y==", "KPabc="})
    void sendsABase64ShapedAntiPhishingKeyAsReceived(String key) {
        // issue 8, defect 1: the encrypt_key of query_timestamp is Base64-shaped (KP...==, + / = _ -)
        assertThat(valid().antiPhishingKey(key).sign().parameters()).containsEntry("anti_phishing_key", key);
    }

    @Test
    void acceptsAnAntiPhishingKeyOfExactly64PrintableCharacters() {
        String key = "KP" + "a1/+_-".repeat(10) + "==";
        assertThat(key).hasSize(64);
        assertThat(valid().antiPhishingKey(key).sign().parameters()).containsEntry("anti_phishing_key", key);
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
        String sample = "pnr^MFGXDW|start_ticket_no^123|end_ticket_no^234|b2b_login_name^abc";
        assertThat(valid().extendParam(sample).sign().parameters()).containsEntry("extend_param", sample);
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("pnr", "MFGXDW");
        pairs.put("start_ticket_no", "123");
        assertThat(valid().extendParam(pairs).sign().parameters()).containsEntry("extend_param",
                "pnr^MFGXDW|start_ticket_no^123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pnr", "pnr^a^b", "^x", "pnr^a|", "p n r^a"})
    void rejectsMalformedExtendParam(String value) {
        assertViolation(valid().extendParam(value), "extend_param", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    void rejectsExtendParamPairWhoseValueHoldsASeparator() {
        assertViolation(valid().extendParam(Map.of("remark", "a|b")), "extend_param", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    // ---- it_b_pay -----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"1m", "90m", "1h", "2h", "360h", "21600m", "1d", "15d", "1c"})
    void acceptsItBPayFromOneMinuteToFifteenDaysAndOneC(String value) {
        assertThat(valid().itBPay(value).sign().parameters()).containsEntry("it_b_pay", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0m", "16d", "361h", "21601m", "1.5h", "2c", "1C", "1H", "h", "01h", "15d ", "30", "1w",
            "-1h", "99999999999999999999m"})
    void rejectsItBPayOutsideOneMinuteToFifteenDaysOrMalformed(String value) {
        assertViolation(valid().itBPay(value), "it_b_pay", AlipayErrorCode.ILLEGAL_OUTTIME_ARGUMENT);
    }

    @Test
    void writesItBPayDurationInTheLargestExactUnit() {
        assertThat(valid().itBPay(Duration.ofMinutes(90)).sign().parameters()).containsEntry("it_b_pay", "90m");
        assertThat(valid().itBPay(Duration.ofHours(2)).sign().parameters()).containsEntry("it_b_pay", "2h");
        assertThat(valid().itBPay(Duration.ofDays(3)).sign().parameters()).containsEntry("it_b_pay", "3d");
        assertViolation(valid().itBPay(Duration.ofSeconds(90)), "it_b_pay", AlipayErrorCode.ILLEGAL_OUTTIME_ARGUMENT);
        assertViolation(valid().itBPay(Duration.ofDays(16)), "it_b_pay", AlipayErrorCode.ILLEGAL_OUTTIME_ARGUMENT);
    }

    // ---- token, QR code -----------------------------------------------------------------------

    @Test
    void acceptsTokenOfFortyCharactersAndRejectsFortyOne() {
        assertThat(valid().token("201103290c9f9f2c03db4267a4c8e1bfe3adfd52").sign().parameters())
                .containsEntry("token", "201103290c9f9f2c03db4267a4c8e1bfe3adfd52");
        assertViolation(valid().token("a".repeat(41)), "token", AlipayErrorCode.TOKEN_LEN_TOO_LONG);
    }

    @Test
    void sendsQrCodeWidthOnlyWithQrPayModeFour() {
        assertThat(valid().qrPayMode("4").qrcodeWidth(200).sign().parameters()).containsEntry("qr_pay_mode", "4")
                .containsEntry("qrcode_width", "200");
        assertViolation(valid().qrPayMode("2").qrcodeWidth(200), "qrcode_width", AlipayErrorCode.ILLEGAL_ARGUMENT);
        assertViolation(valid().qrcodeWidth(200), "qrcode_width", AlipayErrorCode.ILLEGAL_ARGUMENT);
        assertViolation(valid().qrPayMode("4").qrcodeWidth(0), "qrcode_width", AlipayErrorCode.ILLEGAL_ARGUMENT);
        assertViolation(valid().qrPayMode("5"), "qr_pay_mode", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    // ---- royalties ----------------------------------------------------------------------------

    @Test
    void sendsRoyaltiesOfTheSpecsExample() {
        String sample = "maomao1@yahoo.cn^1.00^分你的|maomao2@yahoo.cn^2.00^你也有";
        Map<String, String> p = valid().totalFee("10.00").royaltyType("10").royaltyParameters(sample).sign().parameters();
        assertThat(p).containsEntry("royalty_type", "10").containsEntry("royalty_parameters", sample);
    }

    @Test
    void rejectsRoyaltyParametersWithoutRoyaltyTypeTen() {
        assertViolation(valid().royaltyParameters("a@b.cn^0.01^x"), "royalty_type", AlipayErrorCode.ROYALTY_TYPE_ERROR);
        assertViolation(valid().royaltyType("11").royaltyParameters("a@b.cn^0.01^x"), "royalty_type",
                AlipayErrorCode.ROYALTY_TYPE_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.cn^1.00", "a@b.cn^x^1.00^r^more", "a@b.cn^1.001^r", "a@b.cn^0^r", "^a@b.cn^1.00^r",
            "a@b.cn^20.00^r", "a@b.cn^6.00^r|c@d.cn^6.00^r"})
    void rejectsMalformedRoyaltyParameters(String value) {
        assertViolation(valid().totalFee("10.00").royaltyType("10").royaltyParameters(value), "royalty_parameters",
                AlipayErrorCode.ROYALTY_FORAMT_ERROR);
    }

    @Test
    void rejectsMoreThanTenRoyaltyEntries() {
        String eleven = String.join("|", java.util.Collections.nCopies(11, "a@b.cn^0.01^r"));
        assertViolation(valid().totalFee("10.00").royaltyType("10").royaltyParameters(eleven), "royalty_parameters",
                AlipayErrorCode.ROYALTY_FORAMT_ERROR);
    }

    // ---- the exception ------------------------------------------------------------------------

    @Test
    void violationNamesParameterRuleValueAndErrorCode() {
        assertThatThrownBy(() -> valid().subject("50% off").sign())
                .isInstanceOf(AlipayParameterException.class)
                .hasMessage("subject: must not contain # % & + (spec 4.2, note under table 4-1; found '%') "
                        + "(was \"50% off\"); Alipay would answer ILLEGAL_ARGUMENT");
    }

    @Test
    void violationAbbreviatesLongValues() {
        assertThatThrownBy(() -> valid().body("x".repeat(2000)).sign())
                .isInstanceOf(AlipayParameterException.class)
                .hasMessageContaining("x".repeat(77) + "...")
                .message().hasSizeLessThan(300);
    }
}

package io.github.alipaystarter.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlipayConfigTests {

    static final String PARTNER = "2088101568338364";
    static final String KEY = "0123456789abcdefghijklmnopqrstuv";

    static AlipayConfig.Builder valid() {
        return AlipayConfig.builder().partner(PARTNER).key(KEY);
    }

    @Test
    void defaultsToRealGatewayUtf8Md5AndPartnerAsSeller() {
        AlipayConfig c = valid().build();
        assertThat(c.gatewayUrl()).hasToString("https://mapi.alipay.com/gateway.do");
        assertThat(c.inputCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(c.inputCharsetName()).isEqualTo("utf-8");
        assertThat(c.signType()).isEqualTo(SignType.MD5);
        assertThat(c.seller()).isEqualTo(PARTNER);
        assertThat(c.sellerIsId()).isTrue();
    }

    @Test
    void sellerMayBeAnAccountName() {
        AlipayConfig c = valid().seller("shop@example.com").build();
        assertThat(c.sellerIsId()).isFalse();
    }

    @Test
    void aReusedBuilderTakesTheNewPartnerAsSeller() {
        AlipayConfig.Builder builder = valid();
        AlipayConfig first = builder.build();

        AlipayConfig second = builder.partner("2088000000000001").build();

        assertThat(first.seller()).isEqualTo(PARTNER);
        assertThat(second.partner()).isEqualTo("2088000000000001");
        assertThat(second.seller()).isEqualTo("2088000000000001");
        assertThat(second.sellerIsId()).isTrue();
    }

    @Test
    void aReusedBuilderKeepsASellerSetExplicitly() {
        AlipayConfig.Builder builder = valid().seller("2088999999999999");
        builder.build();

        AlipayConfig second = builder.partner("2088000000000001").build();

        assertThat(second.seller()).isEqualTo("2088999999999999");
    }

    @Test
    void aBlankSellerMeansThePartner() {
        assertThat(valid().seller(" ").build().seller()).isEqualTo(PARTNER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"208810156833836", "20881015683383641", "1088101568338364", "2088-01568338364"})
    void rejectsPartnerThatIsNot2088AndTwelveDigits(String partner) {
        assertThatThrownBy(() -> valid().partner(partner).build())
                .isInstanceOf(AlipayConfigException.class)
                .hasMessageStartingWith("partner: must be 2088 followed by 12 digits")
                .hasMessageContaining("Fix:");
    }

    @Test
    void rejectsPartnerWithTrailingSpace() {
        assertThatThrownBy(() -> valid().partner(PARTNER + " ").build())
                .isInstanceOf(AlipayConfigException.class).hasMessageContaining("partner: has leading or trailing spaces");
    }

    @Test
    void detectsSwappedPartnerAndKeyWithoutShowingTheKey() {
        assertThatThrownBy(() -> valid().partner(KEY).key(PARTNER).build())
                .isInstanceOf(AlipayConfigException.class)
                .hasMessageContaining("may be swapped")
                .message().doesNotContain(KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789abcdefghijklmnopqrstu", "0123456789abcdefghijklmnopqrstuvw", "0123456789abcdefghijklmnopqrst-v"})
    void rejectsKeyThatIsNot32LettersAndDigitsWithoutRevealingIt(String key) {
        assertThatThrownBy(() -> valid().key(key).build())
                .isInstanceOf(AlipayConfigException.class)
                .hasMessageStartingWith("key: must be 32 letters and digits")
                .message().doesNotContain(key);
    }

    @Test
    void rejectsKeyWithSpacesWithoutRevealingIt() {
        assertThatThrownBy(() -> valid().key(" " + KEY).build())
                .hasMessageStartingWith("key: has leading or trailing spaces")
                .message().doesNotContain(KEY);
    }

    @Test
    void rejectsMissingKey() {
        assertThatThrownBy(() -> AlipayConfig.builder().partner(PARTNER).build())
                .hasMessageStartingWith("key: is not set");
    }

    @Test
    void rejectsUrlWithCustomQueryParameters() {
        assertThatThrownBy(() -> valid().notifyUrl("https://shop.example.com/alipay/notify?id=123").build())
                .isInstanceOf(AlipayConfigException.class)
                .hasMessageStartingWith("notify-url: carries custom query parameters")
                .hasMessageContaining("guide 5.2 C");
    }

    @Test
    void rejectsRelativeOrNonHttpUrls() {
        assertThatThrownBy(() -> valid().returnUrl("/alipay/return").build())
                .hasMessageStartingWith("return-url: must be an absolute http(s) URL");
        assertThatThrownBy(() -> valid().showUrl("ftp://example.com/x").build())
                .hasMessageStartingWith("show-url: must be an absolute http(s) URL");
        assertThatThrownBy(() -> valid().notifyUrl("https://exa mple.com/x").build())
                .hasMessageStartingWith("notify-url: is not a valid URL");
    }

    @Test
    void rejectsGatewayUrlWithQuery() {
        assertThatThrownBy(() -> valid().gatewayUrl("https://mapi.alipay.com/gateway.do?_input_charset=utf-8").build())
                .hasMessageStartingWith("gateway-url: carries custom query parameters");
    }

    @Test
    void failsToStartWhenGatewayUsesHttpAcrossTheNetwork() {
        // spec 4.2: https only; query answers are trusted by the transport (their <sign> is not established)
        assertThatThrownBy(() -> valid().gatewayUrl("http://mapi.alipay.com/gateway.do").build())
                .isInstanceOf(AlipayConfigException.class)
                .hasMessageStartingWith("gateway-url: uses http on a host that is not this machine")
                .hasMessageContaining("Fix: use https");
        assertThatThrownBy(() -> valid().gatewayUrl("http://192.168.1.20:9999/gateway.do").build())
                .isInstanceOf(AlipayConfigException.class)
                .satisfies(e -> assertThat(((AlipayConfigException) e).property()).isEqualTo("gateway-url"));
        assertThatThrownBy(() -> valid().gatewayUrl("http://127.example.com/gateway.do").build())
                .isInstanceOf(AlipayConfigException.class);
    }

    @Test
    void acceptsHttpGatewayOnLoopbackAndHttpsAnywhere() {
        assertThat(valid().gatewayUrl("http://127.0.0.1:18200/gateway.do").build().gatewayUrl().getPort()).isEqualTo(18200);
        assertThat(valid().gatewayUrl("http://localhost:18200/gateway.do").build().gatewayUrl().getHost()).isEqualTo("localhost");
        assertThat(valid().gatewayUrl("http://[::1]:18200/gateway.do").build().gatewayUrl().getHost()).isEqualTo("[::1]");
        assertThat(valid().gatewayUrl("https://gateway.example.com/gateway.do").build().gatewayUrl().getScheme()).isEqualTo("https");
    }

    @Test
    void acceptsTheThreeCharsetsInAnyCase() {
        assertThat(valid().inputCharset("UTF-8").build().inputCharsetName()).isEqualTo("utf-8");
        assertThat(valid().inputCharset("GBK").build().inputCharsetName()).isEqualTo("gbk");
        assertThat(valid().inputCharset("gb2312").build().inputCharsetName()).isEqualTo("gb2312");
    }

    @Test
    void rejectsOtherCharsets() {
        assertThatThrownBy(() -> valid().inputCharset("iso-8859-1").build())
                .isInstanceOf(AlipayConfigException.class)
                .hasMessageStartingWith("input-charset: is \"iso-8859-1\"")
                .hasMessageContaining("utf-8, gbk or gb2312");
        assertThatThrownBy(() -> valid().inputCharset(StandardCharsets.ISO_8859_1).build())
                .hasMessageStartingWith("input-charset:");
    }

    @Test
    void rejectsNonPositiveTimeouts() {
        assertThatThrownBy(() -> valid().readTimeout(Duration.ZERO).build()).hasMessageStartingWith("read-timeout:");
    }

    @Test
    void toStringMasksTheKey() {
        assertThat(valid().build().toString()).doesNotContain(KEY).contains("key=******").contains(PARTNER);
    }

    @Test
    void reportsEveryWrongValueInOneExceptionInTheOrderOfTheChecks() {
        AlipayConfigException e = catchThrowableOfType(AlipayConfigException.class, () -> AlipayConfig.builder()
                .partner("2088-bad").key("short").inputCharset("latin1")
                .notifyUrl("https://shop.example.com/alipay/notify?order=1").returnUrl("not a url")
                .readTimeout(Duration.ZERO).build());
        assertThat(e.problems()).extracting(AlipayConfigException.Problem::property)
                .containsExactly("partner", "key", "input-charset", "notify-url", "return-url", "read-timeout");
        assertThat(e.property()).isEqualTo("partner");
        assertThat(e.getMessage()).startsWith("partner: must be 2088").contains("6 problems in all")
                .contains("key: must be 32 letters and digits").contains("return-url: is not a valid URL");
    }

    @Test
    void aValueFixedAfterAWrongOneIsNoLongerReported() {
        assertThat(valid().notifyUrl("not a url").notifyUrl("https://shop.example.com/alipay/notify").build().notifyUrl())
                .hasToString("https://shop.example.com/alipay/notify");
    }

    @Test
    void bothMissingRsaKeysAreReported() {
        AlipayConfigException e = catchThrowableOfType(AlipayConfigException.class,
                () -> AlipayConfig.builder().partner(PARTNER).signType(SignType.RSA).build());
        assertThat(e.problems()).extracting(AlipayConfigException.Problem::property)
                .containsExactly("private-key", "alipay-public-key");
    }

    @Test
    void aMissingPartnerIsNotReportedAgainAsAMissingSeller() {
        AlipayConfigException e = catchThrowableOfType(AlipayConfigException.class, () -> AlipayConfig.builder().key(KEY).build());
        assertThat(e.problems()).extracting(AlipayConfigException.Problem::property).containsExactly("partner");
    }

    @Test
    void namesAnUnresolvedPlaceholderInTheKeyAsSuchAndTheVariableToSet() {
        AlipayConfigException e = catchThrowableOfType(AlipayConfigException.class, () -> valid().key("${ALIPAY_KEY}").build());
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problem()).isEqualTo("is the unresolved placeholder \"${ALIPAY_KEY}\": no property or environment variable named ALIPAY_KEY is set");
        assertThat(e.fix()).contains("set the environment variable ALIPAY_KEY");
        assertThat(e.getMessage()).doesNotContain("characters").doesNotContain("punctuation");
    }

    @Test
    void namesUnresolvedPlaceholdersInOtherValues() {
        AlipayConfigException e = catchThrowableOfType(AlipayConfigException.class, () -> valid()
                .partner("${ALIPAY_PARTNER}").notifyUrl("${APP_URL}/alipay/notify").inputCharset("${CHARSET:utf-8}").build());
        assertThat(e.problems()).extracting(AlipayConfigException.Problem::property)
                .containsExactly("partner", "input-charset", "notify-url");
        assertThat(e.problems()).extracting(AlipayConfigException.Problem::problem).allMatch(p -> p.startsWith("is the unresolved placeholder"));
        assertThat(e.problems().get(2).problem()).contains("APP_URL");
    }
}

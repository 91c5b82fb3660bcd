package io.github.alipaystarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.AlipayConfigException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlipayPropertiesValidationWarningsTests {

    private static final String KEY = AlipayAutoConfigurationTests.KEY;

    private AlipayConfig.Builder config() {
        return AlipayConfig.builder().partner(AlipayAutoConfigurationTests.PARTNER).key(KEY)
            .notifyUrl("https://shop.example.com/alipay/notify").returnUrl("https://shop.example.com/alipay/return");
    }

    @Test
    void warnsAboutNothingForAPublicHttpsSetUp() {
        assertThat(AlipayPropertiesValidation.warnings(config().build())).isEmpty();
    }

    @Test
    void anHttpGatewayElsewhereIsNoLongerAWarningButAStartUpFailure() {
        // issue 8, defect 6: core ConfigValidation refuses it (spec 4.2), so no warning is ever reached
        assertThatThrownBy(() -> config().gatewayUrl("http://mapi.alipay.com/gateway.do").build())
            .isInstanceOf(AlipayConfigException.class)
            .hasMessageStartingWith("gateway-url: uses http");
    }

    @Test
    void warnsAboutALocalNotifyUrlWithTheRealGateway() {
        List<String> warnings = AlipayPropertiesValidation.warnings(config().notifyUrl("http://localhost:8080/alipay/notify").build());
        assertThat(warnings).singleElement().asString().contains("alipay.notify-url").contains("never arrive");
    }

    @Test
    void warnsAboutALoopbackOrPrivateReturnUrlWithTheRealGateway() {
        assertThat(AlipayPropertiesValidation.warnings(config().returnUrl("http://127.0.0.1:8080/alipay/return").build()))
            .singleElement().asString().contains("alipay.return-url");
        assertThat(AlipayPropertiesValidation.warnings(config().returnUrl("http://192.168.1.20/alipay/return").build()))
            .singleElement().asString().contains("alipay.return-url");
    }

    @Test
    void acceptsLocalUrlsWithALocalGatewaySuchAsTheSandbox() {
        AlipayConfig local = config().gatewayUrl("http://127.0.0.1:9999/gateway.do")
            .notifyUrl("http://localhost:8080/alipay/notify")
            .returnUrl("http://localhost:8080/alipay/return")
            .build();
        assertThat(AlipayPropertiesValidation.warnings(local)).isEmpty();
    }

    @Test
    void warnsWhenNoNotifyUrlIsSet() {
        AlipayConfig config = AlipayConfig.builder().partner(AlipayAutoConfigurationTests.PARTNER).key(KEY).build();
        assertThat(AlipayPropertiesValidation.warnings(config)).singleElement().asString().contains("alipay.notify-url is not set");
    }

    @Test
    void neverPrintsTheKey() {
        AlipayConfig risky = AlipayConfig.builder().partner(AlipayAutoConfigurationTests.PARTNER).key(KEY)
            .gatewayUrl("https://gateway.example.com/gateway.do").returnUrl("http://10.0.0.1/r").build();
        assertThat(AlipayPropertiesValidation.warnings(risky)).hasSize(2).allSatisfy((w) -> assertThat(w).doesNotContain(KEY));
    }

    @Test
    void recognisesLocalHostsWithoutLookingNamesUp() {
        assertThat(AlipayPropertiesValidation.isLocal(URI.create("http://localhost/x"))).isTrue();
        assertThat(AlipayPropertiesValidation.isLocal(URI.create("http://[::1]:8080/x"))).isTrue();
        assertThat(AlipayPropertiesValidation.isLocal(URI.create("http://172.16.0.3/x"))).isTrue();
        assertThat(AlipayPropertiesValidation.isLocal(URI.create("https://shop.example.com/x"))).isFalse();
        assertThat(AlipayPropertiesValidation.isLocal(URI.create("https://8.8.8.8/x"))).isFalse();
    }

}

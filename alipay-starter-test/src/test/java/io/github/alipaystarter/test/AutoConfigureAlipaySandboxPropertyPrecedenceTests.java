package io.github.alipaystarter.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.shop.ShopApplication;
import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** A value the test sets itself wins over the annotation's; the rest still points at the sandbox. */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "alipay.return-url=http://127.0.0.1:8999/alipay/return")
@AutoConfigureAlipaySandbox
class AutoConfigureAlipaySandboxPropertyPrecedenceTests {

    @Autowired
    AlipayConfig config;

    @Autowired
    AlipaySandbox sandbox;

    @Test
    void keepsTheTestsOwnReturnUrl() {
        assertThat(config.returnUrl()).hasToString("http://127.0.0.1:8999/alipay/return");
        assertThat(config.gatewayUrl()).isEqualTo(sandbox.gatewayUrl());
        assertThat(config.partner()).isEqualTo("2088101568338364");
    }
}

package io.github.alipaystarter.autoconfigure.web;

import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.AlipaySandboxExtension;
import io.github.alipaystarter.sandbox.SandboxMerchant;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "alipay.input-charset=utf-8", "alipay.web.result-url=/result" })
class Utf8SandboxFlowIntegrationTests extends AbstractSandboxFlowIntegrationTests {

    @RegisterExtension
    static final AlipaySandboxExtension alipaySandbox = AlipaySandboxExtension
        .withMerchant(SandboxMerchant.md5(TestNotifications.PARTNER, TestNotifications.KEY))
        .timeScale(0.001)
        .returnNotifyIdValidity(Duration.ofMinutes(1));

    @DynamicPropertySource
    static void alipayProperties(DynamicPropertyRegistry registry) {
        registry.add("alipay.partner", () -> TestNotifications.PARTNER);
        registry.add("alipay.key", () -> TestNotifications.KEY);
        registry.add("alipay.gateway-url", () -> alipaySandbox.sandbox().gatewayUrl().toString());
    }

    @Override
    AlipaySandbox sandbox() {
        return alipaySandbox.sandbox();
    }

}

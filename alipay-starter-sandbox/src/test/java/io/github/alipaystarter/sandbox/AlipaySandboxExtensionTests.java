package io.github.alipaystarter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AlipaySandboxExtension.class)
class AlipaySandboxExtensionTests {

    private final AlipaySandbox fromConstructor;

    AlipaySandboxExtensionTests(AlipaySandbox sandbox) {
        this.fromConstructor = sandbox;
    }

    @Test
    void injectsARunningSandboxWithTheDemoMerchant(AlipaySandbox sandbox) throws Exception {
        assertThat(sandbox.merchant()).isSameAs(SandboxMerchant.DEMO);
        HttpResponse<String> index = SandboxTestSupport.get(sandbox.baseUrl());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(sandbox.gatewayUrl().toString()).startsWith("http://127.0.0.1:").endsWith("/gateway.do");
    }

    @Test
    void injectsTheSameSandboxIntoTheConstructorAndTheMethods(AlipaySandbox sandbox) {
        assertThat(sandbox).isSameAs(fromConstructor);
    }

    @Nested
    class InANestedClass {
        @Test
        void seesTheOuterClassesSandbox(AlipaySandbox sandbox) {
            assertThat(sandbox).isSameAs(fromConstructor);
        }
    }
}

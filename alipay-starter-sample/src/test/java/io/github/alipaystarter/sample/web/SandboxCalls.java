package io.github.alipaystarter.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.sample.ApiClient;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.NotificationDelivery;
import java.net.URI;
import java.util.List;

/** The sandbox calls the API tests make, in one place. */
final class SandboxCalls {

    private SandboxCalls() {
    }

    /** The buyer opens the signed URL (the sandbox validates it and shows the cashier), then pays. */
    static void pay(ApiClient api, AlipaySandbox sandbox, URI payUrl, String outTradeNo) {
        ApiClient.Response cashier = api.get(payUrl);
        assertThat(cashier.status()).as(cashier.body()).isEqualTo(200);
        assertThat(cashier.body()).contains(outTradeNo);
        sandbox.pay(outTradeNo);
    }

    static List<NotificationDelivery> sendNotificationConcurrently(AlipaySandbox sandbox, String outTradeNo, int times) {
        return sandbox.sendNotificationConcurrently(outTradeNo, times);
    }
}

package io.github.alipaystarter.core.protocol.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HttpAlipayGateway} with a {@link GatewayTransport}: the same parameters, status rules and parsing. */
class HttpAlipayGatewayTransportTests {

    private static final String PARTNER = "2088101122136241";

    private final AlipayConfig config = AlipayConfig.builder().partner(PARTNER).key("760bdzec6y9goq7ctyx96ezkz78287de")
        .gatewayUrl("https://gateway.example.com/gateway.do").build();

    private final List<URI> sent = new ArrayList<>();

    private HttpAlipayGateway gateway(int status, String contentType, String body) {
        return new HttpAlipayGateway(config, AlipaySigner.forConfig(config), (service, uri) -> {
            sent.add(uri);
            return new GatewayTransport.Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void theTransportCarriesTheRequestAndTheAnswerIsParsedAsUsual() {
        HttpAlipayGateway gateway = gateway(200, "text/xml; charset=utf-8",
                "<alipay><is_success>T</is_success><response><timestamp><encrypt_key>KPab_c-d==</encrypt_key>"
                        + "</timestamp></response></alipay>");

        assertThat(gateway.queryTimestamp()).isEqualTo("KPab_c-d==");
        assertThat(sent).singleElement().satisfies(uri -> {
            assertThat(uri.getHost()).isEqualTo("gateway.example.com");
            assertThat(uri.getPath()).isEqualTo("/gateway.do");
            assertThat(uri.getQuery()).contains("service=query_timestamp", "partner=" + PARTNER);
        });
    }

    @Test
    void anErrorStatusFromTheTransportIsUnavailable() {
        assertThatThrownBy(() -> gateway(503, null, "busy").verifyNotifyId("abc"))
            .isInstanceOf(GatewayUnavailableException.class)
            .hasMessageContaining("notify_verify").hasMessageContaining("HTTP 503")
            .hasMessageContaining("https://gateway.example.com/gateway.do");
    }

    @Test
    void aRedirectFromTheTransportIsAnUnreadableAnswer() {
        assertThatThrownBy(() -> gateway(302, null, "").singleTradeQuery("T1"))
            .isInstanceOf(GatewayResponseException.class).hasMessageContaining("HTTP 302")
            .hasMessageNotContaining("sign=");
    }

    @Test
    void notifyVerifyReadsTheTransportsBody() {
        assertThat(gateway(200, "text/plain", "true").verifyNotifyId("abc")).isEqualTo(NotifyVerifyAnswer.TRUE);
    }
}

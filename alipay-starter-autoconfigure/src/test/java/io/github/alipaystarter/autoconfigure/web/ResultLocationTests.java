package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.alipaystarter.core.AlipayConfigException;
import io.github.alipaystarter.core.payment.Outcome;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

class ResultLocationTests {

    @Test
    void replacesPlaceholdersUrlEncoded() {
        assertThat(new ResultLocation("/orders/{outTradeNo}?outcome={outcome}").resolve("", "A 1/测", Outcome.PAID))
            .isEqualTo("/orders/A%201%2F%E6%B5%8B?outcome=PAID");
    }

    @Test
    void encodesChineseAndReservedCharactersOfAQueryParameter() {
        String no = "订单 A&b=c#d?e+f/g%h";

        String location = new ResultLocation("https://shop.example.com/done").resolve("", no, Outcome.PAID);

        assertThat(location).isEqualTo("https://shop.example.com/done?outTradeNo="
                + "%E8%AE%A2%E5%8D%95%20A%26b%3Dc%23d%3Fe%2Bf%2Fg%25h&outcome=PAID");
        URI uri = URI.create(location);
        assertThat(uri.getFragment()).isNull();
        String raw = UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("outTradeNo");
        assertThat(URLDecoder.decode(raw, StandardCharsets.UTF_8)).isEqualTo(no);
        assertThat(UriComponentsBuilder.fromUri(uri).build().getQueryParams()).containsOnlyKeys("outTradeNo", "outcome");
    }

    @Test
    void encodesChineseTextOfTheTemplateItself() {
        assertThat(new ResultLocation("/结果/{outTradeNo}").resolve("", "A1", Outcome.PAID))
            .isEqualTo("/%E7%BB%93%E6%9E%9C/A1");
    }

    @Test
    void appendsBothAsQueryParametersWithoutPlaceholders() {
        assertThat(new ResultLocation("/").resolve("", "A-1", Outcome.DUPLICATE))
            .isEqualTo("/?outTradeNo=A-1&outcome=DUPLICATE");
        assertThat(new ResultLocation("https://shop.example.com/done?x=1#top").resolve("/ctx", "A-1", Outcome.PAID))
            .isEqualTo("https://shop.example.com/done?x=1&outTradeNo=A-1&outcome=PAID#top");
    }

    @Test
    void prefixesTheContextPathToAPath() {
        assertThat(new ResultLocation("/result/{outTradeNo}").resolve("/shop", "A-1", Outcome.PAID))
            .isEqualTo("/shop/result/A-1");
    }

    @Test
    void leavesAnOutTradeNoThatCouldNotBeReadEmpty() {
        assertThat(new ResultLocation("/r?no={outTradeNo}&o={outcome}").resolve("", null, Outcome.MALFORMED))
            .isEqualTo("/r?no=&o=MALFORMED");
    }

    @Test
    void refusesATemplateWithAnotherPlaceholderNamingTheProperty() {
        assertThatExceptionOfType(AlipayConfigException.class)
            .isThrownBy(() -> new ResultLocation("/orders/{orderId}?o={outcome}"))
            .satisfies((ex) -> {
                assertThat(ex.property()).isEqualTo("web.result-url");
                assertThat(ex.fix()).contains("{outTradeNo}");
            });
    }

}

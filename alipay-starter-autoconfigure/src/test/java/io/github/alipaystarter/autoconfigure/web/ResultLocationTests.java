package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.payment.Outcome;
import org.junit.jupiter.api.Test;

class ResultLocationTests {

    @Test
    void replacesPlaceholdersUrlEncoded() {
        assertThat(new ResultLocation("/orders/{outTradeNo}?outcome={outcome}").resolve("", "A 1/测", Outcome.PAID))
            .isEqualTo("/orders/A%201%2F%E6%B5%8B?outcome=PAID");
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

}

package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlipayNotifyServletTests {

    @Test
    void readsABodyUpToTheLimit() throws Exception {
        assertThat(AlipayNotifyServlet.readAtMost(new ByteArrayInputStream(new byte[100]), 100)).hasSize(100);
    }

    @Test
    void refusesABodyOverTheLimit() throws Exception {
        assertThat(AlipayNotifyServlet.readAtMost(new ByteArrayInputStream(new byte[101]), 100)).isNull();
    }

    @Test
    void keepsTheQueryStringBytesAsTheyArrived() {
        assertThat(AlipayReturnServlet.rawQuery("a=%E6%B5%8B+b")).isEqualTo("a=%E6%B5%8B+b".getBytes(StandardCharsets.US_ASCII));
        assertThat(AlipayReturnServlet.rawQuery(null)).isEmpty();
    }

}

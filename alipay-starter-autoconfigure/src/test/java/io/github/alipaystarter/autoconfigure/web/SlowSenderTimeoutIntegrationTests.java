package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A sender that declares a body and goes silent is answered {@code fail} once
 * {@code alipay.web.body-read-timeout} has passed, and its connection is closed (issue 10).
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "alipay.web.body-read-timeout=1s")
class SlowSenderTimeoutIntegrationTests {

    private static final FakeAlipayGateway gateway = FakeAlipayGateway.get();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void alipayProperties(DynamicPropertyRegistry registry) {
        registry.add("alipay.partner", () -> TestNotifications.PARTNER);
        registry.add("alipay.key", () -> TestNotifications.KEY);
        registry.add("alipay.gateway-url", gateway::url);
        registry.add("alipay.notify-url", () -> "http://127.0.0.1:8080/alipay/notify");
    }

    @Test
    void answersASilentSenderFailAfterTheBodyReadTimeoutAndClosesItsConnection() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", this.port)) {
            slow.getOutputStream().write(("POST /alipay/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    + "application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nnotify_id=")
                .getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            long started = System.nanoTime();

            String answer = readUntilClosed(slow, 15_000);

            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("\r\n\r\nfail")
                .containsIgnoringCase("Connection: close");
            assertThat(System.nanoTime() - started).as("answered after the timeout, not before")
                .isGreaterThanOrEqualTo(900_000_000L);
        }
    }

    private static String readUntilClosed(Socket s, int boundMillis) throws IOException {
        s.setSoTimeout(boundMillis);
        InputStream in = s.getInputStream();
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        catch (SocketTimeoutException ex) {
            throw new AssertionError("the server kept the connection open for more than " + boundMillis + " ms", ex);
        }
    }

}

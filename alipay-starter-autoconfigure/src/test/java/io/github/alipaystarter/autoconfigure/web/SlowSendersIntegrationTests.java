package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.web.EndpointTestApplication.RecordingPaymentHandler;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Slow and many senders on the notify endpoint (issue 10): a sender that declares a body and goes silent
 * is answered {@code fail} after {@code alipay.web.body-read-timeout} and its connection closed; beyond
 * {@code alipay.web.max-concurrent-notifications} a delivery is answered {@code fail} at once; the
 * server's threads stay free for everyone else meanwhile (Tomcat here has 4). The body-read timeout itself
 * is tested in {@link SlowSenderTimeoutIntegrationTests}.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        // A body-read timeout far longer than any test here: the slow senders must all be being read at once
        // however loaded the machine is (a 1 s and a 4 s timeout each failed once in CI: the first sender was
        // timed out before the last was read). The timeout itself is SlowSenderTimeoutIntegrationTests'.
        properties = { "alipay.web.body-read-timeout=120s", "alipay.web.max-concurrent-notifications=8",
                "server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=1" })
class SlowSendersIntegrationTests {

    private static final FakeAlipayGateway gateway = FakeAlipayGateway.get();

    @LocalServerPort
    int port;

    @Autowired
    PaymentLedger ledger;

    @Autowired
    RecordingPaymentHandler handler;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier(AlipayWebAutoConfiguration.NOTIFY_ENDPOINT_BEAN_NAME)
    org.springframework.boot.web.servlet.ServletRegistrationBean<AlipayNotifyServlet> notifyEndpoint;

    private final List<Socket> sockets = new ArrayList<>();

    @DynamicPropertySource
    static void alipayProperties(DynamicPropertyRegistry registry) {
        registry.add("alipay.partner", () -> TestNotifications.PARTNER);
        registry.add("alipay.key", () -> TestNotifications.KEY);
        registry.add("alipay.gateway-url", gateway::url);
        registry.add("alipay.notify-url", () -> "http://127.0.0.1:8080/alipay/notify");
    }

    @BeforeEach
    void noDeliveryInProgress() throws Exception {
        // the slow senders of an earlier test were closed by the client; the servlet frees their permits
        waitUntilInProgress(0);
    }

    @AfterEach
    void close() throws IOException {
        for (Socket s : this.sockets) {
            s.close();
        }
    }

    @Test
    void slowSendersHoldNoServerThreadSoARealNotificationIsProcessed() throws Exception {
        // Six silent senders, more than the server's four threads, fewer than the eight permits.
        for (int i = 0; i < 6; i++) {
            slowSender();
        }
        waitUntilInProgress(6);
        String no = TestNotifications.newOutTradeNo();
        this.ledger.record(no, new BigDecimal("7.00"), TestNotifications.SUBJECT);

        String answer = send(TestNotifications.formBody(TestNotifications.signed(TestNotifications.paid(no, "7.00"),
                TestNotifications.KEY, StandardCharsets.UTF_8), StandardCharsets.UTF_8));

        assertThat(answer).endsWith("\r\n\r\nsuccess");
        assertThat(this.handler.paid(no)).hasSize(1);
    }

    @Test
    void answersFailAtOnceBeyondTheConcurrencyLimitAndAcceptsAgainWhenSlotsFree() throws Exception {
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            slow.add(slowSender());
        }
        String no = TestNotifications.newOutTradeNo();
        this.ledger.record(no, new BigDecimal("8.00"), TestNotifications.SUBJECT);
        byte[] body = TestNotifications.formBody(TestNotifications.signed(TestNotifications.paid(no, "8.00"),
                TestNotifications.KEY, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        waitUntilInProgress(8);

        assertThat(send(body)).as("the ninth delivery").endsWith("\r\n\r\nfail");
        assertThat(this.handler.calls(no)).isEmpty();
        // A tenth that is slow as well is answered and its connection closed at once, without its body
        // (not after the container's connection timeout, a minute).
        assertThat(readUntilClosed(slowSender(), 5_000)).as("a slow sender beyond the limit").endsWith("fail");

        // The slow senders give up (the client closes): each permit is freed without waiting for the timeout.
        for (Socket s : slow) {
            s.close();
        }
        waitUntilInProgress(0);
        assertThat(send(body)).as("the resend, once the slow senders were answered").endsWith("\r\n\r\nsuccess");
        assertThat(this.handler.paid(no)).hasSize(1);
    }

    /** Declares a 1,000-byte body, sends 10 bytes, then nothing. */
    private Socket slowSender() throws IOException {
        Socket s = new Socket("127.0.0.1", this.port);
        this.sockets.add(s);
        s.getOutputStream().write(("POST /alipay/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nnotify_id=")
            .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /**
     * Until exactly this many deliveries hold a permit (the servlet takes one when it starts reading and frees
     * it when the delivery is answered or the client goes away).
     */
    private void waitUntilInProgress(int deliveries) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (this.notifyEndpoint.getServlet().deliveriesInProgress() != deliveries) {
            assertThat(System.nanoTime()).as("deliveries in progress = " + deliveries + " (now "
                    + this.notifyEndpoint.getServlet().deliveriesInProgress() + ")").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private String send(byte[] body) throws IOException {
        Socket s = new Socket("127.0.0.1", this.port);
        this.sockets.add(s);
        s.getOutputStream().write(("POST /alipay/notify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().write(body);
        s.getOutputStream().flush();
        return readUntilClosed(s, 15_000);
    }

    /** Everything the server sends until it closes the connection; fails if it does not within the bound. */
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

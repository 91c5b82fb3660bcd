package io.github.alipaystarter.autoconfigure.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.alipaystarter.autoconfigure.AlipayAutoConfiguration;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.GatewayUnavailableException;
import io.github.alipaystarter.core.payment.PaymentHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code alipay.ssl-bundle}: a gateway over HTTPS with a certificate of a private CA (here self-signed, made
 * with keytool for 127.0.0.1) is trusted through the named SSL bundle, and not without it.
 */
class AlipayGatewayClientSslBundleTests {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;

    private static HttpsServer gateway;

    private static Path keyStore;

    @BeforeAll
    static void startHttpsGateway() throws Exception {
        keyStore = dir.resolve("gateway.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "gateway", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keys.getKeyManagers(), null, null);
        gateway = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.setHttpsConfigurator(new HttpsConfigurator(ssl));
        gateway.createContext("/gateway.do", (exchange) -> {
            byte[] body = ("<?xml version=\"1.0\" encoding=\"utf-8\"?><alipay><is_success>T</is_success>"
                    + "<response><timestamp><encrypt_key>KPtlsTest==</encrypt_key></timestamp></response></alipay>")
                .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        gateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.stop(0);
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class,
                    AlipayGatewayClientAutoConfiguration.class, AlipayAutoConfiguration.class))
            .withPropertyValues("alipay.partner=2088101122136241", "alipay.key=760bdzec6y9goq7ctyx96ezkz78287de",
                    "alipay.gateway-url=https://127.0.0.1:" + gateway.getAddress().getPort() + "/gateway.do",
                    "spring.ssl.bundle.jks.alipay-gateway.truststore.location=file:" + keyStore,
                    "spring.ssl.bundle.jks.alipay-gateway.truststore.password=" + PASSWORD,
                    "spring.ssl.bundle.jks.alipay-gateway.truststore.type=PKCS12")
            .withBean(PaymentHandler.class, () -> (trade) -> { });
    }

    @Test
    void theGatewayIsTrustedThroughTheNamedSslBundle() {
        runner().withPropertyValues("alipay.ssl-bundle=alipay-gateway")
            .run((context) -> assertThat(context.getBean(AlipayGateway.class).queryTimestamp()).isEqualTo("KPtlsTest=="));
    }

    @Test
    void withoutTheBundleTheGatewaysCertificateIsNotTrusted() {
        runner().run((context) -> assertThatThrownBy(() -> context.getBean(AlipayGateway.class).queryTimestamp())
            .isInstanceOf(GatewayUnavailableException.class)
            .hasCauseInstanceOf(SSLHandshakeException.class));
    }

}

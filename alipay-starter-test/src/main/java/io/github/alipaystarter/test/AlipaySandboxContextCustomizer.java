package io.github.alipaystarter.test;

import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.SandboxMerchant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Starts the sandbox when the test's context is created, sets {@code alipay.*} (and, for a random
 * port, {@code server.port}) and registers the sandbox and its {@link AlipaySandboxTester}. Equal for
 * equal annotations, so that Spring's context cache shares one context (and one sandbox) between them.
 */
final class AlipaySandboxContextCustomizer implements ContextCustomizer {

    static final String PROPERTY_SOURCE = "alipaySandbox";
    private static final Log CONSOLE = LogFactory.getLog("io.github.alipaystarter.sandbox.console");

    private final String partner;
    private final String key;
    private final double timeScale;
    private final boolean notifyClosedTrades;

    AlipaySandboxContextCustomizer(String partner, String key, double timeScale, boolean notifyClosedTrades) {
        this.partner = partner;
        this.key = key;
        this.timeScale = timeScale;
        this.notifyClosedTrades = notifyClosedTrades;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        SandboxMerchant merchant = merchant();
        ConfigurableEnvironment environment = context.getEnvironment();
        Map<String, Object> inlined = TestPropertySourceUtils.convertInlinedPropertiesToMap(mergedConfig.getPropertySourceProperties());

        Map<String, Object> properties = new LinkedHashMap<>();
        int port = environment.getProperty("server.port", Integer.class, 8080);
        if (port == 0) {
            port = freePort();
            properties.put("server.port", port);
        }
        String base = "http://127.0.0.1:" + port + environment.getProperty("server.servlet.context-path", "");
        AlipaySandbox sandbox = AlipaySandbox.builder()
                .port(0)
                .bindAddress("127.0.0.1")
                .timeScale(timeScale)
                .notifyClosedTrades(notifyClosedTrades)
                .returnNotifyIdValidity(Duration.ofMinutes(1))
                .merchant(merchant)
                .log((text, problem) -> {
                    if (problem) {
                        CONSOLE.warn(text);
                    } else {
                        CONSOLE.info(text);
                    }
                })
                .start();
        try {
            Map<String, Object> alipay = new LinkedHashMap<>();
            alipay.put("alipay.gateway-url", sandbox.gatewayUrl().toString());
            alipay.put("alipay.partner", merchant.partner());
            alipay.put("alipay.key", merchant.key());
            alipay.put("alipay.seller", merchant.partner());
            alipay.put("alipay.sign-type", "MD5");
            alipay.put("alipay.notify-url", base + environment.getProperty("alipay.web.notify-path", "/alipay/notify"));
            alipay.put("alipay.return-url", base + environment.getProperty("alipay.web.return-path", "/alipay/return"));
            alipay.forEach((name, value) -> {
                if (!inlined.containsKey(name)) { // the test's own @SpringBootTest(properties = ...) win
                    properties.put(name, value);
                }
            });
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
            AlipaySandboxTester tester = new AlipaySandboxTester(sandbox);
            if (context instanceof GenericApplicationContext generic) {
                generic.registerBean("alipaySandbox", AlipaySandbox.class, () -> sandbox, (definition) -> definition.setDestroyMethodName("close"));
                generic.registerBean("alipaySandboxTester", AlipaySandboxTester.class, () -> tester);
            } else {
                context.getBeanFactory().registerSingleton("alipaySandbox", sandbox);
                context.getBeanFactory().registerSingleton("alipaySandboxTester", tester);
                context.addApplicationListener((ContextClosedEvent event) -> sandbox.close());
            }
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    private SandboxMerchant merchant() {
        if (partner.isEmpty() && key.isEmpty()) {
            return SandboxMerchant.DEMO;
        }
        if (partner.isEmpty() || key.isEmpty()) {
            throw new IllegalStateException("@AutoConfigureAlipaySandbox: give both partner and key, or neither (the demo merchant)");
        }
        return SandboxMerchant.md5(partner, key);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for server.port=0", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AlipaySandboxContextCustomizer o && partner.equals(o.partner) && key.equals(o.key)
                && Double.compare(timeScale, o.timeScale) == 0 && notifyClosedTrades == o.notifyClosedTrades;
    }

    @Override
    public int hashCode() {
        return Objects.hash(partner, key, timeScale, notifyClosedTrades);
    }
}

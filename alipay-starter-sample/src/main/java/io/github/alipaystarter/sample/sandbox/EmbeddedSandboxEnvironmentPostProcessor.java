package io.github.alipaystarter.sample.sandbox;

import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.SandboxMerchant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * Makes the sample run with nothing to configure: unless the {@code live} profile is active, or
 * {@code alipay.gateway-url} is set, or {@code sample.sandbox.enabled=false}, it starts the sandbox
 * gateway inside the application, with the demo merchant, before the starter reads its properties,
 * and points {@code alipay.*} at it:
 * <ul>
 * <li>{@code alipay.gateway-url}: the sandbox's {@code /gateway.do};</li>
 * <li>{@code alipay.partner}, {@code alipay.key}, {@code alipay.seller}: the demo merchant's;</li>
 * <li>{@code alipay.notify-url}, {@code alipay.return-url}, {@code alipay.show-url}: this application,
 *     at {@code sample.sandbox.app-url} (default {@code http://localhost:<server.port><context-path>}).</li>
 * </ul>
 * When {@code server.port} is 0 (tests with a random port) a free port is chosen here, because the
 * notify and return URLs must be known before the web server starts.
 *
 * <p>Other settings ({@code alipay.input-charset}, {@code alipay.main-name}, ...) are left to the
 * application. The sandbox is a bean named {@code alipaySandbox}, closed with the context.
 * Options: {@code sample.sandbox.port} (0 = a free port, the default), {@code sample.sandbox.time-scale}
 * (1 = Alipay's real resend schedule), {@code sample.sandbox.return-notify-id-validity} (1m, not scaled).
 *
 * <p>It listens for {@link ApplicationEnvironmentPreparedEvent} (registered in {@code META-INF/spring.factories}
 * as an {@code ApplicationListener}) at the lowest precedence, so it runs once every environment post-processor
 * (config files, profiles) has run. It is not an {@code EnvironmentPostProcessor} itself because that
 * interface moved between Spring Boot 3.5 and 4.0, and the sample builds on both.
 */
public class EmbeddedSandboxEnvironmentPostProcessor
        implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String PROPERTY_SOURCE = "sampleShopSandbox";

    private final Log log;

    /** For spring.factories. */
    public EmbeddedSandboxEnvironmentPostProcessor() {
        this.log = LogFactory.getLog(EmbeddedSandboxEnvironmentPostProcessor.class);
    }

    public EmbeddedSandboxEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedSandboxEnvironmentPostProcessor.class);
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        postProcessEnvironment(event.getEnvironment(), event.getSpringApplication());
    }

    /** After the config files and profiles are loaded. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        if (!binder.bind("sample.sandbox.enabled", Boolean.class).orElse(true)) {
            return;
        }
        if (environment.acceptsProfiles(Profiles.of("live"))) {
            log.info("Profile 'live': no sandbox, payments go to the configured alipay.gateway-url");
            return;
        }
        if (binder.bind("alipay.gateway-url", String.class).isBound()) {
            log.info("alipay.gateway-url is set: no sandbox started");
            return;
        }

        Map<String, Object> properties = new LinkedHashMap<>();
        int serverPort = binder.bind("server.port", Integer.class).orElse(8080);
        if (serverPort == 0) {
            serverPort = freePort();
            properties.put("server.port", serverPort);
        }
        String contextPath = binder.bind("server.servlet.context-path", String.class).orElse("");
        String appUrl = stripTrailingSlash(binder.bind("sample.sandbox.app-url", String.class)
                .orElse("http://localhost:" + serverPort + contextPath));
        String notifyPath = binder.bind("alipay.web.notify-path", String.class).orElse("/alipay/notify");
        String returnPath = binder.bind("alipay.web.return-path", String.class).orElse("/alipay/return");

        SandboxMerchant merchant = SandboxMerchant.DEMO;
        AlipaySandbox sandbox = AlipaySandbox.builder()
                .port(binder.bind("sample.sandbox.port", Integer.class).orElse(0))
                .bindAddress("127.0.0.1")
                .timeScale(binder.bind("sample.sandbox.time-scale", Double.class).orElse(1.0))
                // The buyer is a person (or a browser) in real time: a return's notify_id lives a real
                // minute, as at Alipay, whatever the time scale of the resends.
                .returnNotifyIdValidity(binder.bind("sample.sandbox.return-notify-id-validity", Duration.class)
                        .orElse(Duration.ofMinutes(1)))
                // Alipay notifies a full refund (TRADE_CLOSED) only with 交易关闭通知 turned on; off by default.
                .notifyClosedTrades(binder.bind("sample.sandbox.notify-closed-trades", Boolean.class).orElse(false))
                .merchant(merchant)
                // the sandbox's console lines (requests, notifications and their answers, notify_verify)
                // in the shop's log, under io.github.alipaystarter.sandbox.console
                .log(EmbeddedSandboxEnvironmentPostProcessor::consoleLine)
                .start();
        try {
            properties.put("alipay.gateway-url", String.valueOf(sandbox.gatewayUrl()));
            properties.put("alipay.partner", merchant.partner());
            properties.put("alipay.key", merchant.key());
            properties.put("alipay.seller", merchant.partner());
            properties.put("alipay.sign-type", "MD5");
            properties.put("alipay.notify-url", appUrl + notifyPath);
            properties.put("alipay.return-url", appUrl + returnPath);
            properties.put("alipay.show-url", appUrl + "/orders");
            environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
            application.addInitializers(context -> register(context, sandbox));
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        log.info("Started the Alipay sandbox at " + sandbox.gatewayUrl() + " with the demo merchant "
                + merchant.partner() + "; notifications go to " + appUrl + notifyPath
                + ". For the real gateway run with --spring.profiles.active=live");
    }

    private static void consoleLine(String text, boolean problem) {
        Log console = LogFactory.getLog("io.github.alipaystarter.sandbox.console");
        if (problem) {
            console.warn(text);
        } else {
            console.info(text);
        }
    }

    private static void register(ConfigurableApplicationContext context, AlipaySandbox sandbox) {
        if (context instanceof GenericApplicationContext generic) {
            generic.registerBean("alipaySandbox", AlipaySandbox.class, () -> sandbox,
                    definition -> definition.setDestroyMethodName("close"));
        } else {
            context.addApplicationListener((ContextClosedEvent event) -> sandbox.close());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port for server.port=0", e);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package io.github.alipaystarter.sample.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.SandboxMerchant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EmbeddedSandboxEnvironmentPostProcessorTests {

    private final EmbeddedSandboxEnvironmentPostProcessor processor =
            new EmbeddedSandboxEnvironmentPostProcessor(destination -> destination.get());

    @Test
    void liveProfileStartsNoSandbox() {
        StandardEnvironment environment = environment(Map.of());
        environment.setActiveProfiles("live");
        SpringApplication application = application();

        processor.postProcessEnvironment(environment, application);

        assertThat(environment.getPropertySources().contains(EmbeddedSandboxEnvironmentPostProcessor.PROPERTY_SOURCE)).isFalse();
        assertThat(application.getInitializers()).isEmpty();
    }

    @Test
    void explicitGatewayUrlStartsNoSandbox() {
        StandardEnvironment environment = environment(Map.of("alipay.gateway-url", "https://mapi.alipay.com/gateway.do"));
        SpringApplication application = application();

        processor.postProcessEnvironment(environment, application);

        assertThat(environment.getProperty("alipay.gateway-url")).isEqualTo("https://mapi.alipay.com/gateway.do");
        assertThat(application.getInitializers()).isEmpty();
    }

    @Test
    void disabledSandboxStartsNothing() {
        StandardEnvironment environment = environment(Map.of("sample.sandbox.enabled", "false"));
        SpringApplication application = application();

        processor.postProcessEnvironment(environment, application);

        assertThat(environment.getProperty("alipay.gateway-url")).isNull();
        assertThat(application.getInitializers()).isEmpty();
    }

    @Test
    void defaultsPointTheStarterAtAStartedSandboxAndTheShopsOwnEndpoints() throws Exception {
        StandardEnvironment environment = environment(Map.of("server.port", "8123", "alipay.partner", "2088000000000001"));
        SpringApplication application = application();

        processor.postProcessEnvironment(environment, application);

        try (GenericApplicationContext context = contextWith(application)) {
            AlipaySandbox sandbox = context.getBean(AlipaySandbox.class);
            assertThat(environment.getProperty("alipay.gateway-url")).isEqualTo(String.valueOf(sandbox.gatewayUrl()));
            assertThat(environment.getProperty("alipay.partner")).isEqualTo(SandboxMerchant.DEMO.partner());
            assertThat(environment.getProperty("alipay.key")).isEqualTo(SandboxMerchant.DEMO.key());
            assertThat(environment.getProperty("alipay.notify-url")).isEqualTo("http://localhost:8123/alipay/notify");
            assertThat(environment.getProperty("alipay.return-url")).isEqualTo("http://localhost:8123/alipay/return");
            assertThat(status(URI.create(sandbox.gatewayUrl() + "?service=notify_verify"))).isPositive();
        }
    }

    @Test
    void randomServerPortIsChosenBeforeStartSoThatTheNotifyUrlNamesIt() {
        StandardEnvironment environment = environment(Map.of("server.port", "0", "server.servlet.context-path", "/shop"));
        SpringApplication application = application();

        processor.postProcessEnvironment(environment, application);

        try (GenericApplicationContext context = contextWith(application)) {
            int port = environment.getProperty("server.port", Integer.class);
            assertThat(port).isPositive();
            assertThat(environment.getProperty("alipay.notify-url")).isEqualTo("http://localhost:" + port + "/shop/alipay/notify");
        }
    }

    @Test
    void sandboxStopsWithTheContext() {
        StandardEnvironment environment = environment(Map.of());
        SpringApplication application = application();
        processor.postProcessEnvironment(environment, application);
        GenericApplicationContext context = contextWith(application);
        URI gateway = URI.create(String.valueOf(context.getBean(AlipaySandbox.class).gatewayUrl()));

        context.close();

        assertThatThrownBy(() -> status(gateway)).isInstanceOf(IOException.class);
    }

    /** An application without Boot's own initializers, so that only the processor's are seen. */
    private static SpringApplication application() {
        SpringApplication application = new SpringApplication();
        application.setInitializers(List.of());
        return application;
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static GenericApplicationContext contextWith(SpringApplication application) {
        GenericApplicationContext context = new GenericApplicationContext();
        for (ApplicationContextInitializer initializer : application.getInitializers()) {
            ((ApplicationContextInitializer<ConfigurableApplicationContext>) initializer).initialize(context);
        }
        context.refresh();
        return context;
    }

    private static int status(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}

package io.github.alipaystarter.autoconfigure.gateway;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * Builds a request factory with Boot's {@link ClientHttpRequestFactoryBuilder} and the gateway's settings (no
 * redirects, the alipay timeouts, the SSL bundle). The settings type of {@code build(settings)} differs:
 * {@link HttpClientSettings} on Spring Boot 4.0, {@code ClientHttpRequestFactorySettings} on 3.5 (where
 * HttpClientSettings exists but is not what the builder takes); the 3.5 type is named as a string.
 */
final class RequestFactorySettings {

    static final String BOOT_35_SETTINGS = "org.springframework.boot.http.client.ClientHttpRequestFactorySettings";

    private RequestFactorySettings() {
    }

    static ClientHttpRequestFactory build(ClientHttpRequestFactoryBuilder<?> builder, Duration connectTimeout,
            Duration readTimeout, SslBundle sslBundle) {
        try {
            Method boot40 = findBuild(HttpClientSettings.class);
            if (boot40 != null) {
                return (ClientHttpRequestFactory) boot40.invoke(builder,
                        new HttpClientSettings(HttpRedirects.DONT_FOLLOW, connectTimeout, readTimeout, sslBundle));
            }
            Class<?> settingsType = Class.forName(BOOT_35_SETTINGS, false, RequestFactorySettings.class.getClassLoader());
            Method boot35 = findBuild(settingsType);
            if (boot35 == null) {
                throw new IllegalStateException("ClientHttpRequestFactoryBuilder has neither build(HttpClientSettings)"
                        + " (Spring Boot 4.0) nor build(ClientHttpRequestFactorySettings) (Spring Boot 3.5)");
            }
            Class<?> redirectsType = Class.forName(BOOT_35_SETTINGS + "$Redirects", false,
                    RequestFactorySettings.class.getClassLoader());
            Object dontFollow = redirectsType.getMethod("valueOf", String.class).invoke(null, "DONT_FOLLOW");
            Constructor<?> constructor = settingsType.getConstructor(redirectsType, Duration.class, Duration.class,
                    SslBundle.class);
            return (ClientHttpRequestFactory) boot35.invoke(builder,
                    constructor.newInstance(dontFollow, connectTimeout, readTimeout, sslBundle));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Could not build the Alipay gateway's HTTP client: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not build the Alipay gateway's HTTP client with Spring Boot's"
                    + " ClientHttpRequestFactoryBuilder: " + e, e);
        }
    }

    private static Method findBuild(Class<?> settingsType) {
        try {
            return ClientHttpRequestFactoryBuilder.class.getMethod("build", settingsType);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}

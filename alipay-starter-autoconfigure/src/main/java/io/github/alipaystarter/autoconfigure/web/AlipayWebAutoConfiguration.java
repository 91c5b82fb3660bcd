package io.github.alipaystarter.autoconfigure.web;

import io.github.alipaystarter.autoconfigure.AlipayAutoConfiguration;
import io.github.alipaystarter.autoconfigure.AlipayProperties;
import io.github.alipaystarter.autoconfigure.AlipayWebProperties;
import io.github.alipaystarter.autoconfigure.AlipayPropertiesValidation;
import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.AlipayConfigException;
import io.github.alipaystarter.core.engine.NotificationProcessor;
import jakarta.servlet.http.HttpServlet;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * built-in Alipay endpoints in a servlet web application: {@code POST alipay.web.notify-path} for the
 * asynchronous notifications and {@code GET alipay.web.return-path} for the buyer's return.
 *
 * <p>They are plain servlets with exact mappings, outside Spring MVC, so that no argument resolver,
 * message converter or error page gets between the raw bytes and the answer. Each registration backs
 * off when the application defines a bean of the same name.
 */
@AutoConfiguration(after = AlipayAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(HttpServlet.class)
@ConditionalOnBooleanProperty(name = "alipay.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "alipay.web.enabled", matchIfMissing = true)
@ConditionalOnBean(NotificationProcessor.class)
public final class AlipayWebAutoConfiguration {

    /** Bean name of the notify endpoint's registration. */
    public static final String NOTIFY_ENDPOINT_BEAN_NAME = "alipayNotifyEndpoint";

    /** Bean name of the return endpoint's registration. */
    public static final String RETURN_ENDPOINT_BEAN_NAME = "alipayReturnEndpoint";

    private static final Log logger = LogFactory.getLog(AlipayWebAutoConfiguration.class);

    @Bean(NOTIFY_ENDPOINT_BEAN_NAME)
    @ConditionalOnMissingBean(name = NOTIFY_ENDPOINT_BEAN_NAME)
    ServletRegistrationBean<AlipayNotifyServlet> alipayNotifyEndpoint(NotificationProcessor processor,
            AlipayConfig config, AlipayProperties properties) {
        AlipayWebProperties web = properties.getWeb();
        // Checked with the AlipayConfig bean already, when that is ours (all problems in one failure)
        AlipayPropertiesValidation.throwIfAny(AlipayPropertiesValidation.notifyEndpoint(web));
        String path = web.getNotifyPath();
        warnIfUrlMisses("alipay.notify-url", config.notifyUrl(), path);
        AlipayNotifyServlet servlet = new AlipayNotifyServlet(processor, config.inputCharset(),
                web.getMaxBodySize().toBytes(), web.getBodyReadTimeout(), web.getMaxConcurrentNotifications());
        ServletRegistrationBean<AlipayNotifyServlet> registration = new ServletRegistrationBean<>(servlet, path);
        registration.setName(NOTIFY_ENDPOINT_BEAN_NAME);
        return registration;
    }

    @Bean(RETURN_ENDPOINT_BEAN_NAME)
    @ConditionalOnMissingBean(name = RETURN_ENDPOINT_BEAN_NAME)
    ServletRegistrationBean<AlipayReturnServlet> alipayReturnEndpoint(NotificationProcessor processor,
            AlipayConfig config, AlipayProperties properties) {
        AlipayWebProperties web = properties.getWeb();
        String path = checkPath("web.return-path", web.getReturnPath());
        warnIfUrlMisses("alipay.return-url", config.returnUrl(), path);
        AlipayReturnServlet servlet = new AlipayReturnServlet(processor, config.inputCharset(),
                new ResultLocation(web.getResultUrl()));
        ServletRegistrationBean<AlipayReturnServlet> registration = new ServletRegistrationBean<>(servlet, path);
        registration.setName(RETURN_ENDPOINT_BEAN_NAME);
        return registration;
    }

    private static String checkPath(String property, String path) {
        AlipayConfigException.Problem problem = AlipayPropertiesValidation.path(property, path);
        if (problem != null) {
            throw new AlipayConfigException(List.of(problem));
        }
        return path;
    }

    /** The configured URL sent to Alipay must reach this endpoint (below any context path). */
    private static void warnIfUrlMisses(String property, java.net.URI url, String path) {
        if (url != null && url.getPath() != null && !url.getPath().endsWith(path)) {
            logger.warn(property + " " + url + " does not end with the endpoint path " + path
                    + ": Alipay's calls will not reach the built-in endpoint. Align " + property
                    + " with alipay.web." + (property.endsWith("notify-url") ? "notify-path" : "return-path") + ".");
        }
    }

}

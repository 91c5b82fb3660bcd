package io.github.alipaystarter.autoconfigure;

import io.github.alipaystarter.autoconfigure.jdbc.AlipayJdbcProperties;
import io.github.alipaystarter.autoconfigure.jdbc.JdbcJournalSweeper;
import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.AlipayConfigException;
import io.github.alipaystarter.core.AlipayConfigException.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The checks of the Spring-side {@code alipay.*} properties (those core's {@link AlipayConfig} does not
 * know: the endpoints, the reconciliation, the journal, the JDBC sweeper), written as problems rather than
 * one exception each. The {@code AlipayConfig} bean runs them all and reports them with core's in one
 * {@link AlipayConfigException}, so that three wrong values are fixed in one restart, not three. The beans
 * that use these values run their part again, for a context without that bean.
 */
public final class AlipayPropertiesValidation {

    /** By name, so that nothing of the servlet API is loaded in an application without it. */
    static final String WEB_AUTO_CONFIGURATION = "io.github.alipaystarter.autoconfigure.web.AlipayWebAutoConfiguration";

    static final String GATEWAY_CLIENT_AUTO_CONFIGURATION =
            "io.github.alipaystarter.autoconfigure.gateway.AlipayGatewayClientAutoConfiguration";

    private AlipayPropertiesValidation() {
    }

    /**
     * Builds the configuration, or throws one {@link AlipayConfigException} with core's problems followed
     * by every Spring-side one. A value is checked only when the bean that uses it is ours and defined: the
     * endpoints in a servlet web application, the reconciliation when enabled, the sweeper with the JDBC
     * journal, the verifier's and processor's values unless the application defines its own.
     */
    static AlipayConfig buildConfig(AlipayProperties properties, @Nullable AlipayJdbcProperties jdbc,
            ConfigurableListableBeanFactory beanFactory) {
        List<Problem> problems = new ArrayList<>();
        AlipayConfig config = null;
        try {
            config = properties.toConfig();
        }
        catch (AlipayConfigException ex) {
            problems.addAll(ex.problems());
        }
        String ours = AlipayAutoConfiguration.class.getName();
        if (defines(beanFactory, "alipayNotificationVerifier", ours)) {
            problems.addAll(notifyVerify(properties));
        }
        if (defines(beanFactory, "alipayNotificationProcessor", ours)) {
            problems.addAll(journal(properties.getJournal()));
        }
        if (defines(beanFactory, "alipayNotifyEndpoint", WEB_AUTO_CONFIGURATION)) {
            problems.addAll(notifyEndpoint(properties.getWeb()));
        }
        if (defines(beanFactory, "alipayReturnEndpoint", WEB_AUTO_CONFIGURATION)) {
            add(problems, path("web.return-path", properties.getWeb().getReturnPath()));
        }
        if (defines(beanFactory, "alipayReconciliationRunner", ours)) {
            problems.addAll(reconciliation(properties.getReconciliation()));
        }
        if (jdbc != null && (defines(beanFactory, "alipayPaymentLedger", AlipayAutoConfiguration.JDBC_AUTO_CONFIGURATION)
                || defines(beanFactory, "alipayNotificationJournal", AlipayAutoConfiguration.JDBC_AUTO_CONFIGURATION))) {
            problems.addAll(JdbcJournalSweeper.storageProblems(jdbc));
        }
        if (jdbc != null && defines(beanFactory, "alipayJdbcJournalSweeper", AlipayAutoConfiguration.JDBC_AUTO_CONFIGURATION)) {
            problems.addAll(JdbcJournalSweeper.problems(jdbc));
        }
        if (defines(beanFactory, "alipayGatewayTransport", GATEWAY_CLIENT_AUTO_CONFIGURATION)) {
            try {
                sslBundle(properties.getSslBundle(), beanFactory.getBeanProvider(SslBundles.class));
            }
            catch (AlipayConfigException ex) {
                problems.addAll(ex.problems());
            }
        }
        throwIfAny(problems);
        return config;
    }

    /**
     * The SSL bundle named by {@code alipay.ssl-bundle}, null when none is named; a name the application
     * does not define is an {@link AlipayConfigException} (property {@code ssl-bundle}).
     */
    public static @Nullable SslBundle sslBundle(String name, ObjectProvider<SslBundles> sslBundles) {
        if (name == null || name.isBlank()) {
            return null;
        }
        SslBundles bundles = sslBundles.getIfAvailable();
        if (bundles == null) {
            throw new AlipayConfigException("ssl-bundle", "names the SSL bundle '" + name
                    + "' but the application has no SSL bundles", "define it under spring.ssl.bundle.jks." + name
                    + " or spring.ssl.bundle.pem." + name + ", or remove alipay.ssl-bundle");
        }
        try {
            return bundles.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            throw new AlipayConfigException("ssl-bundle", "names the SSL bundle '" + name + "', which is not defined",
                    "define it under spring.ssl.bundle.jks." + name + " or spring.ssl.bundle.pem." + name);
        }
    }

    /** Whether the bean is defined by the given auto-configuration's method (not by the application's). */
    private static boolean defines(ConfigurableListableBeanFactory beanFactory, String beanName,
            String configurationClassName) {
        if (!beanFactory.containsBeanDefinition(beanName)) {
            return false;
        }
        BeanDefinition definition = beanFactory.getBeanDefinition(beanName);
        return configurationClassName.equals(definition.getFactoryBeanName());
    }

    /** Throws one exception with all the problems, if there are any. */
    public static void throwIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new AlipayConfigException(problems);
        }
    }

    static List<Problem> notifyVerify(AlipayProperties properties) {
        int maxConcurrent = properties.getMaxConcurrentNotifyVerify();
        return (maxConcurrent < 1) ? List.of(new Problem("max-concurrent-notify-verify",
                "must be at least 1, was " + maxConcurrent, "set a number such as 16")) : List.of();
    }

    static List<Problem> journal(AlipayProperties.Journal journal) {
        int rejectedPerMinute = journal.getRejectedPerMinute();
        return (rejectedPerMinute < 0) ? List.of(new Problem("journal.rejected-per-minute",
                "must be 0 or more, was " + rejectedPerMinute, "set a number such as 60")) : List.of();
    }

    /** The notify endpoint's values: its path, body size, body read timeout and concurrency. */
    public static List<Problem> notifyEndpoint(AlipayProperties.Web web) {
        List<Problem> problems = new ArrayList<>();
        add(problems, path("web.notify-path", web.getNotifyPath()));
        if (web.getMaxBodySize() == null || web.getMaxBodySize().toBytes() < 1) {
            problems.add(new Problem("web.max-body-size", "must be positive, was " + web.getMaxBodySize(),
                    "set a size such as 64KB"));
        }
        if (!positive(web.getBodyReadTimeout())) {
            problems.add(new Problem("web.body-read-timeout", "must be positive, was " + web.getBodyReadTimeout(),
                    "set a duration such as 5s"));
        }
        if (web.getMaxConcurrentNotifications() < 1) {
            problems.add(new Problem("web.max-concurrent-notifications", "must be at least 1, was "
                    + web.getMaxConcurrentNotifications(), "set a number such as 500"));
        }
        return problems;
    }

    /** A plain path for an exact servlet mapping, or the problem with it. */
    public static @Nullable Problem path(String property, @Nullable String path) {
        if (path == null || !path.startsWith("/") || path.length() < 2 || path.contains("*") || path.contains("?")
                || path.contains("#") || path.chars().anyMatch(Character::isWhitespace)) {
            return new Problem(property, "must be a path such as /alipay/notify (starting with /, "
                    + "no wildcard, query or space), was \"" + path + "\"", "set a plain path such as /alipay/notify");
        }
        return null;
    }

    static List<Problem> reconciliation(AlipayProperties.Reconciliation reconciliation) {
        List<Problem> problems = new ArrayList<>();
        if (!positive(reconciliation.getInterval())) {
            problems.add(new Problem("reconciliation.interval", "must be positive, was " + reconciliation.getInterval(),
                    "set a duration such as 5m"));
        }
        if (reconciliation.getBatchSize() < 1) {
            problems.add(new Problem("reconciliation.batch-size", "must be at least 1, was "
                    + reconciliation.getBatchSize(), "set a number such as 50"));
        }
        return problems;
    }

    private static boolean positive(@Nullable Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static void add(List<Problem> problems, @Nullable Problem problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

}

package io.github.alipaystarter.autoconfigure;

import io.github.alipaystarter.autoconfigure.jdbc.AlipayJdbcProperties;
import io.github.alipaystarter.autoconfigure.jdbc.TablePrefix;
import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.AlipayConfigException;
import io.github.alipaystarter.core.AlipayConfigException.Problem;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The one home of the checks of the {@code alipay.*} properties that core's {@link AlipayConfig} does not
 * know (the endpoints, the reconciliation, the journal, the JDBC ledger and sweeper, the health check, the
 * SSL bundle), written as problems rather than one exception each, and of the warnings about values that
 * start but are risky. The {@code AlipayConfig} bean runs them all and reports them with core's in one
 * {@link AlipayConfigException}, so that three wrong values are fixed in one restart, not three; the
 * {@code AlipayConfigFailureAnalyzer} turns it into the start-up failure message. The beans that use these
 * values run their part again, for a context without that bean: whichever bean meets a wrong value first,
 * start-up fails with an {@code AlipayConfigException} naming the property and the fix.
 */
public final class AlipayPropertiesValidation {

    /** By name, so that nothing of the servlet API is loaded in an application without it. */
    static final String WEB_AUTO_CONFIGURATION = "io.github.alipaystarter.autoconfigure.web.AlipayWebAutoConfiguration";

    static final String GATEWAY_CLIENT_AUTO_CONFIGURATION =
            "io.github.alipaystarter.autoconfigure.gateway.AlipayGatewayClientAutoConfiguration";

    static final String HEALTH_AUTO_CONFIGURATION =
            "io.github.alipaystarter.autoconfigure.health.AlipayHealthAutoConfiguration";

    static final String ENDPOINT_AUTO_CONFIGURATION =
            "io.github.alipaystarter.autoconfigure.endpoint.AlipayEndpointAutoConfiguration";

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
            problems.addAll(processor(properties));
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
        else if (defines(beanFactory, "alipayEndpoint", ENDPOINT_AUTO_CONFIGURATION)) {
            problems.addAll(reconciliationAge(properties.getReconciliation()));
        }
        if (jdbc != null && (defines(beanFactory, "alipayPaymentLedger", AlipayAutoConfiguration.JDBC_AUTO_CONFIGURATION)
                || defines(beanFactory, "alipayNotificationJournal", AlipayAutoConfiguration.JDBC_AUTO_CONFIGURATION)
                || defines(beanFactory, "alipayJdbcSchemaInitializer", AlipayAutoConfiguration.JDBC_AUTO_CONFIGURATION))) {
            problems.addAll(jdbcStorage(jdbc));
        }
        if (jdbc != null && defines(beanFactory, "alipayJdbcJournalSweeper", AlipayAutoConfiguration.JDBC_AUTO_CONFIGURATION)) {
            problems.addAll(journalSweeper(jdbc));
        }
        if (defines(beanFactory, "alipayDeliveryTrouble", HEALTH_AUTO_CONFIGURATION)
                || defines(beanFactory, "alipayHealth", HEALTH_AUTO_CONFIGURATION)) {
            problems.addAll(health(properties.getHealth()));
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
        List<Problem> problems = new ArrayList<>();
        atLeast(problems, "max-concurrent-notify-verify", properties.getMaxConcurrentNotifyVerify(), 1, "16");
        notNegative(problems, "notify-verify-max-wait", properties.getNotifyVerifyMaxWait(), "200ms");
        return problems;
    }

    /** The processor's values: the rejected deliveries' budget and the number of settled trades remembered. */
    static List<Problem> processor(AlipayProperties properties) {
        List<Problem> problems = new ArrayList<>();
        atLeast(problems, "duplicate-cache-size", properties.getDuplicateCacheSize(), 0, "10000");
        atLeast(problems, "journal.rejected-per-minute", properties.getJournal().getRejectedPerMinute(), 0, "60");
        return problems;
    }

    /** The notify endpoint's values: its path, body size, body read timeout and concurrency. */
    public static List<Problem> notifyEndpoint(AlipayWebProperties web) {
        List<Problem> problems = new ArrayList<>();
        add(problems, path("web.notify-path", web.getNotifyPath()));
        if (web.getMaxBodySize() == null || web.getMaxBodySize().toBytes() < 1) {
            problems.add(new Problem("web.max-body-size", "must be positive, was " + web.getMaxBodySize(),
                    "set a size such as 64KB"));
        }
        positive(problems, "web.body-read-timeout", web.getBodyReadTimeout(), "5s");
        atLeast(problems, "web.max-concurrent-notifications", web.getMaxConcurrentNotifications(), 1, "500");
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

    /** The reconciliation runner's values: its interval, batch size and age of the trades it asks about. */
    public static List<Problem> reconciliation(AlipayReconciliationProperties reconciliation) {
        List<Problem> problems = new ArrayList<>(reconciliationAge(reconciliation));
        positive(problems, "reconciliation.interval", reconciliation.getInterval(), "5m");
        atLeast(problems, "reconciliation.batch-size", reconciliation.getBatchSize(), 1, "50");
        return problems;
    }

    /** The age after which an unpaid trade is asked about (also shown by the actuator endpoint). */
    public static List<Problem> reconciliationAge(AlipayReconciliationProperties reconciliation) {
        Duration olderThan = reconciliation.getOlderThan();
        return (olderThan == null || olderThan.isNegative()) ? List.of(new Problem("reconciliation.older-than",
                "must be a duration of 0 or more, was " + olderThan, "set a duration such as 15m")) : List.of();
    }

    /** The health check's values: the window of delivery trouble and the gateway check's timeout. */
    public static List<Problem> health(AlipayHealthProperties health) {
        List<Problem> problems = new ArrayList<>();
        positive(problems, "health.trouble-window", health.getTroubleWindow(), "15m");
        positive(problems, "health.gateway-timeout", health.getGatewayTimeout(), "2s");
        return problems;
    }

    /**
     * The JDBC ledger's and journal's own values (table prefix, timeouts, write-behind capacity); reported before any of the
     * JDBC beans (the schema initializer included) is created.
     */
    public static List<Problem> jdbcStorage(AlipayJdbcProperties properties) {
        List<Problem> problems = new ArrayList<>();
        try {
            TablePrefix.validate(properties.getTablePrefix());
        }
        catch (AlipayConfigException ex) {
            problems.addAll(ex.problems());
        }
        notNegative(problems, "jdbc.query-timeout", properties.getQueryTimeout(), "5s");
        notNegative(problems, "jdbc.transaction-timeout", properties.getTransactionTimeout(), "15s");
        if (properties.isJournalWriteBehind()) {
            atLeast(problems, "jdbc.journal-write-behind-capacity", properties.getJournalWriteBehindCapacity(), 1,
                    "2000");
        }
        return problems;
    }

    /** The JDBC journal sweeper's values: retentions, interval, batch size, interruption age. */
    public static List<Problem> journalSweeper(AlipayJdbcProperties properties) {
        List<Problem> problems = new ArrayList<>();
        positive(problems, "jdbc.journal-retention", properties.getJournalRetention(), "90d");
        positive(problems, "jdbc.journal-rejected-retention", properties.getJournalRejectedRetention(), "7d");
        positive(problems, "jdbc.journal-sweep-interval", properties.getJournalSweepInterval(), "10m");
        positive(problems, "jdbc.journal-interrupted-after", properties.getJournalInterruptedAfter(), "10m");
        atLeast(problems, "jdbc.journal-sweep-batch-size", properties.getJournalSweepBatchSize(), 1, "1000");
        return problems;
    }

    private static void atLeast(List<Problem> problems, String property, int value, int min, String example) {
        if (value < min) {
            problems.add(new Problem(property, ((min == 0) ? "must be 0 or more" : "must be at least " + min) + ", was "
                    + value, "set a number such as " + example));
        }
    }

    private static void notNegative(List<Problem> problems, String property, @Nullable Duration value, String example) {
        if (value != null && value.isNegative()) {
            problems.add(new Problem(property, "must not be negative, was " + value,
                    "set a duration such as " + example + " (0 for none)"));
        }
    }

    private static void positive(List<Problem> problems, String property, @Nullable Duration value, String example) {
        if (!positive(value)) {
            problems.add(new Problem(property, "must be a positive duration, was " + value,
                    "set a duration such as " + example));
        }
    }

    private static boolean positive(@Nullable Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static void add(List<Problem> problems, @Nullable Problem problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    /**
     * Configurations that start but are risky: the application keeps running, with these warnings. A
     * gateway on this machine (the sandbox) is taken as a test set-up, where local URLs are right; a
     * gateway elsewhere cannot reach a local notify-url. Messages name properties and URLs, never a secret.
     */
    static List<String> warnings(AlipayConfig config) {
        List<String> warnings = new ArrayList<>();
        URI gateway = config.gatewayUrl();
        boolean localGateway = isLocal(gateway);
        // An http gateway that is not on this machine does not start (spec 4.2): no warning needed for it.
        URI notifyUrl = config.notifyUrl();
        if (notifyUrl == null) {
            warnings.add("alipay.notify-url is not set: Alipay sends no asynchronous notification, and a payment "
                    + "whose buyer closes the page before the return is only found by reconciliation. Set "
                    + "alipay.notify-url to the public URL of alipay.web.notify-path.");
        }
        else if (!localGateway && isLocal(notifyUrl)) {
            warnings.add("alipay.notify-url " + notifyUrl + " points at a local address that Alipay ("
                    + gateway.getHost() + ") cannot reach: notifications will never arrive. Use the public URL "
                    + "of this application, or the sandbox as alipay.gateway-url for local tests.");
        }
        URI returnUrl = config.returnUrl();
        if (returnUrl != null && !localGateway && isLocal(returnUrl)) {
            warnings.add("alipay.return-url " + returnUrl + " points at a local address: only a buyer on this "
                    + "machine comes back to it. Use the public URL of this application.");
        }
        return warnings;
    }

    /** Loopback, site-local or link-local (by literal address or the name localhost); no DNS lookup. */
    static boolean isLocal(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!isIpLiteral(host)) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(host); // a literal: parsed, not looked up
            return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || address.isAnyLocalAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || (host.contains(":") && host.matches("[0-9a-f:.%]+"));
    }

}

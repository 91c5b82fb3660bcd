package io.github.alipaystarter.autoconfigure.jdbc;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.util.ClassUtils;

/**
 * Spring Boot's DataSource and DataSourceTransactionManager auto-configurations, for the tests, taken by
 * name from whichever Boot line is on the classpath: Boot 4.0 moved them from
 * {@code org.springframework.boot.autoconfigure.jdbc} (3.5) to {@code org.springframework.boot.jdbc.autoconfigure}.
 */
public final class BootJdbcAutoConfigurations {

    public static final String BOOT_4_0_PACKAGE = "org.springframework.boot.jdbc.autoconfigure.";

    public static final String BOOT_3_5_PACKAGE = "org.springframework.boot.autoconfigure.jdbc.";

    public static final String DATA_SOURCE = "DataSourceAutoConfiguration";

    public static final String TRANSACTION_MANAGER = "DataSourceTransactionManagerAutoConfiguration";

    private BootJdbcAutoConfigurations() {
    }

    /** The two names of one line's package, DataSource first. */
    public static List<String> names(String bootPackage) {
        return List.of(bootPackage + DATA_SOURCE, bootPackage + TRANSACTION_MANAGER);
    }

    /**
     * The package of the Boot line on the classpath: the one whose DataSourceAutoConfiguration is present.
     * Fails if both or neither are.
     */
    public static String presentPackage() {
        boolean boot40 = isPresent(BOOT_4_0_PACKAGE + DATA_SOURCE);
        boolean boot35 = isPresent(BOOT_3_5_PACKAGE + DATA_SOURCE);
        if (boot40 == boot35) {
            throw new IllegalStateException("expected exactly one of " + BOOT_4_0_PACKAGE + DATA_SOURCE + " (present: "
                    + boot40 + ") and " + BOOT_3_5_PACKAGE + DATA_SOURCE + " (present: " + boot35 + ")");
        }
        return boot40 ? BOOT_4_0_PACKAGE : BOOT_3_5_PACKAGE;
    }

    public static Class<?> dataSource() {
        return load(presentPackage() + DATA_SOURCE);
    }

    public static Class<?> transactionManager() {
        return load(presentPackage() + TRANSACTION_MANAGER);
    }

    /** The DataSource and transaction-manager auto-configurations of the present line, and {@code others}. */
    public static AutoConfigurations withDataSource(Class<?>... others) {
        Class<?>[] all = new Class<?>[others.length + 2];
        all[0] = dataSource();
        all[1] = transactionManager();
        System.arraycopy(others, 0, all, 2, others.length);
        return AutoConfigurations.of(all);
    }

    static boolean isPresent(String name) {
        return ClassUtils.isPresent(name, BootJdbcAutoConfigurations.class.getClassLoader());
    }

    private static Class<?> load(String name) {
        try {
            return ClassUtils.forName(name, BootJdbcAutoConfigurations.class.getClassLoader());
        }
        catch (ClassNotFoundException ex) {
            throw new IllegalStateException(name + " is not on the classpath", ex);
        }
    }

}

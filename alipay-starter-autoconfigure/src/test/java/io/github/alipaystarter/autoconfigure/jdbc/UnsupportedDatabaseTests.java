package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.alipaystarter.core.AlipayConfigException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * On a database the starter has no schema script for, asking it to create its tables fails start-up as a
 * configuration problem of {@code alipay.jdbc.initialize-schema}, explained by the starter's
 * FailureAnalyzer with the fix, not as a bare IllegalStateException.
 */
class UnsupportedDatabaseTests {

    @Test
    void anUnsupportedDatabaseIsAConfigurationProblemOfInitializeSchemaWithItsFix() throws Exception {
        DataSource derby = dataSourceOf("Apache Derby");

        AlipayConfigException e = assertThatExceptionOfType(AlipayConfigException.class)
            .isThrownBy(() -> AlipayJdbcSchemaInitializer.platform(derby))
            .actual();

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.property()).isEqualTo("jdbc.initialize-schema");
            assertThat(p.problem()).contains("Apache Derby");
            assertThat(p.fix()).contains("alipay.jdbc.initialize-schema=never");
        });
        // the starter's analyzer, as spring.factories registers it (package-private)
        var constructor = Class.forName("io.github.alipaystarter.autoconfigure.AlipayConfigFailureAnalyzer")
            .getDeclaredConstructor();
        constructor.setAccessible(true);
        FailureAnalysis analysis = ((FailureAnalyzer) constructor.newInstance()).analyze(new RuntimeException(e));
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("alipay.jdbc.initialize-schema").contains("Apache Derby");
        assertThat(analysis.getAction()).contains("alipay.jdbc.initialize-schema=never");
    }

    @Test
    void theSupportedDatabasesHaveTheirScripts() {
        assertThat(AlipayJdbcSchemaInitializer.platform(dataSourceOf("H2"))).isEqualTo("h2");
        assertThat(AlipayJdbcSchemaInitializer.platform(dataSourceOf("PostgreSQL"))).isEqualTo("postgresql");
        assertThat(AlipayJdbcSchemaInitializer.platform(dataSourceOf("MariaDB"))).isEqualTo("mysql");
    }

    private static DataSource dataSourceOf(String productName) {
        DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(UnsupportedDatabaseTests.class.getClassLoader(),
                new Class<?>[] { DatabaseMetaData.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseProductName" -> productName;
                    default -> null;
                });
        Connection connection = (Connection) Proxy.newProxyInstance(UnsupportedDatabaseTests.class.getClassLoader(),
                new Class<?>[] { Connection.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getMetaData" -> metaData;
                    case "isClosed" -> false;
                    default -> null;
                });
        return (DataSource) Proxy.newProxyInstance(UnsupportedDatabaseTests.class.getClassLoader(),
                new Class<?>[] { DataSource.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> connection;
                    default -> null;
                });
    }
}

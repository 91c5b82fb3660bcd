package io.github.alipaystarter.sample.order;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Creates the {@code orders} table if it is missing, with the script for the database in use
 * ({@code db/orders-h2.sql}, {@code -postgresql}, {@code -mysql}), so that
 * {@code --spring.datasource.url=jdbc:postgresql://...} or {@code jdbc:mariadb://...} needs nothing else.
 * (spring.sql.init runs one script for every database; timestamps differ too much between them.)
 */
@Component
public class OrderSchema implements InitializingBean {

    private final DataSource dataSource;

    public OrderSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        String script = "db/orders-" + platform() + ".sql";
        new ResourceDatabasePopulator(new ClassPathResource(script)).execute(dataSource);
    }

    private String platform() throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("mysql") || product.contains("mariadb")) {
                return "mysql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException("The sample shop has no orders table script for " + product
                    + "; use H2, PostgreSQL, MySQL or MariaDB, or create the table yourself from db/orders-h2.sql");
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}

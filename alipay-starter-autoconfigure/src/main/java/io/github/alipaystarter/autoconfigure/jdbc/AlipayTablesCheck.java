package io.github.alipaystarter.autoconfigure.jdbc;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * At start-up, after every database initializer (this starter's, Flyway, Liquibase): the ledger and journal
 * tables must be there, or start-up fails with {@link AlipayTablesMissingException} instead of the first
 * payment failing. A database that cannot be reached at all is only logged: that is not a schema problem.
 */
final class AlipayTablesCheck {

    private static final Log logger = LogFactory.getLog(AlipayTablesCheck.class);

    private AlipayTablesCheck() {
    }

    static void requireTables(DataSource dataSource, AlipayJdbcSchemaInitializer initializer, String... tables) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> missing = new ArrayList<>();
        BadSqlGrammarException first = null;
        for (String table : tables) {
            try {
                jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE 1 = 0", Long.class);
            } catch (BadSqlGrammarException e) {
                missing.add(table);
                first = first == null ? e : first;
            } catch (DataAccessException e) {
                logger.warn("Could not check that the alipay table " + table + " exists: " + e.getMessage());
                return;
            }
        }
        if (!missing.isEmpty()) {
            String platform;
            try {
                platform = AlipayJdbcSchemaInitializer.platform(dataSource);
            } catch (IllegalStateException | io.github.alipaystarter.core.AlipayConfigException e) {
                platform = null;
            }
            throw new AlipayTablesMissingException(missing, initializer.getMode(), platform, first);
        }
    }
}

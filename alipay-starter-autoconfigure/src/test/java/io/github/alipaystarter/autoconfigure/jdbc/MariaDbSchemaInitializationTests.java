package io.github.alipaystarter.autoconfigure.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;

/** Schema initialization on the real MariaDB (schema-mysql.sql). Fails when it is down. */
@Tag("mariadb")
class MariaDbSchemaInitializationTests extends ServerSchemaInitializationContract {

    @Override
    String url() {
        return TestDatabases.MARIADB_URL;
    }

    @Override
    String platform() {
        return "mysql";
    }

    @Override
    String user() {
        return TestDatabases.MARIADB_USER;
    }

    @Override
    HikariDataSource newDataSource() {
        return TestDatabases.mariadb();
    }
}

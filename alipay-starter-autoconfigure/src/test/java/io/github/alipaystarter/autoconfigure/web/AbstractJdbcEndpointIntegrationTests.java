package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The endpoint tests (utf-8) with the JDBC ledger and journal on a real database: the same answers,
 * and the concurrent deliveries give one onPaid through the database's conditional update. Each class
 * uses tables of its own (a random prefix), dropped afterwards.
 */
abstract class AbstractJdbcEndpointIntegrationTests extends AbstractEndpointIntegrationTests {

    static String randomPrefix() {
        return "ep" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000) + "_";
    }

    static void dropTables(String url, String user, String prefix) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + prefix + "trade");
            statement.execute("DROP TABLE IF EXISTS " + prefix + "journal");
            statement.execute("DROP TABLE IF EXISTS " + prefix + "journal_rejected");
        }
    }

    @Override
    Charset charset() {
        return StandardCharsets.UTF_8;
    }

    @Test
    void usesTheJdbcLedger() {
        assertThat(this.ledger).isNotInstanceOf(InMemoryPaymentLedger.class);
        assertThat(this.ledger.getClass().getName()).contains(".jdbc.");
    }

}

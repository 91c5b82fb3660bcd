package io.github.alipaystarter.autoconfigure.web;

import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Against this machine's server (jdbc:postgresql://127.0.0.1:5432/test). */
@SpringBootTest(classes = JdbcEndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class PostgreSqlJdbcEndpointIntegrationTests extends AbstractJdbcEndpointIntegrationTests {

    static final String URL = System.getenv().getOrDefault("ALIPAY_TEST_POSTGRESQL_URL", "jdbc:postgresql://127.0.0.1:5432/test");

    static final String USER = "postgres";

    static final String PREFIX = randomPrefix();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("alipay.jdbc.initialize-schema", () -> "always");
        registry.add("alipay.jdbc.table-prefix", () -> PREFIX);
    }

    @AfterAll
    static void dropTables() throws Exception {
        dropTables(URL, USER, PREFIX);
    }

}

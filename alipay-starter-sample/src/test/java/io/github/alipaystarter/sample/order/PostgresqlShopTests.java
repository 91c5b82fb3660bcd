package io.github.alipaystarter.sample.order;

import io.github.alipaystarter.sample.SampleShopApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(classes = SampleShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=${ALIPAY_TEST_POSTGRESQL_URL:jdbc:postgresql://127.0.0.1:5432/test}",
        "spring.datasource.username=postgres",
        "alipay.jdbc.table-prefix=sample_alipay_",
        "sample.sandbox.time-scale=0.001"})
class PostgresqlShopTests extends PaidOnceOnRealDatabases {
}

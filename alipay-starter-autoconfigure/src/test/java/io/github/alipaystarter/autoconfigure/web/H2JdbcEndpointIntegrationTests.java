package io.github.alipaystarter.autoconfigure.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(classes = JdbcEndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:alipay-endpoints;DB_CLOSE_DELAY=-1")
class H2JdbcEndpointIntegrationTests extends AbstractJdbcEndpointIntegrationTests {

}

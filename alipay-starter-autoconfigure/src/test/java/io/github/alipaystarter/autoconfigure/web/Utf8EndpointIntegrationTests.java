package io.github.alipaystarter.autoconfigure.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "alipay.input-charset=utf-8")
class Utf8EndpointIntegrationTests extends AbstractEndpointIntegrationTests {

    @Override
    Charset charset() {
        return StandardCharsets.UTF_8;
    }

}

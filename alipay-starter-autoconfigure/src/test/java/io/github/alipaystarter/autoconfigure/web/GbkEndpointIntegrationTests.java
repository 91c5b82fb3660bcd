package io.github.alipaystarter.autoconfigure.web;

import java.nio.charset.Charset;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The same tests with gbk: the container's default (ISO-8859-1 or UTF-8) would garble every Chinese byte. */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "alipay.input-charset=gbk")
class GbkEndpointIntegrationTests extends AbstractEndpointIntegrationTests {

    @Override
    Charset charset() {
        return Charset.forName("GBK");
    }

}

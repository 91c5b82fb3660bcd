package io.github.alipaystarter.benchmarks.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two things for {@code bench/notify-load.sh}, in one small Spring Boot application (Tomcat, Spring
 * MVC, nothing of the starter):
 * <ul>
 *   <li>{@code POST /bare}: the bare endpoint the notify endpoint is compared with. It reads the form
 *       body as bytes and answers {@code success} as text/plain, as a notify endpoint must, and does
 *       nothing else: the ceiling of a Spring MVC endpoint on the machine;</li>
 *   <li>{@code GET /gateway.do?service=notify_verify&...}: a gateway stub that answers {@code true} to
 *       every notify_verify (and {@code false} to anything else), so that first deliveries can be
 *       measured without the sandbox's bookkeeping; it costs a few microseconds of CPU per call and is
 *       never the bottleneck.</li>
 * </ul>
 * Run: {@code java -jar alipay-starter-benchmarks/target/alipay-starter-benchmarks-0.1.0-SNAPSHOT-bare-app.jar --server.port=...}.
 * Not part of the starter or the sample.
 */
@SpringBootApplication
public class BareEndpointApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareEndpointApplication.class, args);
    }

    @RestController
    static class Endpoints {

        @PostMapping(path = "/bare", produces = MediaType.TEXT_PLAIN_VALUE)
        String bare(@org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body) {
            return "success";
        }

        @GetMapping(path = "/gateway.do", produces = MediaType.TEXT_PLAIN_VALUE)
        String gateway(@RequestParam(name = "service", required = false) String service) {
            return "notify_verify".equals(service) ? "true" : "false";
        }
    }
}

package io.github.alipaystarter.integration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Spring Security configured exactly as the README's "The built-in endpoints" section says. */
@Configuration(proxyBeanMethods = false)
public class ReadmeSecurity {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests((a) -> a.requestMatchers("/alipay/notify", "/alipay/return").permitAll()
                .anyRequest().authenticated())
            .csrf((c) -> c.ignoringRequestMatchers("/alipay/notify"));
        return http.build();
    }

}

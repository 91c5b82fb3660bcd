package io.github.alipaystarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The configuration processor's {@code META-INF/spring-configuration-metadata.json} (IDE help) has an
 * entry with a description for every property of {@link AlipayProperties}, found by reflection so that
 * a new field without Javadoc fails here. The JSON is read with JsonPath, which Boot 4.0 and 3.5 both bring.
 */
class AlipayPropertiesMetadataTests {

    @Test
    void describesEveryProperty() throws Exception {
        Map<String, Map<String, Object>> metadata = metadata();
        List<String> properties = propertyNames("alipay", AlipayProperties.class);

        assertThat(properties).hasSizeGreaterThanOrEqualTo(25).contains("alipay.web.max-body-size",
                "alipay.ledger.accept-unknown-trades", "alipay.reconciliation.older-than");
        assertThat(properties).allSatisfy((name) -> {
            assertThat(metadata).as(name).containsKey(name);
            assertThat((String) metadata.get(name).get("description")).as("description of " + name).isNotBlank();
        });
    }

    @Test
    void listsTheDefaultsUsersSeeInTheIde() throws Exception {
        Map<String, Map<String, Object>> metadata = metadata();

        assertThat(metadata.get("alipay.gateway-url").get("defaultValue"))
            .isEqualTo("https://mapi.alipay.com/gateway.do");
        assertThat(metadata.get("alipay.input-charset").get("defaultValue")).isEqualTo("utf-8");
        assertThat(metadata.get("alipay.web.notify-path").get("defaultValue")).isEqualTo("/alipay/notify");
        assertThat(metadata.get("alipay.web.return-path").get("defaultValue")).isEqualTo("/alipay/return");
        assertThat(metadata.get("alipay.connect-timeout").get("defaultValue")).isEqualTo("5s");
        assertThat(metadata.get("alipay.enabled").get("defaultValue")).isEqualTo(Boolean.TRUE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void hintsTheThreeLegalCharsets() throws Exception {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            List<Map<String, Object>> hints = JsonPath.parse(in).read("$.hints");
            List<Object> values = new ArrayList<>();
            hints.forEach((hint) -> {
                if ("alipay.input-charset".equals(hint.get("name"))) {
                    ((List<Map<String, Object>>) hint.get("values")).forEach((v) -> values.add(v.get("value")));
                }
            });
            assertThat(values).containsExactly("utf-8", "gbk", "gb2312");
        }
    }

    private static Map<String, Map<String, Object>> metadata() throws Exception {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            List<Map<String, Object>> properties = JsonPath.parse(in).read("$.properties");
            Map<String, Map<String, Object>> byName = new HashMap<>();
            properties.forEach((p) -> byName.put((String) p.get("name"), p));
            return byName;
        }
    }

    /** Every bindable field, nested groups (final fields of a nested class) followed. */
    private static List<String> propertyNames(String prefix, Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            String name = prefix + "." + kebab(field.getName());
            if (field.isAnnotationPresent(org.springframework.boot.context.properties.NestedConfigurationProperty.class)) {
                names.addAll(propertyNames(name, field.getType()));
            }
            else {
                names.add(name);
            }
        }
        return names;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

}

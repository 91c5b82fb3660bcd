package io.github.alipaystarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration processor's {@code META-INF/spring-configuration-metadata.json} (IDE help) has an
 * entry with a description for every property of {@link AlipayProperties}, found by reflection so that
 * a new field without Javadoc fails here.
 */
class AlipayPropertiesMetadataTests {

    @Test
    void describesEveryProperty() throws Exception {
        Map<String, JsonNode> metadata = metadata();
        List<String> properties = propertyNames("alipay", AlipayProperties.class);

        assertThat(properties).hasSizeGreaterThanOrEqualTo(25).contains("alipay.web.max-body-size",
                "alipay.ledger.accept-unknown-trades", "alipay.reconciliation.older-than");
        assertThat(properties).allSatisfy((name) -> {
            assertThat(metadata).as(name).containsKey(name);
            assertThat(metadata.get(name).path("description").asString()).as("description of " + name).isNotBlank();
        });
    }

    @Test
    void listsTheDefaultsUsersSeeInTheIde() throws Exception {
        Map<String, JsonNode> metadata = metadata();

        assertThat(metadata.get("alipay.gateway-url").path("defaultValue").asString())
            .isEqualTo("https://mapi.alipay.com/gateway.do");
        assertThat(metadata.get("alipay.input-charset").path("defaultValue").asString()).isEqualTo("utf-8");
        assertThat(metadata.get("alipay.web.notify-path").path("defaultValue").asString()).isEqualTo("/alipay/notify");
        assertThat(metadata.get("alipay.web.return-path").path("defaultValue").asString()).isEqualTo("/alipay/return");
        assertThat(metadata.get("alipay.connect-timeout").path("defaultValue").asString()).isEqualTo("5s");
        assertThat(metadata.get("alipay.enabled").path("defaultValue").asBoolean()).isTrue();
    }

    @Test
    void hintsTheThreeLegalCharsets() throws Exception {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            List<String> values = new ArrayList<>();
            root.path("hints").forEach((hint) -> {
                if (hint.path("name").asString().equals("alipay.input-charset")) {
                    hint.path("values").forEach((v) -> values.add(v.path("value").asString()));
                }
            });
            assertThat(values).containsExactly("utf-8", "gbk", "gb2312");
        }
    }

    private static Map<String, JsonNode> metadata() throws Exception {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            Map<String, JsonNode> byName = new HashMap<>();
            root.path("properties").forEach((p) -> byName.put(p.path("name").asString(), p));
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
            if (field.getType().getEnclosingClass() == AlipayProperties.class) {
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

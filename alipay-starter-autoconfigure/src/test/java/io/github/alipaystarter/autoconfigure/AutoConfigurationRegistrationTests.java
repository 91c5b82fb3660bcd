package io.github.alipaystarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.web.AlipayWebAutoConfiguration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.util.ClassUtils;

/**
 * The auto-configurations are listed in {@code AutoConfiguration.imports}, and every class named by a
 * string in their ordering ({@code afterName}, {@code beforeName}) exists: a typo or a class that moved
 * between Boot lines would otherwise silently drop the ordering.
 */
class AutoConfigurationRegistrationTests {

    /** Names that are deliberately listed for the other Boot line and absent on this one. */
    private static final Set<String> ABSENT_ON_THIS_BOOT_LINE = Set.of();

    private static final List<Class<?>> OURS = List.of(AlipayAutoConfiguration.class, AlipayWebAutoConfiguration.class);

    @Test
    void listsEachAutoConfigurationInTheImportsFile() {
        List<String> candidates = new ArrayList<>();
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(candidates::add);
        assertThat(candidates).contains(AlipayAutoConfiguration.class.getName(), AlipayWebAutoConfiguration.class.getName(),
                AlipayAutoConfiguration.JDBC_AUTO_CONFIGURATION,
                "io.github.alipaystarter.autoconfigure.metrics.AlipayMetricsAutoConfiguration",
                "io.github.alipaystarter.autoconfigure.health.AlipayHealthAutoConfiguration",
                "io.github.alipaystarter.autoconfigure.endpoint.AlipayEndpointAutoConfiguration");
    }

    @Test
    void everyOrderingNameIsARealClassOrKnownToBeAbsent() {
        List<String> names = new ArrayList<>();
        for (Class<?> type : OURS) {
            AutoConfiguration annotation = type.getAnnotation(AutoConfiguration.class);
            assertThat(annotation).as(type.getName()).isNotNull();
            names.addAll(Arrays.asList(annotation.afterName()));
            names.addAll(Arrays.asList(annotation.beforeName()));
        }
        assertThat(names).contains(AlipayAutoConfiguration.JDBC_AUTO_CONFIGURATION);
        assertThat(names).allSatisfy((name) -> assertThat(
                ClassUtils.isPresent(name, getClass().getClassLoader()) || ABSENT_ON_THIS_BOOT_LINE.contains(name))
            .as(name + " names a class on the classpath").isTrue());
    }

    @Test
    void everyAutoConfigurationIsFinalWithoutComponentScan() {
        for (Class<?> type : OURS) {
            assertThat(java.lang.reflect.Modifier.isFinal(type.getModifiers())).as(type.getName()).isTrue();
            assertThat(type.isAnnotationPresent(org.springframework.context.annotation.ComponentScan.class)).isFalse();
        }
    }

}

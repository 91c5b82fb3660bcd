package io.github.alipaystarter.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Finds {@link AutoConfigureAlipaySandbox} on a test class (or an enclosing or super class); registered in spring.factories. */
class AlipaySandboxContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureAlipaySandbox annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                AutoConfigureAlipaySandbox.class);
        return annotation != null ? new AlipaySandboxContextCustomizer(annotation.partner(), annotation.key(), annotation.timeScale(),
                annotation.notifyClosedTrades())
                : null;
    }
}

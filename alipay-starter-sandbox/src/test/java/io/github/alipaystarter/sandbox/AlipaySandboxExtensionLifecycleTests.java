package io.github.alipaystarter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** Runs probe test classes and checks the extension starts one sandbox per class and closes it after. */
class AlipaySandboxExtensionLifecycleTests {

    static final List<AlipaySandbox> SEEN = new CopyOnWriteArrayList<>();

    @ExtendWith(AlipaySandboxExtension.class)
    static class InjectedProbe {
        @Test
        void one(AlipaySandbox sandbox) {
            SEEN.add(sandbox);
        }

        @Test
        void two(AlipaySandbox sandbox) {
            SEEN.add(sandbox);
        }
    }

    static class RegisteredProbe {
        @RegisterExtension
        static AlipaySandboxExtension alipay = AlipaySandboxExtension.withMerchant(SandboxMerchant.DEMO.sellerEmail("x@example.com"))
                .timeScale(0.5);

        @Test
        void one() {
            assertThat(alipay.sandbox().timeScale()).isEqualTo(0.5);
            assertThat(alipay.sandbox().merchant().sellerEmail()).isEqualTo("x@example.com");
            SEEN.add(alipay.sandbox());
        }
    }

    private static long run(Class<?> probe) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(probe)).build(), listener);
        assertThat(listener.getSummary().getFailures()).isEmpty();
        return listener.getSummary().getTestsSucceededCount();
    }

    @Test
    void startsOneSandboxPerTestClassAndClosesItAfterTheClass() {
        SEEN.clear();
        assertThat(run(InjectedProbe.class)).isEqualTo(2);
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
        assertThatThrownBy(() -> SandboxTestSupport.get(SEEN.get(0).baseUrl())).isInstanceOf(IOException.class);
    }

    @Test
    void configuresTheSandboxOfAStaticRegisteredExtension() {
        SEEN.clear();
        assertThat(run(RegisteredProbe.class)).isEqualTo(1);
        assertThat(SEEN).hasSize(1);
        assertThatThrownBy(() -> SandboxTestSupport.get(SEEN.get(0).baseUrl())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> RegisteredProbe.alipay.sandbox()).isInstanceOf(IllegalStateException.class);
    }
}

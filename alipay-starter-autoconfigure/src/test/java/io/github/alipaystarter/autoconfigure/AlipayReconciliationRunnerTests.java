package io.github.alipaystarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.github.alipaystarter.core.engine.Reconciler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlipayReconciliationRunnerTests {

    private final Reconciler reconciler = mock(Reconciler.class);

    private AlipayReconciliationProperties properties(Duration interval) {
        AlipayReconciliationProperties properties = new AlipayReconciliationProperties();
        properties.setInterval(interval);
        properties.setOlderThan(Duration.ofMinutes(30));
        properties.setBatchSize(7);
        return properties;
    }

    @Test
    void asksAboutTheConfiguredAgeAndBatchClaimingEachTradeForOneInterval() {
        new AlipayReconciliationRunner(this.reconciler, properties(Duration.ofHours(1))).runOnce();

        verify(this.reconciler).reconcileUnpaid(Duration.ofMinutes(30), 7, Duration.ofHours(1));
    }

    @Test
    void aFailingRunDoesNotStopTheSchedule() {
        given(this.reconciler.reconcileUnpaid(Duration.ofMinutes(30), 7, Duration.ofMillis(20))).willThrow(new IllegalStateException("db down"));
        AlipayReconciliationRunner runner = new AlipayReconciliationRunner(this.reconciler,
                properties(Duration.ofMillis(20)));

        assertThatNoException().isThrownBy(runner::runOnce);
        runner.start();
        try {
            verify(this.reconciler, timeout(5000).atLeast(3)).reconcileUnpaid(Duration.ofMinutes(30), 7, Duration.ofMillis(20));
        }
        finally {
            runner.stop();
        }
        assertThat(runner.isRunning()).isFalse();
    }

    @Test
    void stopsWithTheContext() {
        AlipayReconciliationRunner runner = new AlipayReconciliationRunner(this.reconciler, properties(Duration.ofHours(1)));
        runner.start();
        assertThat(runner.isRunning()).isTrue();
        runner.stop();
        assertThat(runner.isRunning()).isFalse();
    }

}

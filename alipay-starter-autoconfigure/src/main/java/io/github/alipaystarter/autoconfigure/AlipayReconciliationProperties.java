package io.github.alipaystarter.autoconfigure;

import java.time.Duration;

/**
 * Reconciliation of trades whose notification never arrived (the integration guide's 5.3).
 */
public class AlipayReconciliationProperties {

    /**
     * Whether to ask the gateway (single_trade_query) periodically about trades that are still
     * unpaid.
     */
    private boolean enabled = false;

    /**
     * Age after which an unpaid trade is asked about.
     */
    private Duration olderThan = Duration.ofMinutes(15);

    /**
     * Time between two reconciliation runs.
     */
    private Duration interval = Duration.ofMinutes(5);

    /**
     * Maximum number of trades asked about in one run.
     */
    private int batchSize = 50;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getOlderThan() {
        return this.olderThan;
    }

    public void setOlderThan(Duration olderThan) {
        this.olderThan = olderThan;
    }

    public Duration getInterval() {
        return this.interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public int getBatchSize() {
        return this.batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

}

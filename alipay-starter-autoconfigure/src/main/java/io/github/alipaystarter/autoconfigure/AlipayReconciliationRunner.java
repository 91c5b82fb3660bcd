package io.github.alipaystarter.autoconfigure;

import io.github.alipaystarter.autoconfigure.support.DaemonSchedule;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.engine.Reconciler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs {@link Reconciler#reconcileUnpaid} every {@code alipay.reconciliation.interval} on a daemon
 * thread of its own (no {@code @EnableScheduling} needed), from the start of the context to its stop.
 * A trade found paid goes through the ledger like a notification, so onPaid still runs once.
 */
public class AlipayReconciliationRunner extends DaemonSchedule {

    private static final Log logger = LogFactory.getLog(AlipayReconciliationRunner.class);

    private final Reconciler reconciler;

    private final Duration olderThan;

    private final Duration interval;

    private final int batchSize;

    public AlipayReconciliationRunner(Reconciler reconciler, AlipayReconciliationProperties properties) {
        super("alipay-reconciliation");
        this.reconciler = reconciler;
        this.olderThan = properties.getOlderThan();
        this.interval = properties.getInterval();
        this.batchSize = properties.getBatchSize();
        AlipayPropertiesValidation.throwIfAny(AlipayPropertiesValidation.reconciliation(properties));
    }

    @Override
    protected void schedule(ScheduledExecutorService executor) {
        long millis = this.interval.toMillis();
        executor.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
        logger.info("Alipay reconciliation every " + this.interval + " for trades unpaid after " + this.olderThan);
    }

    /** One run; never throws, so the schedule continues. */
    public void runOnce() {
        try {
            // Claimed for one interval: with several instances on one database, each trade is asked about by
            // one instance per interval.
            List<ProcessingResult> results = this.reconciler.reconcileUnpaid(this.olderThan, this.batchSize,
                    this.interval);
            if (!results.isEmpty()) {
                Map<Outcome, Long> counts = results.stream()
                    .collect(Collectors.groupingBy(ProcessingResult::outcome, Collectors.counting()));
                logger.info("Alipay reconciliation asked about " + results.size() + " unpaid trade(s): " + counts);
            }
        }
        catch (RuntimeException ex) {
            logger.warn("Alipay reconciliation run failed; the next run is in " + this.interval, ex);
        }
    }

}

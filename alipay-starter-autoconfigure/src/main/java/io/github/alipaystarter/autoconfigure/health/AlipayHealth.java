package io.github.alipaystarter.autoconfigure.health;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.GatewayResponseException;
import io.github.alipaystarter.core.observe.DeliveryTrouble;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.PaymentLedger;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.SignatureException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * What the {@code alipay} health contributor reports, without Spring Boot's health types (so that one
 * class serves Spring Boot 4.0 and 3.5, see {@link HealthIndicatorFactoryBean}). DOWN when:
 * <ul>
 * <li>the configuration cannot be used: the signer's sign type or charset differs from the configuration,
 * or it cannot sign (a key that cannot be used);</li>
 * <li>the ledger or the journal cannot be read (for the JDBC ones: a missing table, the database
 * down): one read of the trade table by primary key, one of the newest journal entry;</li>
 * <li>the opt-in gateway check is on and the gateway does not answer query_timestamp within the timeout
 * (an answer with an error code still proves that it answers).</li>
 * </ul>
 * UP otherwise, with the recent handler failures and gateway failures in the details (they are reported,
 * not turned into DOWN: Alipay sends again, and a restart would not help). Details never hold a key or a
 * signature.
 */
public final class AlipayHealth implements AutoCloseable {

    /** An out_trade_no looked up to prove that the trade table can be read; no trade needs to have it. */
    static final String PROBE_OUT_TRADE_NO = "alipay-health-check";

    private final AlipayConfig config;

    private final AlipaySigner signer;

    private final PaymentLedger ledger;

    private final NotificationJournal journal;

    private final DeliveryTrouble trouble;

    private final @Nullable AlipayGateway gateway;

    private final Duration gatewayTimeout;

    private @Nullable ExecutorService executor;

    private @Nullable Future<?> gatewayCheck;

    /**
     * @param gateway the gateway to ask, or null for no gateway check
     */
    public AlipayHealth(AlipayConfig config, AlipaySigner signer, PaymentLedger ledger, NotificationJournal journal,
            DeliveryTrouble trouble, @Nullable AlipayGateway gateway, Duration gatewayTimeout) {
        this.config = Objects.requireNonNull(config, "config");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.trouble = Objects.requireNonNull(trouble, "trouble");
        this.gateway = gateway;
        this.gatewayTimeout = Objects.requireNonNull(gatewayTimeout, "gatewayTimeout");
    }

    /** Whether UP, and the details. */
    public record Result(boolean up, Map<String, Object> details) {
    }

    public Result check() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        String configProblem = configurationProblem();
        details.put("configuration", (configProblem != null) ? "invalid: " + configProblem : "valid");
        up &= configProblem == null;
        String ledgerProblem = readProblem(() -> this.ledger.find(PROBE_OUT_TRADE_NO));
        details.put("ledger", this.ledger.getClass().getSimpleName()
                + ((ledgerProblem != null) ? " cannot be read: " + ledgerProblem : ": readable"));
        up &= ledgerProblem == null;
        String journalProblem = readProblem(() -> this.journal.page(null, 0, 1));
        details.put("journal", this.journal.getClass().getSimpleName()
                + ((journalProblem != null) ? " cannot be read: " + journalProblem : ": readable"));
        up &= journalProblem == null;
        Map<DeliveryTrouble.Kind, DeliveryTrouble.Recent> recent = this.trouble.recent();
        details.put("handlerFailures", trouble(recent.get(DeliveryTrouble.Kind.HANDLER_FAILED)));
        details.put("gatewayFailures", trouble(recent.get(DeliveryTrouble.Kind.GATEWAY_UNAVAILABLE)));
        if (this.gateway != null) {
            String gatewayProblem = gatewayProblem(details);
            up &= gatewayProblem == null;
        }
        return new Result(up, details);
    }

    private @Nullable String configurationProblem() {
        if (this.signer.signType() != this.config.signType()) {
            return "the signer signs with " + this.signer.signType() + " but alipay.sign-type is " + this.config.signType();
        }
        if (!this.signer.charset().equals(this.config.inputCharset())) {
            return "the signer signs in " + this.signer.charset().name() + " but alipay.input-charset is "
                    + this.config.inputCharsetName();
        }
        try {
            this.signer.sign(Map.of("service", "alipay_health_check", "partner", this.config.partner()));
            return null;
        }
        catch (SignatureException ex) {
            return "cannot sign (" + ex.reason() + "); check the configured keys";
        }
        catch (RuntimeException ex) {
            return "cannot sign (" + ex.getClass().getName() + "); check the configured keys";
        }
    }

    private Map<String, Object> trouble(DeliveryTrouble.Recent recent) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("count", recent.count());
        view.put("window", this.trouble.window().toString());
        if (recent.last() != null) {
            view.put("last", recent.last().toString());
            view.put("lastReason", recent.lastReason());
        }
        return view;
    }

    /**
     * One query_timestamp at a time, on a thread of its own: a check that finds one still running (another
     * health request at the same moment, or a call that outlived an earlier check's timeout) waits for that
     * one instead of asking again, so probes never pile up calls to Alipay.
     */
    private @Nullable String gatewayProblem(Map<String, Object> details) {
        long start = System.nanoTime();
        String problem;
        Future<?> check;
        synchronized (this) {
            if (this.gatewayCheck == null || this.gatewayCheck.isDone()) {
                if (this.executor == null) {
                    this.executor = Executors.newSingleThreadExecutor((r) -> {
                        Thread t = new Thread(r, "alipay-health-gateway");
                        t.setDaemon(true);
                        return t;
                    });
                }
                AlipayGateway asked = this.gateway;
                this.gatewayCheck = this.executor.submit(asked::queryTimestamp);
            }
            check = this.gatewayCheck;
        }
        try {
            check.get(this.gatewayTimeout.toMillis(), TimeUnit.MILLISECONDS);
            problem = null;
            details.put("gateway", "answered query_timestamp in " + millis(start) + " ms");
        }
        catch (TimeoutException | java.util.concurrent.CancellationException ex) {
            // not cancelled: the call ends by the gateway client's own timeouts, and a check meanwhile waits for
            // it rather than starting another
            problem = "no answer within " + this.gatewayTimeout.toMillis() + " ms";
            details.put("gateway", "no answer: " + problem);
        }
        catch (ExecutionException ex) {
            Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
            if (cause instanceof GatewayResponseException answered && answered.errorCode() != null) {
                // an error code (e.g. anti-phishing not enabled for this partner) still proves it answers
                problem = null;
                details.put("gateway", "answered query_timestamp in " + millis(start) + " ms with error "
                        + answered.errorCode());
            }
            else {
                problem = String.valueOf(cause.getMessage());
                details.put("gateway", "no answer: " + problem);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
            details.put("gateway", "no answer: " + problem);
        }
        return problem;
    }

    private static long millis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static @Nullable String readProblem(Runnable read) {
        try {
            read.run();
            return null;
        }
        catch (RuntimeException ex) {
            String message = ex.getMessage();
            if (message != null && message.length() > 300) {
                message = message.substring(0, 297) + "...";
            }
            return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
        }
    }

    @Override
    public synchronized void close() {
        if (this.executor != null) {
            this.executor.shutdownNow();
        }
    }

}

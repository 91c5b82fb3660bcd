package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.internal.Texts;
import io.github.alipaystarter.core.observe.AlipayObserver;
import io.github.alipaystarter.core.observe.ObservedPaymentHandler;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeNotification;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.PaymentLedger;
import io.github.alipaystarter.core.store.RejectedDelivery;
import java.lang.System.Logger.Level;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a delivery into at most one onPaid: signature (cheap, first), then for a trade already PAID answer
 * {@code success} without a notify_verify round trip, else notify_id with the gateway, seller, amount
 * against the ledger, then the PAID transition and onPaid in one unit of work; the journal is written
 * after the signature check. Never throws: every failure is a {@link ProcessingResult} with a logged
 * reason.
 *
 * <h2>Order of the checks</h2>
 * The checks that cost nothing come first, so that forged or wrong input costs no database and no
 * gateway call, and a resend of a paid trade costs no gateway call:
 * <ol>
 *   <li>parse and check the signature: no I/O;</li>
 *   <li>the seller: no I/O;</li>
 *   <li>one ledger read: an out_trade_no the ledger never recorded is refused ({@code UNKNOWN_TRADE})
 *       unless unknown trades are accepted; total_fee must equal the recorded amount as money;
 *       a paid status for a trade the ledger has as PAID or REFUNDED is a {@code DUPLICATE}, answered
 *       {@code success} without asking the gateway; for a trade this instance remembers as settled
 *       (see below) that answer comes without the ledger read;</li>
 *   <li>notify_id with the gateway (spec 10): false/invalid rejects, a timeout answers
 *       {@code fail} so Alipay sends again;</li>
 *   <li>the transition: TRADE_SUCCESS/TRADE_FINISHED through {@link PaymentLedger#markPaid}
 *       with {@link PaymentHandler#onPaid} inside it; TRADE_CLOSED ({@link PaymentHandler#onClosed}); refunds
 *       ({@link PaymentHandler#onRefund});</li>
 *   <li>the delivery is journaled, after the signature check; a journal failure is logged and
 *       never changes the answer.</li>
 * </ol>
 * The ledger only ever reports a committed PAID (see {@link InMemoryPaymentLedger}), so a
 * {@code DUPLICATE} {@code success} is never told to Alipay for a payment that may still roll back.
 *
 * <h2>Settled trades remembered</h2>
 * Each processor remembers up to {@link Builder#settledTradesRemembered} trades it saw PAID or REFUNDED in
 * the ledger for a paid status, or paid itself ({@link Outcome#PAID}, never one rolled back). A later
 * TRADE_SUCCESS or TRADE_FINISHED for one (notification, return or query answer) has its amount checked
 * against the remembered one and is a {@code DUPLICATE} without a ledger read: a PAID or REFUNDED trade
 * never becomes UNPAID or CLOSED ({@link io.github.alipaystarter.core.store.LedgerRules}). Other
 * statuses and refunds always read the ledger. This assumes that ledger rows are not deleted while the
 * processor lives, and that it does not run inside a caller's transaction.
 *
 * <h2>The journal</h2>
 * The processor is the only writer of the {@link NotificationJournal}. A delivery refused before its
 * origin is established (bad signature, malformed, oversized: {@link #refuse}) is journaled compactly as
 * a {@link RejectedDelivery}, never under the out_trade_no it claims, and only up to
 * {@link Builder#rejectedPerMinute} a minute (beyond it counted, summarised once a minute, and logged at
 * DEBUG only). A verified delivery is journaled in full with one write once its outcome is known; when it
 * goes on to notify_verify and the PAID transition, a processing entry is written first and completed
 * afterwards, so a crash in between leaves an entry that the JDBC journal closes as
 * {@link Outcome#INTERRUPTED}. The answer never depends on the journal: {@code success} comes only from
 * the ledger's committed state.
 *
 * <h2>Refunds</h2>
 * A notification carrying {@code refund_status} is a refund notification (spec 8.4 (2), 12.4), whatever
 * its trade_status: a partial refund arrives with trade_status TRADE_SUCCESS (or TRADE_FINISHED, spec
 * 6.3), a full one with TRADE_CLOSED. It never calls onPaid; it calls {@link PaymentHandler#onRefund}
 * (on every delivery, resends included) and, for REFUND_SUCCESS with TRADE_CLOSED, moves the ledger
 * from PAID to REFUNDED, or from UNPAID to REFUNDED when the payment was never recorded (its first
 * delivery answered {@code fail}): a later resend of that payment is then a {@code DUPLICATE} and
 * never calls onPaid; {@link io.github.alipaystarter.core.payment.TradeRefunded#beforePayment()} tells the handler so.
 *
 * <p>The parts, each in this package: the checks without I/O ({@code DeliveryChecks}), the query answers
 * ({@code QueryAnswers}), the ledger transition and the handler call ({@code TradeTransitions}), the
 * journal writes ({@code DeliveryJournal}).
 */
public final class NotificationProcessor {

    private static final System.Logger LOG = System.getLogger(NotificationProcessor.class.getName());

    /** Rejected deliveries recorded one by one per minute unless {@link Builder#rejectedPerMinute} says otherwise. */
    public static final int DEFAULT_REJECTED_PER_MINUTE = 60;

    /** Settled trades remembered unless {@link Builder#settledTradesRemembered} says otherwise. */
    public static final int DEFAULT_SETTLED_TRADES_REMEMBERED = 10_000;

    private final Charset charset;
    private final NotificationCheck check;
    private final PaymentLedger ledger;
    private final boolean acceptUnknownTrades;
    private final AlipayObserver observer;
    private final DeliveryChecks checks;
    private final TradeTransitions transitions;
    private final DeliveryJournal journal;
    private final SettledTrades settled;

    /**
     * @param acceptUnknownTrades whether a verified notification for an out_trade_no the ledger never
     *     recorded is accepted (recorded with its own amount, then processed); false refuses it
     */
    public NotificationProcessor(AlipayConfig config, NotificationVerifier verifier, PaymentLedger ledger,
            NotificationJournal journal, PaymentHandler handler, boolean acceptUnknownTrades) {
        this(builder().config(config).verifier(verifier).ledger(ledger).journal(journal).handler(handler)
                .acceptUnknownTrades(acceptUnknownTrades));
    }

    private NotificationProcessor(Builder b) {
        this.checks = new DeliveryChecks(require(b.seller, "seller"));
        this.charset = b.charset != null ? b.charset : StandardCharsets.UTF_8;
        this.check = require(b.check, "verifier (or check)");
        this.ledger = require(b.ledger, "ledger");
        this.observer = AlipayObserver.of(b.observer == null ? List.of() : List.of(b.observer));
        PaymentHandler h = require(b.handler, "handler");
        PaymentHandler handler = this.observer == AlipayObserver.NONE ? h : new ObservedPaymentHandler(h, this.observer);
        this.acceptUnknownTrades = b.acceptUnknownTrades;
        Clock clock = b.clock != null ? b.clock : Clock.systemUTC();
        this.transitions = new TradeTransitions(ledger, handler, clock);
        this.journal = new DeliveryJournal(b.journal != null ? b.journal : NotificationJournal.NONE,
                new RejectionBudget(b.rejectedPerMinute, clock), clock, observer);
        this.settled = new SettledTrades(b.settledTradesRemembered);
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalStateException("NotificationProcessor needs a " + name);
        }
        return value;
    }

    int settledTradesSize() {
        return settled.size();
    }

    /** A builder, for the parts the constructor does not take (a {@link Clock}, an observer, a budget). */
    public static Builder builder() {
        return new Builder();
    }

    /** Processes already-decoded parameters (exactly those that arrived: no framework extras). */
    public ProcessingResult process(NotificationSource source, Map<String, String> parameters) {
        return process(DeliveryContext.of(source), parameters);
    }

    /** As {@link #process(NotificationSource, Map)}, with the delivery's remote address for the journal. */
    public ProcessingResult process(DeliveryContext delivery, Map<String, String> parameters) {
        DeliveryContext ctx = context(delivery);
        return run(journal.trace(ctx, parameters, null, charset));
    }

    /**
     * Decodes a form body or query string in {@code charset} (null: the configured charset) and
     * processes it; garbage is MALFORMED. A rejected body is journaled compactly (size, SHA-256, the
     * first {@link RejectedDelivery#EXCERPT_MAX} characters); a verified one with its parameters.
     */
    public ProcessingResult processRaw(NotificationSource source, byte[] formEncoded, Charset charset) {
        return processRaw(DeliveryContext.of(source), formEncoded, charset);
    }

    /** As {@link #processRaw(NotificationSource, byte[], Charset)}, with the delivery's remote address for the journal. */
    public ProcessingResult processRaw(DeliveryContext delivery, byte[] formEncoded, Charset charset) {
        DeliveryContext ctx = context(delivery);
        byte[] body = formEncoded != null ? formEncoded : new byte[0];
        Charset cs = charset != null ? charset : this.charset;
        Map<String, String> parameters;
        try {
            parameters = FormData.decode(body, cs);
        } catch (RuntimeException e) {
            return journal.trace(ctx, Map.of(), body, cs).finish(new ProcessingResult(Outcome.MALFORMED,
                    "the body is not form data in " + cs.name() + ": " + DeliveryChecks.shorten(e.getMessage()), null));
        }
        return run(journal.trace(ctx, parameters, body, cs));
    }

    /**
     * Refuses a delivery whose body was not read (larger than the endpoint's limit): answered
     * {@code fail} (MALFORMED) and journaled compactly, within the rejected deliveries' budget.
     *
     * @param size the declared or counted size in bytes, -1 when unknown
     * @param reason why, for the journal and the log (no secret)
     */
    public ProcessingResult refuse(DeliveryContext delivery, long size, String reason) {
        DeliveryJournal.Trace trace = journal.trace(context(delivery), Map.of(), null, charset);
        trace.size(size);
        return trace.finish(new ProcessingResult(Outcome.MALFORMED, reason, null));
    }

    /**
     * Writes the summary of rejected deliveries counted beyond the budget in a minute that is over, if
     * any (it is otherwise written with the next rejected delivery). For a periodic task.
     */
    public void flushRejectedSummary() {
        journal.flushRejectedSummary();
    }

    private static DeliveryContext context(DeliveryContext delivery) {
        return delivery != null ? delivery : new DeliveryContext(null, null);
    }

    /**
     * Processes the answer of the merchant's own signed single_trade_query (source
     * {@link NotificationSource#QUERY}): no signature or notify_id check (the answer came over HTTPS from
     * our own call), then the same seller, amount and ledger steps as a notification, so a paid answer
     * calls onPaid at most once together with the notifications. A "not found" answer
     * (TRADE_NOT_EXIST: the buyer never reached the cashier) is {@link Outcome#IGNORED}; any other error
     * code is an {@link Outcome#ERROR}. Refund details of a query answer are not acted on (refunds come
     * by notification). The seller is compared with the answer's seller_id, or with its
     * {@code seller_email} field when the configured seller is an account name. Journaled like a
     * notification. Never throws.
     */
    public ProcessingResult processQueryResult(TradeQueryResult result) {
        return processQueryResult(null, result);
    }

    /** As {@link #processQueryResult(TradeQueryResult)}, for an answer to a query about {@code requested}. */
    ProcessingResult processQueryResult(String requested, TradeQueryResult result) {
        Map<String, String> params = QueryAnswers.parameters(requested, result);
        String no = QueryAnswers.outTradeNo(requested, result);
        // Our own call's answer: its origin is established, so it is journaled in full.
        DeliveryJournal.Trace trace = journal.trace(DeliveryContext.of(NotificationSource.QUERY), params, null, charset);
        trace.verified();
        return guarded(trace, no, () -> {
            ProcessingResult stop = QueryAnswers.stop(requested, no, result);
            return stop != null ? stop : afterSignature(QueryAnswers.notification(no, result, params), false, trace);
        });
    }

    private ProcessingResult run(DeliveryJournal.Trace trace) {
        return guarded(trace, trace.parameters.get("out_trade_no"), () -> decide(trace));
    }

    /** Runs the steps of one delivery: whatever happens, a result, journaled, observed and logged. */
    private ProcessingResult guarded(DeliveryJournal.Trace trace, String no, Supplier<ProcessingResult> steps) {
        ProcessingResult r = null;
        try {
            r = steps.get();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "processing failed for out_trade_no " + Texts.forLog(no) + "; Alipay will send again", e);
            r = new ProcessingResult(Outcome.ERROR, e.getClass().getName() + " while processing; Alipay will send again", no);
        } finally {
            if (r == null) {
                r = new ProcessingResult(Outcome.ERROR, "processing stopped by an Error", no);
            }
            trace.finish(r);
        }
        return r;
    }

    private ProcessingResult decide(DeliveryJournal.Trace trace) {
        NotificationSource source = trace.ctx.source();
        Map<String, String> params = trace.parameters;
        String no = params.get("out_trade_no");
        if (source == null) {
            return new ProcessingResult(Outcome.MALFORMED, "no source given", no);
        }
        if (params.isEmpty()) {
            return new ProcessingResult(Outcome.MALFORMED, "no parameters (opened by hand?)", null);
        }
        // The signature, no I/O.
        Verification v = check.checkSignature(source, params);
        if (!(v instanceof Verification.Verified verified)) {
            return DeliveryChecks.rejected(v, no);
        }
        trace.verified();
        TradeNotification n = verified.notification();
        if (n.outTradeNo() == null || n.outTradeNo().isBlank()) {
            return new ProcessingResult(Outcome.MALFORMED, "out_trade_no is missing", null);
        }
        if (source == NotificationSource.RETURN && n.isSuccess() != null && !"T".equals(n.isSuccess())) {
            return new ProcessingResult(Outcome.IGNORED, "return with is_success=" + DeliveryChecks.shorten(n.isSuccess()),
                    n.outTradeNo());
        }
        return afterSignature(n, true, trace);
    }

    /** The steps for a notification whose origin is established (signature checked, or our own query). */
    private ProcessingResult afterSignature(TradeNotification n, boolean askGateway, DeliveryJournal.Trace trace) {
        String no = n.outTradeNo();
        String sellerProblem = checks.sellerProblem(n);
        if (sellerProblem != null) {
            return new ProcessingResult(Outcome.WRONG_SELLER, sellerProblem, no);
        }
        boolean refund = DeliveryChecks.isRefund(n);
        TradeStatus status = n.tradeStatus();
        boolean paid = !refund && status != null && status.isPaid();

        SettledTrades.Settled known = paid ? settled.get(no) : null;
        if (known != null) {
            // Settled before: the ledger would answer the same (no way back from PAID or REFUNDED).
            String amountProblem = DeliveryChecks.amountProblem(n, known.totalFee(), true);
            return amountProblem != null ? new ProcessingResult(Outcome.WRONG_AMOUNT, amountProblem, no)
                    : DeliveryChecks.duplicate(status, known.status(), no);
        }
        Optional<LedgerEntry> found = ledger.find(no);
        if (found.isPresent()) {
            LedgerStatus ls = found.get().status();
            if (paid) {
                settled.put(no, found.get().totalFee(), ls);
            }
            String amountProblem = DeliveryChecks.amountProblem(n, found.get(), paid);
            if (amountProblem != null) {
                return new ProcessingResult(Outcome.WRONG_AMOUNT, amountProblem, no);
            }
            if (paid && (ls == LedgerStatus.PAID || ls == LedgerStatus.REFUNDED)) {
                // Cheap duplicate: the ledger only shows a committed PAID, so this success is safe.
                return DeliveryChecks.duplicate(status, ls, no);
            }
        } else if (!acceptUnknownTrades) {
            return new ProcessingResult(Outcome.UNKNOWN_TRADE,
                    "out_trade_no " + no + " was never recorded by the ledger (unknown trades are refused)", no);
        }

        // From here on a step may be slow (the gateway) or be cut short by a crash (the transition): the
        // journal gets a processing entry first, completed in finish().
        trace.start();

        // notify_id with the gateway (spec 10).
        if (askGateway) {
            Verification v = check.checkNotifyId(n);
            if (!(v instanceof Verification.Verified)) {
                return DeliveryChecks.rejected(v, no);
            }
        }

        LedgerEntry entry;
        if (found.isPresent()) {
            entry = found.get();
        } else {
            Optional<LedgerEntry> recorded = transitions.recordUnknown(n);
            if (recorded.isEmpty()) {
                return n.totalFee() == null
                        ? new ProcessingResult(Outcome.WRONG_AMOUNT, "total_fee is missing: cannot record the unknown out_trade_no " + no, no)
                        : new ProcessingResult(Outcome.ERROR, "the ledger did not keep the unknown trade", no);
            }
            entry = recorded.get();
            String amountProblem = DeliveryChecks.amountProblem(n, entry, paid);
            if (amountProblem != null) {
                return new ProcessingResult(Outcome.WRONG_AMOUNT, amountProblem, no);
            }
        }

        if (refund) {
            ProcessingResult r = transitions.refund(n, entry);
            // A full refund moved the trade to REFUNDED: its next paid notification reads the new status.
            settled.forget(no);
            return r;
        }
        if (status == null) {
            return new ProcessingResult(Outcome.IGNORED, "no trade_status", no);
        }
        if (paid) {
            ProcessingResult r = transitions.pay(n, entry, trace);
            if (r.outcome() == Outcome.PAID) {
                // markPaid won and returned: committed, onPaid included (a throw is HANDLER_FAILED).
                settled.put(no, entry.totalFee(), LedgerStatus.PAID);
            }
            return r;
        }
        if (status.equals(TradeStatus.TRADE_CLOSED)) {
            return transitions.close(n, entry);
        }
        return new ProcessingResult(Outcome.IGNORED, "trade_status " + DeliveryChecks.shorten(status.value())
                + " needs no action", no);
    }

    /** Builds a {@link NotificationProcessor}; seller, verifier (or check), ledger and handler are required. */
    public static final class Builder {
        private String seller;
        private Charset charset;
        private NotificationCheck check;
        private PaymentLedger ledger;
        private NotificationJournal journal;
        private PaymentHandler handler;
        private boolean acceptUnknownTrades;
        private Clock clock;
        private int rejectedPerMinute = DEFAULT_REJECTED_PER_MINUTE;
        private AlipayObserver observer;
        private int settledTradesRemembered = DEFAULT_SETTLED_TRADES_REMEMBERED;

        private Builder() {
        }

        /** Takes the seller and the input charset from the merchant's configuration. */
        public Builder config(AlipayConfig config) {
            Objects.requireNonNull(config, "config");
            this.seller = config.seller();
            this.charset = config.inputCharset();
            return this;
        }

        /** The seller notifications must name: a seller_id (2088 + 12 digits) or the seller's account. */
        public Builder seller(String seller) {
            this.seller = seller;
            return this;
        }

        /** The charset {@link #processRaw} uses when given none (default UTF-8, or the config's). */
        public Builder charset(Charset charset) {
            this.charset = charset;
            return this;
        }

        /** Checks the signature and asks the gateway about notify_id. */
        public Builder verifier(NotificationVerifier verifier) {
            this.check = verifier == null ? null : NotificationCheck.of(verifier);
            return this;
        }

        /** Verification steps of one's own instead of a {@link NotificationVerifier} (tests). */
        Builder check(NotificationCheck check) {
            this.check = check;
            return this;
        }

        public Builder ledger(PaymentLedger ledger) {
            this.ledger = ledger;
            return this;
        }

        /** Default {@link NotificationJournal#NONE}. */
        public Builder journal(NotificationJournal journal) {
            this.journal = journal;
            return this;
        }

        public Builder handler(PaymentHandler handler) {
            this.handler = handler;
            return this;
        }

        /** Whether a verified notification for an out_trade_no the ledger never recorded is accepted (default false). */
        public Builder acceptUnknownTrades(boolean acceptUnknownTrades) {
            this.acceptUnknownTrades = acceptUnknownTrades;
            return this;
        }

        /**
         * For the journal's times and for paidAt (closedAt) when a notification carries neither gmt_payment
         * (gmt_close) nor notify_time (default UTC system clock).
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * How many rejected deliveries (bad signature, malformed, oversized) are journaled and logged one by
         * one per minute (default {@value NotificationProcessor#DEFAULT_REJECTED_PER_MINUTE}); beyond it they
         * are counted and summarised once a minute. 0 keeps only the summaries.
         */
        public Builder rejectedPerMinute(int rejectedPerMinute) {
            this.rejectedPerMinute = rejectedPerMinute;
            return this;
        }

        /**
         * Told of every processed delivery and of every handler call (default {@link AlipayObserver#NONE});
         * what it throws is logged and never changes the outcome.
         */
        public Builder observer(AlipayObserver observer) {
            this.observer = observer;
            return this;
        }

        /**
         * How many trades seen PAID or REFUNDED this processor remembers, so that a repeated TRADE_SUCCESS or
         * TRADE_FINISHED for one of them is a {@code DUPLICATE} without a ledger read (default
         * {@value NotificationProcessor#DEFAULT_SETTLED_TRADES_REMEMBERED}; 0 reads the ledger every time).
         * Beyond it the oldest half is forgotten. Set 0 where ledger rows are deleted or reset while the
         * processor lives (tests that reuse an out_trade_no).
         */
        public Builder settledTradesRemembered(int settledTradesRemembered) {
            if (settledTradesRemembered < 0) {
                throw new IllegalArgumentException("settledTradesRemembered must be 0 or more, was " + settledTradesRemembered);
            }
            this.settledTradesRemembered = settledTradesRemembered;
            return this;
        }

        public NotificationProcessor build() {
            return new NotificationProcessor(this);
        }
    }
}

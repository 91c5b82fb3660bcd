package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.PaymentLedger;
import io.github.alipaystarter.core.store.RejectedDelivery;
import io.github.alipaystarter.core.store.VerifiedDelivery;
import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.internal.AlipayIds;
import io.github.alipaystarter.core.internal.Texts;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.RefundStatus;
import io.github.alipaystarter.core.protocol.notify.TradeNotification;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.observe.AlipayObserver;
import io.github.alipaystarter.core.observe.ObservedPaymentHandler;
import io.github.alipaystarter.core.error.AlipayParameterException;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Processes one delivery (notification, return or query answer): signature (cheap, first), then for a trade already PAID answer
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
 *       {@code success} without asking the gateway;</li>
 *   <li>notify_id with the gateway (spec 10): false/invalid rejects, a timeout answers
 *       {@code fail} so Alipay sends again;</li>
 *   <li>the transition: TRADE_SUCCESS/TRADE_FINISHED through {@link PaymentLedger#markPaid}
 *       with {@link PaymentHandler#onPaid} inside it; TRADE_CLOSED; refunds;</li>
 *   <li>the delivery is journaled after the signature check; a journal failure is logged and
 *       never changes the answer.</li>
 * </ol>
 * The ledger only ever reports a committed PAID (see {@link InMemoryPaymentLedger}), so a
 * {@code DUPLICATE} {@code success} is never told to Alipay for a payment that may still roll back.
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
 * never calls onPaid.
 */
public final class NotificationProcessor {

    private static final System.Logger LOG = System.getLogger(NotificationProcessor.class.getName());
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final String seller;
    private final boolean sellerIsId;
    private final Charset charset;
    private final NotificationCheck check;
    private final PaymentLedger ledger;
    private final NotificationJournal journal;
    private final PaymentHandler handler;
    private final boolean acceptUnknownTrades;
    private final Clock clock;
    private final RejectionBudget budget;

    /** Rejected deliveries recorded one by one per minute unless {@link Builder#rejectedPerMinute} says otherwise. */
    public static final int DEFAULT_REJECTED_PER_MINUTE = 60;
    private final AlipayObserver observer;

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
        this.seller = require(b.seller, "seller").trim();
        this.sellerIsId = AlipayIds.isPartnerId(this.seller);
        this.charset = b.charset != null ? b.charset : StandardCharsets.UTF_8;
        this.check = require(b.check, "verifier (or check)");
        this.ledger = require(b.ledger, "ledger");
        this.journal = b.journal != null ? b.journal : NotificationJournal.NONE;
        this.observer = AlipayObserver.of(b.observer == null ? List.of() : List.of(b.observer));
        PaymentHandler h = require(b.handler, "handler");
        this.handler = this.observer == AlipayObserver.NONE ? h : new ObservedPaymentHandler(h, this.observer);
        this.acceptUnknownTrades = b.acceptUnknownTrades;
        this.clock = b.clock != null ? b.clock : Clock.systemUTC();
        this.budget = new RejectionBudget(b.rejectedPerMinute, this.clock);
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalStateException("NotificationProcessor needs a " + name);
        }
        return value;
    }

    /** A builder, for the parts the constructor does not take (a {@link Clock}, a custom {@link NotificationCheck}). */
    public static Builder builder() {
        return new Builder();
    }

    /** Processes already-decoded parameters (exactly those that arrived: no framework extras). */
    public ProcessingResult process(NotificationSource source, Map<String, String> parameters) {
        return process(DeliveryContext.of(source), parameters);
    }

    /** As {@link #process(NotificationSource, Map)}, with the delivery's remote address for the journal. */
    public ProcessingResult process(DeliveryContext delivery, Map<String, String> parameters) {
        return run(context(delivery), parameters, null);
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
            Trace trace = new Trace(ctx, Map.of(), body, cs);
            ProcessingResult r = new ProcessingResult(Outcome.MALFORMED,
                    "the body is not form data in " + cs.name() + ": " + shorten(e.getMessage()), null);
            return finish(trace, r);
        }
        return run(ctx, parameters, new Trace(ctx, copy(parameters), body, cs));
    }

    /**
     * Refuses a delivery whose body was not read (larger than the endpoint's limit): answered
     * {@code fail} (MALFORMED) and journaled compactly, within the rejected deliveries' budget.
     *
     * @param size the declared or counted size in bytes, -1 when unknown
     * @param reason why, for the journal and the log (no secret)
     */
    public ProcessingResult refuse(DeliveryContext delivery, long size, String reason) {
        DeliveryContext ctx = context(delivery);
        Trace trace = new Trace(ctx, Map.of(), null, charset);
        trace.size = size;
        return finish(trace, new ProcessingResult(Outcome.MALFORMED, reason, null));
    }

    /**
     * Writes the summary of rejected deliveries counted beyond the budget in a minute that is over, if
     * any (it is otherwise written with the next rejected delivery). For a periodic task.
     */
    public void flushRejectedSummary() {
        RejectedDelivery due = budget.drain();
        if (due != null) {
            journalRejected(due);
        }
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
        Map<String, String> parameters = new LinkedHashMap<>();
        if (result != null && result.fields() != null) {
            result.fields().forEach((k, v) -> {
                if (k != null && v != null) {
                    parameters.put(k, v);
                }
            });
        }
        String no = result != null && result.outTradeNo() != null ? result.outTradeNo() : requested;
        if (no != null) {
            parameters.putIfAbsent("out_trade_no", no);
        }
        if (result != null && result.tradeStatus() != null) {
            parameters.putIfAbsent("trade_status", result.tradeStatus().value());
        }
        Map<String, String> params = Collections.unmodifiableMap(parameters);
        // Our own call's answer: its origin is established, so it is journaled in full.
        Trace trace = new Trace(DeliveryContext.of(NotificationSource.QUERY), params, null, charset);
        trace.verified = true;
        ProcessingResult r = null;
        try {
            r = decideQuery(requested, no, result, params, trace);
        } catch (RuntimeException e) {
            r = unexpected(no, e);
        } finally {
            if (r == null) {
                r = new ProcessingResult(Outcome.ERROR, "processing stopped by an Error", no);
            }
            finish(trace, r);
        }
        return r;
    }

    private ProcessingResult decideQuery(String requested, String no, TradeQueryResult q, Map<String, String> params,
            Trace trace) {
        if (q == null) {
            return new ProcessingResult(Outcome.ERROR, "no single_trade_query answer", no);
        }
        if (!q.found()) {
            if ("TRADE_NOT_EXIST".equals(q.errorCode())) {
                return new ProcessingResult(Outcome.IGNORED,
                        "single_trade_query: Alipay has no such trade (TRADE_NOT_EXIST): the buyer has not paid", no);
            }
            return new ProcessingResult(Outcome.ERROR, "single_trade_query answered " + q.errorCode(), no);
        }
        if (requested != null && q.outTradeNo() != null && !requested.equals(q.outTradeNo())) {
            return new ProcessingResult(Outcome.ERROR, "single_trade_query for " + requested
                    + " answered about out_trade_no " + q.outTradeNo(), requested);
        }
        if (no == null) {
            return new ProcessingResult(Outcome.MALFORMED, "single_trade_query answer without out_trade_no", null);
        }
        TradeNotification n = new TradeNotification(NotificationSource.QUERY, params, null, null, null, null, null,
                no, q.tradeNo(), params.get("subject"), params.get("body"), params.get("payment_type"),
                q.tradeStatus(), q.totalFee(), null, null, null, q.sellerId(), params.get("seller_email"),
                q.buyerId(), q.buyerEmail(), null, q.gmtPayment(), null, null, null,
                params.get("extra_common_param"));
        return afterSignature(n, false, trace);
    }

    private ProcessingResult run(DeliveryContext ctx, Map<String, String> parameters, Trace given) {
        Trace trace = given != null ? given : new Trace(ctx, copy(parameters), null, charset);
        Map<String, String> params = trace.parameters;
        String no = params.get("out_trade_no");
        ProcessingResult r = null;
        try {
            r = decide(ctx.source(), params, trace);
        } catch (RuntimeException e) {
            r = unexpected(no, e);
        } finally {
            if (r == null) {
                r = new ProcessingResult(Outcome.ERROR, "processing stopped by an Error", no);
            }
            finish(trace, r);
        }
        return r;
    }

    private ProcessingResult decide(NotificationSource source, Map<String, String> params, Trace trace) {
        String no = params.get("out_trade_no");
        if (source == null) {
            return new ProcessingResult(Outcome.MALFORMED, "no source given", no);
        }
        if (params.isEmpty()) {
            return new ProcessingResult(Outcome.MALFORMED, "no parameters (opened by hand?)", null);
        }
        // 2.2: the signature, no I/O.
        Verification v = check.checkSignature(source, params);
        if (!(v instanceof Verification.Verified verified)) {
            return rejected(v, no);
        }
        trace.verified = true;
        TradeNotification n = verified.notification();
        if (n.outTradeNo() == null || n.outTradeNo().isBlank()) {
            return new ProcessingResult(Outcome.MALFORMED, "out_trade_no is missing", null);
        }
        if (source == NotificationSource.RETURN && n.isSuccess() != null && !"T".equals(n.isSuccess())) {
            return new ProcessingResult(Outcome.IGNORED, "return with is_success=" + shorten(n.isSuccess()),
                    n.outTradeNo());
        }
        return afterSignature(n, true, trace);
    }

    /** Steps 2.3 to 2.5 for a notification whose origin is established (signature checked, or our own query). */
    private ProcessingResult afterSignature(TradeNotification n, boolean askGateway, Trace trace) {
        String no = n.outTradeNo();
        String sellerProblem = sellerProblem(n);
        if (sellerProblem != null) {
            return new ProcessingResult(Outcome.WRONG_SELLER, sellerProblem, no);
        }
        boolean refund = isRefund(n);
        TradeStatus status = n.tradeStatus();
        boolean paid = !refund && status != null && status.isPaid();

        Optional<LedgerEntry> found = ledger.find(no);
        if (found.isPresent()) {
            String amountProblem = amountProblem(n, found.get(), paid);
            if (amountProblem != null) {
                return new ProcessingResult(Outcome.WRONG_AMOUNT, amountProblem, no);
            }
            LedgerStatus ls = found.get().status();
            if (paid && (ls == LedgerStatus.PAID || ls == LedgerStatus.REFUNDED)) {
                // Cheap duplicate: the ledger only shows a committed PAID, so this success is safe.
                return new ProcessingResult(Outcome.DUPLICATE,
                        status.value() + " for a trade already " + ls + " in the ledger", no);
            }
        } else if (!acceptUnknownTrades) {
            return new ProcessingResult(Outcome.UNKNOWN_TRADE,
                    "out_trade_no " + no + " was never recorded by the ledger (unknown trades are refused)", no);
        }

        // From here on a step may be slow (the gateway) or be cut short by a crash (the transition): the
        // journal gets a processing entry first, completed in finish().
        trace.start();

        // 2.3: notify_id with the gateway (spec 10).
        if (askGateway) {
            Verification v = check.checkNotifyId(n);
            if (!(v instanceof Verification.Verified)) {
                return rejected(v, no);
            }
        }

        LedgerEntry entry;
        if (found.isPresent()) {
            entry = found.get();
        } else {
            if (n.totalFee() == null) {
                return new ProcessingResult(Outcome.WRONG_AMOUNT,
                        "total_fee is missing: cannot record the unknown out_trade_no " + no, no);
            }
            try {
                ledger.record(no, n.totalFee(), n.subject());
            } catch (AlipayParameterException e) {
                // Recorded meanwhile by someone else, with another amount or no longer unpaid: the checks
                // below against what the ledger now holds decide.
                LOG.log(Level.DEBUG, "recording unknown out_trade_no {0}: {1}", printable(no), e.getMessage());
            }
            Optional<LedgerEntry> recorded = ledger.find(no);
            if (recorded.isEmpty()) {
                return new ProcessingResult(Outcome.ERROR, "the ledger did not keep the unknown trade", no);
            }
            entry = recorded.get();
            String amountProblem = amountProblem(n, entry, paid);
            if (amountProblem != null) {
                return new ProcessingResult(Outcome.WRONG_AMOUNT, amountProblem, no);
            }
        }

        // 2.5
        if (refund) {
            return refund(n, entry);
        }
        if (status == null) {
            return new ProcessingResult(Outcome.IGNORED, "no trade_status", no);
        }
        if (paid) {
            return pay(n, entry);
        }
        if (status.equals(TradeStatus.TRADE_CLOSED)) {
            return close(n, entry);
        }
        return new ProcessingResult(Outcome.IGNORED, "trade_status " + shorten(status.value()) + " needs no action", no);
    }

    private ProcessingResult pay(TradeNotification n, LedgerEntry entry) {
        String no = n.outTradeNo();
        if (entry.status() == LedgerStatus.CLOSED) {
            // Alipay does not pay a closed trade; if it says so, a person must look (answering fail keeps
            // the notification coming and visible in the journal).
            LOG.log(Level.ERROR, "Alipay reports out_trade_no {0} paid ({1}) but the ledger has it CLOSED;"
                    + " resolve it by hand", printable(no), n.tradeStatus());
            return new ProcessingResult(Outcome.ERROR, n.tradeStatus().value()
                    + " for a trade CLOSED in the ledger; resolve it by hand", no);
        }
        PaidTrade trade = new PaidTrade(no, n.tradeNo(), entry.totalFee(), paidAt(n), n.tradeStatus(),
                n.buyerId(), n.buyerEmail(), n.subject() != null ? n.subject() : entry.subject(),
                n.extraCommonParam(), n.source());
        boolean won;
        try {
            won = ledger.markPaid(trade, t -> {
                try {
                    handler.onPaid(t);
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (RuntimeException | Error e) {
                    throw new HandlerFailure(e);
                }
            });
        } catch (RuntimeException e) {
            HandlerFailure hf = handlerFailure(e);
            if (hf != null) {
                LOG.log(Level.ERROR, "onPaid threw for out_trade_no " + printable(no)
                        + "; the ledger rolled back and Alipay will send again", hf.getCause());
                return new ProcessingResult(Outcome.HANDLER_FAILED, "onPaid threw "
                        + hf.getCause().getClass().getName() + "; rolled back, Alipay will send again", no);
            }
            return unexpected(no, e);
        }
        return won
                ? new ProcessingResult(Outcome.PAID, n.tradeStatus().value() + ": paid, onPaid called", no)
                : new ProcessingResult(Outcome.DUPLICATE, n.tradeStatus().value() + ": already paid", no);
    }

    private ProcessingResult close(TradeNotification n, LedgerEntry entry) {
        String no = n.outTradeNo();
        if (entry.status() == LedgerStatus.PAID || entry.status() == LedgerStatus.REFUNDED) {
            LOG.log(Level.WARNING, "TRADE_CLOSED without refund_status for out_trade_no {0}, which the ledger has as {1};"
                    + " nothing changed", printable(no), entry.status());
            return new ProcessingResult(Outcome.IGNORED,
                    "TRADE_CLOSED without refund_status for a trade " + entry.status() + " in the ledger", no);
        }
        ledger.markClosed(no);
        try {
            handler.onClosed(n);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "onClosed threw for out_trade_no " + printable(no) + "; Alipay will send again", e);
            return new ProcessingResult(Outcome.HANDLER_FAILED,
                    "onClosed threw " + e.getClass().getName() + "; Alipay will send again", no);
        }
        return new ProcessingResult(Outcome.CLOSED, "TRADE_CLOSED: closed without payment", no);
    }

    private ProcessingResult refund(TradeNotification n, LedgerEntry entry) {
        String no = n.outTradeNo();
        String refundStatus = n.refundStatus() != null ? n.refundStatus().name() : shorten(n.parameter("refund_status"));
        boolean full = n.refundStatus() == RefundStatus.REFUND_SUCCESS
                && TradeStatus.TRADE_CLOSED.equals(n.tradeStatus());
        if (full && ledger.markRefunded(no) && entry.status() == LedgerStatus.UNPAID) {
            // The payment was never recorded (its first delivery failed): the trade ends REFUNDED here, so
            // a resend of that payment, a return or reconciliation never calls onPaid for money that went back.
            LOG.log(Level.WARNING, "full refund for out_trade_no {0}, which the ledger never saw paid: marked"
                    + " REFUNDED, onRefund called, onPaid will not be called for it", printable(no));
        }
        try {
            handler.onRefund(n);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "onRefund threw for out_trade_no " + printable(no) + "; Alipay will send again", e);
            return new ProcessingResult(Outcome.HANDLER_FAILED,
                    "onRefund threw " + e.getClass().getName() + "; Alipay will send again", no);
        }
        return new ProcessingResult(Outcome.REFUNDED, "refund_status=" + refundStatus + " ("
                + (full ? "full refund" : "trade_status " + n.tradeStatus()) + ")", no);
    }

    private static boolean isRefund(TradeNotification n) {
        if (n.refundStatus() != null) {
            return true;
        }
        // An unknown refund_status value is still a refund notification; a query answer's refund details
        // are not acted on (see processQueryResult).
        String raw = n.parameter("refund_status");
        return n.source() != NotificationSource.QUERY && raw != null && !raw.isBlank();
    }

    private String sellerProblem(TradeNotification n) {
        if (sellerIsId) {
            String id = n.sellerId();
            if (id == null || id.isBlank()) {
                return "seller_id is missing; the configured seller " + seller + " is a seller_id";
            }
            return seller.equals(id.trim()) ? null
                    : "seller_id " + shorten(id) + " is not the configured seller " + seller;
        }
        String email = n.sellerEmail();
        if (email == null || email.isBlank()) {
            return "seller_email is missing; the configured seller is an account name";
        }
        return seller.equalsIgnoreCase(email.trim()) ? null
                : "seller_email " + shorten(email) + " is not the configured seller " + seller;
    }

    /** total_fee against the recorded amount, as money (10.0 equals 10.00). Required for a payment. */
    private static String amountProblem(TradeNotification n, LedgerEntry entry, boolean paid) {
        BigDecimal fee = n.totalFee();
        if (fee == null) {
            return paid ? "total_fee is missing" : null;
        }
        return fee.compareTo(entry.totalFee()) == 0 ? null
                : "total_fee " + fee.toPlainString() + " differs from the recorded " + entry.totalFee().toPlainString();
    }

    private OffsetDateTime paidAt(TradeNotification n) {
        if (n.gmtPayment() != null) {
            return n.gmtPayment();
        }
        if (n.notifyTime() != null) {
            return n.notifyTime();
        }
        return OffsetDateTime.ofInstant(clock.instant(), CHINA);
    }

    private static ProcessingResult rejected(Verification v, String no) {
        if (v instanceof Verification.BadSignature b) {
            return new ProcessingResult(Outcome.BAD_SIGNATURE, "bad signature: " + b.reason(), no);
        }
        if (v instanceof Verification.UnsupportedSignType u) {
            return new ProcessingResult(Outcome.BAD_SIGNATURE, "sign_type not accepted: " + shorten(u.signType()), no);
        }
        if (v instanceof Verification.Malformed m) {
            return new ProcessingResult(Outcome.MALFORMED, m.reason(), no);
        }
        if (v instanceof Verification.NotifyIdRejected r) {
            return new ProcessingResult(Outcome.NOTIFY_ID_REJECTED, "notify_verify answered " + shorten(r.answer()), no);
        }
        if (v instanceof Verification.GatewayUnavailable g) {
            return new ProcessingResult(Outcome.GATEWAY_UNAVAILABLE,
                    "notify_verify could not be asked: " + g.reason() + "; Alipay will send again", no);
        }
        return new ProcessingResult(Outcome.ERROR, "the verifier gave no answer", no);
    }

    private static ProcessingResult unexpected(String no, RuntimeException e) {
        LOG.log(Level.ERROR, "processing failed for out_trade_no " + printable(no) + "; Alipay will send again", e);
        return new ProcessingResult(Outcome.ERROR, e.getClass().getName() + " while processing; Alipay will send again", no);
    }

    private static HandlerFailure handlerFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HandlerFailure hf) {
                return hf;
            }
        }
        return null;
    }

    /** Marks an exception of the application's handler, so it is told apart from a failing ledger. */
    private static final class HandlerFailure extends RuntimeException {
        HandlerFailure(Throwable cause) {
            super("the payment handler threw", cause, false, false);
        }
    }

    /**
     * The journal side of one delivery: rejected ones compactly within the budget, verified ones in full
     * with one write, or two around the slow steps ({@link #start}).
     */
    private final class Trace {
        private final DeliveryContext ctx;
        private final Map<String, String> parameters;
        private final byte[] body;
        private final Charset bodyCharset;
        private final Instant receivedAt;
        private long size;
        private boolean verified;
        private long startedId;

        Trace(DeliveryContext ctx, Map<String, String> parameters, byte[] body, Charset bodyCharset) {
            this.ctx = ctx;
            this.parameters = parameters;
            this.body = body;
            this.bodyCharset = bodyCharset;
            this.receivedAt = clock.instant();
            this.size = body != null ? body.length : -1;
        }

        private VerifiedDelivery delivery() {
            return new VerifiedDelivery(ctx.source(), ctx.remoteAddress(), receivedAt, parameters, size);
        }

        void start() {
            if (startedId != 0) {
                return;
            }
            try {
                startedId = journal.started(delivery());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "the notification journal failed to record a delivery; processing it anyway", e);
            }
            if (startedId == 0) {
                startedId = -1; // not recorded: the outcome is then written in one go
            }
        }

        /** Journals the outcome; returns whether the result is to be logged at its own level. */
        boolean finish(ProcessingResult r) {
            try {
                if (!verified) {
                    return rejected(r);
                }
                if (startedId > 0) {
                    journal.completed(startedId, r);
                } else {
                    journal.verified(delivery(), r);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "the notification journal failed to record outcome " + r.outcome()
                        + " of out_trade_no " + printable(r.outTradeNo()) + "; the answer stays " + r.answer(), e);
            }
            return true;
        }

        private boolean rejected(ProcessingResult r) {
            RejectionBudget.Admission admission = budget.admit(size);
            if (admission.dueSummary() != null) {
                journalRejected(admission.dueSummary());
            }
            if (!admission.record()) {
                return false;
            }
            // Without the raw bytes (parameters given already decoded), the parameters as a form stand in.
            byte[] bytes = body != null ? body : parameters.isEmpty() ? null : formText(parameters);
            long n = size >= 0 ? size : bytes != null ? bytes.length : -1;
            journalRejected(new RejectedDelivery(receivedAt, ctx.source(), ctx.remoteAddress(), n,
                    bytes != null ? sha256(bytes) : null, r.outcome(), r.reason(), excerpt(bytes, bodyCharset), 1));
            return true;
        }
    }

    private ProcessingResult finish(Trace trace, ProcessingResult r) {
        boolean logIt = trace.finish(r);
        // counted whether or not the rejected deliveries' budget lets it be journaled and logged one by one
        observer.notificationProcessed(trace.ctx.source(), r);
        if (logIt) {
            log(trace.ctx.source(), r);
        } else if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "Alipay {0}: {1} ({2}), answered {3}; over the rejected deliveries'' budget of {4}"
                    + " a minute, counted only", trace.ctx.source(), r.outcome(), printable(r.reason()), r.answer(),
                    budget.perMinute());
        }
        return r;
    }

    private void journalRejected(RejectedDelivery d) {
        try {
            journal.rejected(d);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the notification journal failed to record a rejected delivery", e);
        }
        if (d.summary()) {
            LOG.log(Level.WARNING, "Alipay endpoints: {0}", d.reason());
        }
    }

    /** The parameters as a form (unencoded), when the raw body is not at hand: for the digest and excerpt. */
    private static byte[] formText(Map<String, String> parameters) {
        StringBuilder b = new StringBuilder();
        parameters.forEach((k, v) -> {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(k).append('=').append(v);
        });
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The start of the body as text, lenient (a form body is ASCII; junk becomes replacement characters). */
    private static String excerpt(byte[] bytes, Charset cs) {
        if (bytes == null) {
            return null;
        }
        int n = Math.min(bytes.length, RejectedDelivery.EXCERPT_MAX);
        try {
            return (cs != null ? cs : StandardCharsets.UTF_8).newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    private static void log(NotificationSource source, ProcessingResult r) {
        Level level = switch (r.outcome()) {
            case PAID, CLOSED, REFUNDED -> Level.INFO;
            case DUPLICATE, IGNORED -> Level.DEBUG;
            case HANDLER_FAILED, ERROR -> Level.ERROR;
            default -> Level.WARNING;
        };
        if (LOG.isLoggable(level)) {
            LOG.log(level, "Alipay {0} for out_trade_no {1}: {2} ({3}), answered {4}", source,
                    printable(r.outTradeNo()), r.outcome(), printable(r.reason()), r.answer());
        }
    }

    /** A copy without nulls (a decoded form has none), in the order received. */
    private static Map<String, String> copy(Map<String, String> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((k, v) -> {
            if (k != null) {
                copy.put(k, v == null ? "" : v);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    private static String shorten(String s) {
        return s == null ? "null" : Texts.forLog(s, 77);
    }

    /** For log lines: no line breaks or other control characters from the outside world. */
    private static String printable(String s) {
        return Texts.forLog(s);
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

        public Builder verifier(NotificationVerifier verifier) {
            this.check = verifier == null ? null : NotificationCheck.of(verifier);
            return this;
        }

        public Builder check(NotificationCheck check) {
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

        /** For paidAt when a notification carries neither gmt_payment nor notify_time (default UTC system clock). */
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

        public NotificationProcessor build() {
            return new NotificationProcessor(this);
        }
    }
}

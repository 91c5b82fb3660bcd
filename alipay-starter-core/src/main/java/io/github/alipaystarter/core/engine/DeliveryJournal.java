package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.internal.FormFields;
import io.github.alipaystarter.core.internal.Texts;
import io.github.alipaystarter.core.observe.AlipayObserver;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.RejectedDelivery;
import io.github.alipaystarter.core.store.VerifiedDelivery;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journal and log side of the {@link NotificationProcessor}, the journal's only writer: a rejected delivery
 * compactly within the {@link RejectionBudget}, a verified one in full with one write, or with two around
 * the slow steps ({@link Trace#start}). A journal that fails is logged and never changes an answer.
 */
final class DeliveryJournal {

    private static final System.Logger LOG = System.getLogger(NotificationProcessor.class.getName());

    private final NotificationJournal journal;
    private final RejectionBudget budget;
    private final Clock clock;
    private final AlipayObserver observer;

    DeliveryJournal(NotificationJournal journal, RejectionBudget budget, Clock clock, AlipayObserver observer) {
        this.journal = journal;
        this.budget = budget;
        this.clock = clock;
        this.observer = observer;
    }

    /**
     * A new delivery's trace, with a copy of its parameters without nulls, in the order received (a
     * decoded form, read-only and without nulls, is kept as it is); {@code body} is the raw bytes when
     * they were read, else null.
     */
    Trace trace(DeliveryContext ctx, Map<String, String> parameters, byte[] body, Charset bodyCharset) {
        if (parameters instanceof FormFields form) {
            return new Trace(ctx, form, body, bodyCharset);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (parameters != null) {
            parameters.forEach((k, v) -> {
                if (k != null) {
                    copy.put(k, v == null ? "" : v);
                }
            });
        }
        return new Trace(ctx, Collections.unmodifiableMap(copy), body, bodyCharset);
    }

    /** Writes the summary of a minute over the budget that is over, if any. */
    void flushRejectedSummary() {
        RejectedDelivery due = budget.drain();
        if (due != null) {
            rejected(due);
        }
    }

    /** One delivery, from its arrival to its outcome. */
    final class Trace {
        final DeliveryContext ctx;
        final Map<String, String> parameters;
        private final byte[] body;
        private final Charset bodyCharset;
        private final Instant receivedAt;
        private long size;
        private boolean verified;
        private long startedId;
        /** The outcome the journal wrote inside the ledger's transaction, if it did. */
        private ProcessingResult writtenWithPayment;

        private Trace(DeliveryContext ctx, Map<String, String> parameters, byte[] body, Charset bodyCharset) {
            this.ctx = ctx;
            this.parameters = parameters;
            this.body = body;
            this.bodyCharset = bodyCharset;
            this.receivedAt = clock.instant();
            this.size = body != null ? body.length : -1;
        }

        /** The declared or counted size of a body that was not read. */
        void size(long size) {
            this.size = size;
        }

        /** The delivery's origin is established (signature right, or our own query): journaled in full. */
        void verified() {
            this.verified = true;
        }

        private VerifiedDelivery delivery() {
            return new VerifiedDelivery(ctx.source(), ctx.remoteAddress(), receivedAt, parameters, size);
        }

        /** Writes a processing entry before steps that may be slow or cut short by a crash. */
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

        /**
         * Inside the ledger's payment transition, after onPaid returned: lets the journal write the
         * expected outcome in the same unit of work. Never throws (the payment must not depend on it).
         */
        void completeWithPayment(ProcessingResult expected) {
            if (startedId <= 0) {
                return;
            }
            try {
                if (journal.completedWithPayment(startedId, expected)) {
                    writtenWithPayment = expected;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the notification journal failed to record a payment's outcome with the"
                        + " payment; it is recorded after it", e);
            }
        }

        /** Journals, observes and logs the outcome; returns it. */
        ProcessingResult finish(ProcessingResult r) {
            boolean logIt = journal(r);
            // counted whether or not the rejected deliveries' budget lets it be journaled and logged one by one
            observer.notificationProcessed(ctx.source(), r);
            if (logIt) {
                log(ctx.source(), r);
            } else if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "Alipay {0}: {1} ({2}), answered {3}; over the rejected deliveries'' budget of"
                        + " {4} a minute, counted only", ctx.source(), r.outcome(), Texts.forLog(r.reason()),
                        r.answer(), budget.perMinute());
            }
            return r;
        }

        /** Journals the outcome; returns whether the result is to be logged at its own level. */
        private boolean journal(ProcessingResult r) {
            try {
                if (!verified) {
                    return rejected(r);
                }
                if (startedId > 0) {
                    // Written with the payment when the ledger committed what was expected; otherwise (rolled
                    // back, or not written there) the outcome answered is written now.
                    if (r != writtenWithPayment) {
                        journal.completed(startedId, r);
                    }
                } else {
                    journal.verified(delivery(), r);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "the notification journal failed to record outcome " + r.outcome()
                        + " of out_trade_no " + Texts.forLog(r.outTradeNo()) + "; the answer stays " + r.answer(), e);
            }
            return true;
        }

        private boolean rejected(ProcessingResult r) {
            RejectionBudget.Admission admission = budget.admit(size);
            if (admission.dueSummary() != null) {
                DeliveryJournal.this.rejected(admission.dueSummary());
            }
            if (!admission.record()) {
                return false;
            }
            // Without the raw bytes (parameters given already decoded), the parameters as a form stand in.
            byte[] bytes = body != null ? body : parameters.isEmpty() ? null : formText(parameters);
            long n = size >= 0 ? size : bytes != null ? bytes.length : -1;
            DeliveryJournal.this.rejected(new RejectedDelivery(receivedAt, ctx.source(), ctx.remoteAddress(), n,
                    bytes != null ? sha256(bytes) : null, r.outcome(), r.reason(), excerpt(bytes, bodyCharset), 1));
            return true;
        }
    }

    private void rejected(RejectedDelivery d) {
        try {
            journal.rejected(d);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the notification journal failed to record a rejected delivery", e);
        }
        if (d.summary()) {
            LOG.log(Level.WARNING, "Alipay endpoints: {0}", d.reason());
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
                    Texts.forLog(r.outTradeNo()), r.outcome(), Texts.forLog(r.reason()), r.answer());
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
        } catch (CharacterCodingException e) {
            return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        }
    }
}

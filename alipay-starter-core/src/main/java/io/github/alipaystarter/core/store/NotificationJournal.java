package io.github.alipaystarter.core.store;

import io.github.alipaystarter.core.engine.NotificationProcessor;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The record of every notification, return and query answer (the guide's log_result, done properly),
 * written by the {@link NotificationProcessor} only, after the signature check:
 * <ul>
 *   <li>a <b>verified</b> delivery is kept in full (all its parameters) with its outcome, in one write
 *       ({@link #verified}) when the outcome is known without slow steps (a duplicate, a wrong amount),
 *       or as a processing entry ({@link #started}) completed afterwards ({@link #completed}) when it
 *       goes on to the gateway and the PAID transition, so that a crash in between leaves a trace;</li>
 *   <li>a <b>rejected</b> delivery (bad signature, malformed, oversized) is kept compactly
 *       ({@link #rejected}), apart from the orders' history, within a volume budget the processor
 *       applies: anyone can send one.</li>
 * </ul>
 * Every read is bounded: at most {@link #MAX_PAGE_SIZE} entries. Writes must not throw for odd input;
 * the processor logs a write that fails and carries on (the ledger, not the journal, decides payments).
 */
public interface NotificationJournal {

    /** The largest page {@link #page} and {@link #rejectedPage} return, whatever size is asked for. */
    int MAX_PAGE_SIZE = 200;

    /** Records a verified delivery whose outcome is already known: one write. */
    void verified(VerifiedDelivery delivery, ProcessingResult result);

    /**
     * Records a verified delivery that is about to take steps that may be slow or be cut short by a
     * crash (notify_verify, the PAID transition); {@link #completed} adds the outcome. An entry left
     * without outcome by a crash is closed as {@link Outcome#INTERRUPTED} later (see the JDBC journal).
     *
     * @return an id for {@link #completed}; 0 when nothing was recorded
     */
    long started(VerifiedDelivery delivery);

    /** Adds the outcome to an entry of {@link #started}; an id of 0 or below is ignored. */
    void completed(long id, ProcessingResult result);

    /**
     * Offers to add the outcome of a payment to an entry of {@link #started} as part of the ledger's own
     * unit of work: called inside {@link PaymentLedger#markPaid}'s callback, after onPaid returned, with the
     * {@link Outcome#PAID} result the processor will answer if the ledger then commits. A journal that
     * shares the ledger's transaction may write it there, so that the PAID state and its journal line are
     * committed together, with one write and one commit fewer; it must not let a failure of its own undo
     * the payment (catch it and return false). When the ledger rolls back after all, the processor calls
     * {@link #completed} with the outcome it answers instead.
     *
     * @return whether the outcome was written (false: the processor calls {@link #completed} afterwards)
     */
    default boolean completedWithPayment(long id, ProcessingResult result) {
        return false;
    }

    /** Records a rejected delivery, or a summary of those over the budget, compactly. */
    void rejected(RejectedDelivery delivery);

    /**
     * One page of verified entries, newest first: every one, or only those of {@code outTradeNo} when it
     * is not null. Bounded whatever the journal holds: {@code size} is capped at {@link #MAX_PAGE_SIZE}; a
     * negative page or a size below 1 gives an empty list.
     *
     * @param page the page, from 0
     */
    List<JournalEntry> page(String outTradeNo, int page, int size);

    /** One page of rejected entries (and summaries), newest first, bounded as {@link #page}. */
    List<JournalEntry> rejectedPage(int page, int size);

    /** The most recent verified entries, newest first, at most {@code min(limit, MAX_PAGE_SIZE)}. */
    default List<JournalEntry> latest(int limit) {
        return limit <= 0 ? List.of() : page(null, 0, limit);
    }

    /**
     * The newest {@link #MAX_PAGE_SIZE} entries of one out_trade_no, oldest first.
     *
     * @deprecated unbounded before 0.1.0; use {@link #page} (newest first), which pages through all of them
     */
    @Deprecated(forRemoval = true)
    default List<JournalEntry> findByOutTradeNo(String outTradeNo) {
        if (outTradeNo == null) {
            return List.of();
        }
        List<JournalEntry> newestFirst = new ArrayList<>(page(outTradeNo, 0, MAX_PAGE_SIZE));
        Collections.reverse(newestFirst);
        return List.copyOf(newestFirst);
    }

    /** A journal that keeps nothing (tests, or users who opt out). */
    NotificationJournal NONE = new NotificationJournal() {
        @Override
        public void verified(VerifiedDelivery delivery, ProcessingResult result) {
        }

        @Override
        public long started(VerifiedDelivery delivery) {
            return 0;
        }

        @Override
        public void completed(long id, ProcessingResult result) {
        }

        @Override
        public void rejected(RejectedDelivery delivery) {
        }

        @Override
        public List<JournalEntry> page(String outTradeNo, int page, int size) {
            return List.of();
        }

        @Override
        public List<JournalEntry> rejectedPage(int page, int size) {
            return List.of();
        }
    };
}

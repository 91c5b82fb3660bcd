package io.github.alipaystarter.core.payment;

import io.github.alipaystarter.core.notify.NotificationSource;
import java.util.List;
import java.util.Map;

/**
 * Keeps every notification and return received, with its raw parameters (or raw body when it could
 * not be decoded), and its outcome (the guide's log_result, done properly). Nothing received is
 * dropped, even unparseable input.
 */
public interface NotificationJournal {

    /** Records the arrival; returns an id for {@link #completed}. Must not throw for odd input. */
    long received(NotificationSource source, Map<String, String> parameters, String rawBody);

    void completed(long id, ProcessingResult result);

    /** The entries of one out_trade_no, oldest first. */
    List<JournalEntry> findByOutTradeNo(String outTradeNo);

    /** The most recent entries, newest first. */
    List<JournalEntry> latest(int limit);

    /** The largest page {@link #page} returns, whatever size is asked for. */
    int MAX_PAGE_SIZE = 200;

    /**
     * One page of entries, newest first: every entry, or only those of {@code outTradeNo} when it is not
     * null. Bounded whatever the journal holds: {@code size} is capped at {@link #MAX_PAGE_SIZE}; a
     * negative page or a size below 1 gives an empty list.
     *
     * @param page the page, from 0
     */
    List<JournalEntry> page(String outTradeNo, int page, int size);

    /** A journal that keeps nothing (tests, or users who opt out). */
    NotificationJournal NONE = new NotificationJournal() {
        @Override
        public long received(NotificationSource source, Map<String, String> parameters, String rawBody) {
            return 0;
        }

        @Override
        public void completed(long id, ProcessingResult result) {
        }

        @Override
        public List<JournalEntry> findByOutTradeNo(String outTradeNo) {
            return List.of();
        }

        @Override
        public List<JournalEntry> latest(int limit) {
            return List.of();
        }

        @Override
        public List<JournalEntry> page(String outTradeNo, int page, int size) {
            return List.of();
        }
    };
}

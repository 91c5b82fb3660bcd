package io.github.alipaystarter.core.payment;

import io.github.alipaystarter.core.notify.NotificationSource;
import java.util.List;
import java.util.Map;

/** A bounded in-memory {@link NotificationJournal} (the newest entries are kept). */
public final class InMemoryNotificationJournal implements NotificationJournal {

    public InMemoryNotificationJournal(int capacity) {
        throw new UnsupportedOperationException("TODO core: InMemoryNotificationJournal");
    }

    @Override
    public long received(NotificationSource source, Map<String, String> parameters, String rawBody) {
        throw new UnsupportedOperationException("TODO core");
    }

    @Override
    public void completed(long id, ProcessingResult result) {
        throw new UnsupportedOperationException("TODO core");
    }

    @Override
    public List<JournalEntry> findByOutTradeNo(String outTradeNo) {
        throw new UnsupportedOperationException("TODO core");
    }

    @Override
    public List<JournalEntry> latest(int limit) {
        throw new UnsupportedOperationException("TODO core");
    }
}

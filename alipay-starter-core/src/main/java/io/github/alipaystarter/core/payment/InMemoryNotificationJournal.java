package io.github.alipaystarter.core.payment;

import io.github.alipaystarter.core.notify.NotificationSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded in-memory {@link NotificationJournal}: the newest {@code capacity} entries are kept, the
 * oldest dropped first. Thread-safe. Completing an entry that was already dropped does nothing.
 */
public final class InMemoryNotificationJournal implements NotificationJournal {

    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<Long, JournalEntry> entries = new LinkedHashMap<>();
    private long lastId;

    public InMemoryNotificationJournal(int capacity) {
        this(capacity, Clock.systemUTC());
    }

    public InMemoryNotificationJournal(int capacity, Clock clock) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized long received(NotificationSource source, Map<String, String> parameters, String rawBody) {
        Map<String, String> copy = copy(parameters);
        long id = ++lastId;
        entries.put(id, new JournalEntry(id, source, copy.get("out_trade_no"), copy.get("notify_id"),
                copy.get("trade_status"), copy, rawBody, null, null, clock.instant(), null));
        if (entries.size() > capacity) {
            Iterator<Long> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return id;
    }

    @Override
    public synchronized void completed(long id, ProcessingResult result) {
        JournalEntry e = entries.get(id);
        if (e == null || result == null) {
            return;
        }
        // Replacing the value of an existing key keeps its place in the insertion order.
        entries.put(id, new JournalEntry(e.id(), e.source(),
                e.outTradeNo() != null ? e.outTradeNo() : result.outTradeNo(), e.notifyId(), e.tradeStatus(),
                e.parameters(), e.rawBody(), result.outcome(), result.reason(), e.receivedAt(), clock.instant()));
    }

    @Override
    public synchronized List<JournalEntry> findByOutTradeNo(String outTradeNo) {
        if (outTradeNo == null) {
            return List.of();
        }
        List<JournalEntry> found = new ArrayList<>();
        for (JournalEntry e : entries.values()) {
            if (outTradeNo.equals(e.outTradeNo())) {
                found.add(e);
            }
        }
        return List.copyOf(found);
    }

    @Override
    public synchronized List<JournalEntry> latest(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<JournalEntry> all = new ArrayList<>(entries.values());
        Collections.reverse(all);
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    @Override
    public synchronized List<JournalEntry> page(String outTradeNo, int page, int size) {
        if (page < 0 || size < 1) {
            return List.of();
        }
        int limit = Math.min(size, MAX_PAGE_SIZE);
        long skip = (long) page * limit;
        List<JournalEntry> all = new ArrayList<>(entries.values());
        Collections.reverse(all);
        List<JournalEntry> found = new ArrayList<>(limit);
        for (JournalEntry e : all) {
            if (outTradeNo != null && !outTradeNo.equals(e.outTradeNo())) {
                continue;
            }
            if (skip > 0) {
                skip--;
                continue;
            }
            found.add(e);
            if (found.size() == limit) {
                break;
            }
        }
        return List.copyOf(found);
    }

    /** An unmodifiable copy that tolerates null maps, null names and null values (odd input is kept, not refused). */
    private static Map<String, String> copy(Map<String, String> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((k, v) -> copy.put(k == null ? "" : k, v == null ? "" : v));
        return Collections.unmodifiableMap(copy);
    }
}

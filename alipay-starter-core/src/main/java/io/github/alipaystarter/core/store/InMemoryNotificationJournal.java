package io.github.alipaystarter.core.store;

import io.github.alipaystarter.core.payment.ProcessingResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded in-memory {@link NotificationJournal}: the newest {@code capacity} verified entries and,
 * apart from them, the newest {@code capacity} rejected entries are kept, the oldest dropped first, so
 * that a flood of forged deliveries never pushes real ones out. Thread-safe. Completing an entry that
 * was already dropped does nothing.
 */
public final class InMemoryNotificationJournal implements NotificationJournal {

    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<Long, JournalEntry> entries = new LinkedHashMap<>();
    private final LinkedHashMap<Long, JournalEntry> rejected = new LinkedHashMap<>();
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
    public synchronized void verified(VerifiedDelivery delivery, ProcessingResult result) {
        if (delivery == null) {
            return;
        }
        long id = add(delivery);
        completed(id, result);
    }

    @Override
    public synchronized long started(VerifiedDelivery delivery) {
        return delivery == null ? 0 : add(delivery);
    }

    private long add(VerifiedDelivery d) {
        Map<String, String> copy = copy(d.parameters());
        long id = ++lastId;
        put(entries, id, new JournalEntry(id, d.source(), copy.get("out_trade_no"), copy.get("notify_id"),
                copy.get("trade_status"), copy, null, null, null, d.receivedAt(), null, d.remoteAddress(),
                d.bodySize(), null, false, 1));
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
                e.parameters(), e.rawBody(), result.outcome(), result.reason(), e.receivedAt(), clock.instant(),
                e.remoteAddress(), e.bodySize(), e.bodyDigest(), false, 1));
    }

    @Override
    public synchronized void rejected(RejectedDelivery d) {
        if (d == null) {
            return;
        }
        long id = ++lastId;
        put(rejected, id, new JournalEntry(id, d.source(), null, null, null, Map.of(), d.excerpt(), d.outcome(),
                d.reason(), d.receivedAt(), d.receivedAt(), d.remoteAddress(), d.size(), d.sha256(), true,
                d.deliveries()));
    }

    private void put(LinkedHashMap<Long, JournalEntry> map, long id, JournalEntry entry) {
        map.put(id, entry);
        if (map.size() > capacity) {
            Iterator<Long> oldest = map.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    @Override
    public synchronized List<JournalEntry> page(String outTradeNo, int page, int size) {
        return page(entries, outTradeNo, page, size);
    }

    @Override
    public synchronized List<JournalEntry> rejectedPage(int page, int size) {
        return page(rejected, null, page, size);
    }

    private static List<JournalEntry> page(LinkedHashMap<Long, JournalEntry> map, String outTradeNo, int page,
            int size) {
        if (page < 0 || size < 1) {
            return List.of();
        }
        int limit = Math.min(size, MAX_PAGE_SIZE);
        long skip = (long) page * limit;
        List<JournalEntry> all = new ArrayList<>(map.values());
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

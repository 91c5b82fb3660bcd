package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.store.LedgerRules;
import io.github.alipaystarter.core.store.LedgerStatus;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded memory, per processor, of trades known to be settled: seen PAID or REFUNDED in the ledger, or
 * paid by this processor's own {@code markPaid}. A repeated paid notification for such a trade is a
 * DUPLICATE whatever the ledger holds now, because a PAID or REFUNDED trade never becomes UNPAID or
 * CLOSED again ({@link LedgerRules#sourcesOf}): the memory spares the ledger read, never changes an
 * outcome. It is per instance: what another instance settles is learnt with one ledger read.
 *
 * <p>Eviction: two generations, each of at most half the capacity (a capacity of 1: one generation). When
 * the newer one is full it becomes the older one and the older one is dropped, so a trade settled
 * recently stays known, and the memory holds at most the capacity (plus, for a moment, one entry per
 * delivery racing with the turnover). A look-up reads two {@link ConcurrentHashMap}s without a lock;
 * the turnover takes one. An entry is the out_trade_no (the notification's string), its recorded amount
 * and its status: about 100 to 150 bytes with the map's node. Thread-safe.
 */
final class SettledTrades {

    /** What the checks of a paid notification need of a settled trade. */
    record Settled(BigDecimal totalFee, LedgerStatus status) {
    }

    private final int capacity;
    private final int perGeneration;
    private final boolean twoGenerations;
    private volatile Map<String, Settled> newer = new ConcurrentHashMap<>();
    private volatile Map<String, Settled> older = new ConcurrentHashMap<>();

    /** @param capacity how many trades are remembered at most; 0 remembers none */
    SettledTrades(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("the number of settled trades remembered must be 0 or more, was "
                    + capacity);
        }
        this.capacity = capacity;
        this.twoGenerations = capacity >= 2;
        this.perGeneration = twoGenerations ? capacity / 2 : capacity;
    }

    /** The remembered trade, or null. */
    Settled get(String outTradeNo) {
        if (capacity == 0) {
            return null;
        }
        Settled s = newer.get(outTradeNo);
        return s != null ? s : older.get(outTradeNo);
    }

    /** Remembers a trade seen PAID or REFUNDED (any other status is ignored). */
    void put(String outTradeNo, BigDecimal totalFee, LedgerStatus status) {
        if (capacity == 0 || (status != LedgerStatus.PAID && status != LedgerStatus.REFUNDED)) {
            return;
        }
        Map<String, Settled> current = newer;
        if (current.size() >= perGeneration && !current.containsKey(outTradeNo)) {
            current = turnOver(current);
        }
        current.put(outTradeNo, new Settled(totalFee, status));
    }

    /** Forgets a trade, so that its next paid notification reads the ledger (after a refund changed it). */
    void forget(String outTradeNo) {
        if (capacity == 0) {
            return;
        }
        newer.remove(outTradeNo);
        older.remove(outTradeNo);
    }

    /** How many trades are remembered (a trade in both generations counts twice). */
    int size() {
        return newer.size() + older.size();
    }

    private synchronized Map<String, Settled> turnOver(Map<String, Settled> full) {
        if (newer == full) {
            older = twoGenerations ? full : new ConcurrentHashMap<>();
            newer = new ConcurrentHashMap<>();
        }
        return newer;
    }
}

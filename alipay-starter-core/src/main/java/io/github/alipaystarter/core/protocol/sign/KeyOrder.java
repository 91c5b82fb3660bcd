package io.github.alipaystarter.core.protocol.sign;

import java.util.Arrays;

/**
 * A key sequence (in arrival order), its canonical order ({@link String#compareTo} on the keys, as in
 * {@link CanonicalContent}) and, when every key is ASCII, the bytes {@code key=} of each key in that
 * order, {@code &} before all but the first; immutable, never changed once published.
 *
 * <p>The order of a key sequence is remembered (a few sequences, by their length), so that the next map
 * with the same keys in the same arrival order (every notification of a kind, every request) is neither
 * sorted nor are its keys encoded again.
 */
final class KeyOrder {

    final String[] keys;
    final int[] order;
    final byte[] fragments;
    final int[] fragmentStart;

    private KeyOrder(String[] keys, int[] order) {
        this.keys = keys;
        this.order = order;
        boolean ascii = true;
        int total = 0;
        for (String k : keys) {
            ascii &= CanonicalBytes.isAscii(k);
            total += k.length() + 2;
        }
        if (!ascii) {
            this.fragments = null;
            this.fragmentStart = null;
            return;
        }
        byte[] f = new byte[total];
        int[] start = new int[keys.length + 1];
        int at = 0;
        for (int i = 0; i < keys.length; i++) {
            start[i] = at;
            if (i > 0) {
                f[at++] = '&';
            }
            String k = keys[order[i]];
            for (int c = 0; c < k.length(); c++) {
                f[at++] = (byte) k.charAt(c);
            }
            f[at++] = '=';
        }
        start[keys.length] = at;
        this.fragments = f;
        this.fragmentStart = start;
    }

    boolean matches(String[] other, int n) {
        if (n != keys.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!keys[i].equals(other[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The last orders computed, one per key count modulo the length (so that requests and notifications,
     * which differ in count, do not evict each other); read and written without locking: a {@code KeyOrder}
     * has only final fields, and a stale or overwritten slot is only a miss.
     */
    private static final KeyOrder[] LAST = new KeyOrder[16];

    /**
     * The canonical order of {@code keys[0..n)}: the indexes in {@link String#compareTo} order. Up to 256
     * keys whose first seven chars are below U+0100 (every real parameter set): those chars packed into a
     * long with the index in the low byte, sorted as primitives, then only keys with equal prefixes
     * compared with compareTo. Otherwise a comparator sort. The result is shared with later calls for the
     * same key sequence: callers must not change it.
     */
    static KeyOrder of(String[] keys, int n) {
        int slot = n & (LAST.length - 1);
        KeyOrder last = LAST[slot];
        if (last != null && last.matches(keys, n)) {
            return last;
        }
        String[] copy = Arrays.copyOf(keys, n);
        KeyOrder order = new KeyOrder(copy, sortedOrder(copy, n));
        LAST[slot] = order;
        return order;
    }

    private static int[] sortedOrder(String[] keys, int n) {
        int[] order = new int[n];
        long[] packed = n <= 256 ? new long[n] : null;
        for (int i = 0; i < n && packed != null; i++) {
            long p = prefix(keys[i]);
            if (p < 0) {
                packed = null;
            } else {
                // the sign bit flipped, so that signed order is the unsigned order of the packed chars
                packed[i] = (p << 8 | i) ^ Long.MIN_VALUE;
            }
        }
        if (packed == null) {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (a, b) -> keys[a].compareTo(keys[b]));
            for (int i = 0; i < n; i++) {
                order[i] = boxed[i];
            }
            return order;
        }
        Arrays.sort(packed);
        for (int i = 0; i < n; i++) {
            order[i] = (int) (packed[i] & 0xFF);
        }
        // runs of equal prefixes (notify_id, notify_time, notify_type): insertion sort by the whole key
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || (packed[i] >>> 8) != (packed[start] >>> 8)) {
                for (int a = start + 1; a < i; a++) {
                    int x = order[a];
                    int b = a - 1;
                    while (b >= start && keys[order[b]].compareTo(keys[x]) > 0) {
                        order[b + 1] = order[b];
                        b--;
                    }
                    order[b + 1] = x;
                }
                start = i;
            }
        }
        return order;
    }

    /**
     * The first seven chars as 8-bit values (shorter keys padded with 0): a non-negative long whose order
     * is that of compareTo on those chars; -1 when one of them is U+0100 or above.
     */
    private static long prefix(String key) {
        long p = 0;
        int len = key.length();
        for (int i = 0; i < 7; i++) {
            int c = i < len ? key.charAt(i) : 0;
            if (c > 0xFF) {
                return -1;
            }
            p = p << 8 | c;
        }
        return p;
    }
}

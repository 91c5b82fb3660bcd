package io.github.alipaystarter.core.protocol.sign;

import java.util.Arrays;

/**
 * A key sequence (in arrival order), its canonical order ({@link String#compareTo} on the keys, as in
 * {@link CanonicalContent}) without {@code sign} and {@code sign_type}, which are not signed, and, when
 * every signed key is ASCII, the chars {@code key=} of each key in that order, {@code &} before all but
 * the first (also as bytes); immutable, never changed once published.
 *
 * <p>The order of a key sequence is remembered (a few sequences, by their length), so that the next map
 * with the same keys in the same arrival order (every notification of a kind, every request) is neither
 * sorted nor are its keys compared with {@code sign} and {@code sign_type} again: one {@code equals}
 * per key.
 */
final class KeyOrder {

    final String[] keys;
    /** Indexes into {@link #keys}, {@code sign} and {@code sign_type} left out, in canonical order. */
    final int[] order;
    final char[] fragments;
    /** {@link #fragments} as bytes (ASCII), or null with them. */
    final byte[] fragmentBytes;
    /** Where the fragment of {@code order[i]} starts in {@link #fragments}; one more entry for the end. */
    final int[] fragmentStart;

    private KeyOrder(String[] keys, int[] order) {
        this.keys = keys;
        this.order = order;
        boolean ascii = true;
        int total = 0;
        for (int k : order) {
            ascii &= CanonicalBytes.isAscii(keys[k]);
            total += keys[k].length() + 2;
        }
        if (!ascii) {
            this.fragments = null;
            this.fragmentBytes = null;
            this.fragmentStart = null;
            return;
        }
        char[] f = new char[total];
        int[] start = new int[order.length + 1];
        int at = 0;
        for (int i = 0; i < order.length; i++) {
            start[i] = at;
            if (i > 0) {
                f[at++] = '&';
            }
            String k = keys[order[i]];
            k.getChars(0, k.length(), f, at);
            at += k.length();
            f[at++] = '=';
        }
        start[order.length] = at;
        byte[] fb = new byte[total];
        for (int i = 0; i < total; i++) {
            fb[i] = (byte) f[i];
        }
        this.fragments = f;
        this.fragmentBytes = fb;
        this.fragmentStart = start;
    }

    /**
     * The last orders computed, one per map size modulo the length (so that requests and notifications,
     * which differ in size, do not evict each other); read and written without locking: a
     * {@code KeyOrder} has only final fields, and a stale or overwritten slot is only a miss.
     */
    private static final KeyOrder[] LAST = new KeyOrder[16];

    /**
     * The order last computed for a map of {@code mapSize} entries, or null. The caller uses it only if
     * its keys, in arrival order, equal {@link #keys} (the caller compares them while it reads the map,
     * where the comparisons cost next to nothing).
     */
    static KeyOrder remembered(int mapSize) {
        return LAST[mapSize & (LAST.length - 1)];
    }

    /**
     * The canonical order of {@code keys[0..n)}, taken from a map of {@code mapSize} entries, computed
     * and remembered for the next map of that size. Up to 256 keys whose first seven chars are below
     * U+0100 (every real parameter set): those chars packed into a long with the index in the low byte,
     * sorted as primitives, then only keys with equal prefixes compared with compareTo. Otherwise a
     * comparator sort. The result is shared with later calls for the same key sequence: callers must not
     * change it.
     */
    static KeyOrder of(String[] keys, int n, int mapSize) {
        String[] copy = Arrays.copyOf(keys, n);
        KeyOrder order = new KeyOrder(copy, signed(copy, sortedOrder(copy, n)));
        LAST[mapSize & (LAST.length - 1)] = order;
        return order;
    }

    /** {@code order} without the indexes of {@code sign} and {@code sign_type}. */
    private static int[] signed(String[] keys, int[] order) {
        int[] signed = new int[order.length];
        int n = 0;
        for (int k : order) {
            if (!"sign".equals(keys[k]) && !"sign_type".equals(keys[k])) {
                signed[n++] = k;
            }
        }
        return n == order.length ? signed : Arrays.copyOf(signed, n);
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

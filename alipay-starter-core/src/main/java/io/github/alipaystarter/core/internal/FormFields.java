package io.github.alipaystarter.core.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The fields of a decoded form, in the order of arrival: an immutable map backed by two arrays, with no
 * null key or value and no repeated key, that also knows which values are pure ASCII (every char below
 * U+0080), as the decoder saw from the bytes. Lets the signature check read the fields by position,
 * without entry objects, and copy an ASCII value's chars as bytes without looking at them again.
 *
 * <p>A map like any other otherwise: {@code equals} and {@code hashCode} as {@link Map} defines them,
 * {@code toString} as {@link java.util.LinkedHashMap}'s, every mutator throws
 * {@link UnsupportedOperationException}. Lookups scan the keys (compared first by a small fingerprint of
 * length and end chars) up to {@value #LINEAR_MAX} fields, and use a hash index above.
 */
public final class FormFields extends AbstractMap<String, String> {

    /** Up to this many fields lookups are a scan; above, a {@link HashMap} of the positions is kept. */
    static final int LINEAR_MAX = 32;

    private static final FormFields EMPTY =
            new FormFields(new String[0], new String[0], new boolean[0], new int[0], 0, false, null);

    private final String[] keys;
    private final String[] values;
    private final boolean[] ascii;
    private final int[] fingerprints;
    private final int size;
    private final boolean emptyValue;
    /** Key to position, only above {@link #LINEAR_MAX} fields. */
    private final Map<String, Integer> index;

    private FormFields(String[] keys, String[] values, boolean[] ascii, int[] fingerprints, int size,
            boolean emptyValue, Map<String, Integer> index) {
        this.keys = keys;
        this.values = values;
        this.ascii = ascii;
        this.fingerprints = fingerprints;
        this.size = size;
        this.emptyValue = emptyValue;
        this.index = index;
    }

    /** The map without fields. */
    public static FormFields empty() {
        return EMPTY;
    }

    /** The key of the field at {@code i} (arrival order, {@code 0 <= i < size()}). */
    public String key(int i) {
        checkIndex(i);
        return keys[i];
    }

    /** The value of the field at {@code i}. */
    public String value(int i) {
        checkIndex(i);
        return values[i];
    }

    /** Whether every char of the value at {@code i} is below U+0080. */
    public boolean isAscii(int i) {
        checkIndex(i);
        return ascii[i];
    }

    /** Whether one of the values is the empty string. */
    public boolean hasEmptyValue() {
        return emptyValue;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("field " + i + " of " + size);
        }
    }

    private static int fingerprint(String key) {
        int n = key.length();
        return n == 0 ? 0 : n << 16 | (key.charAt(0) & 0xFF) << 8 | (key.charAt(n - 1) & 0xFF);
    }

    private int indexOf(Object key) {
        if (!(key instanceof String k)) {
            return -1;
        }
        if (index != null) {
            Integer i = index.get(k);
            return i == null ? -1 : i;
        }
        int f = fingerprint(k);
        int[] fp = fingerprints;
        String[] ks = keys;
        for (int i = 0, n = size; i < n; i++) {
            if (fp[i] == f && k.equals(ks[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public String get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public String getOrDefault(Object key, String defaultValue) {
        int i = indexOf(key);
        return i < 0 ? defaultValue : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
        for (int i = 0; i < size; i++) {
            if (values[i].equals(value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public boolean contains(Object o) {
                if (!(o instanceof Map.Entry<?, ?> e)) {
                    return false;
                }
                int i = indexOf(e.getKey());
                return i >= 0 && values[i].equals(e.getValue());
            }
        };
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < size; i++) {
            h += keys[i].hashCode() ^ values[i].hashCode();
        }
        return h;
    }

    // every mutator refuses, whether or not it would change anything (as Map.of's maps do)

    @Override
    public String put(String key, String value) {
        throw immutable();
    }

    @Override
    public String remove(Object key) {
        throw immutable();
    }

    @Override
    public void putAll(Map<? extends String, ? extends String> m) {
        throw immutable();
    }

    @Override
    public void clear() {
        throw immutable();
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super String, ? extends String> function) {
        throw immutable();
    }

    @Override
    public String putIfAbsent(String key, String value) {
        throw immutable();
    }

    @Override
    public boolean remove(Object key, Object value) {
        throw immutable();
    }

    @Override
    public boolean replace(String key, String oldValue, String newValue) {
        throw immutable();
    }

    @Override
    public String replace(String key, String value) {
        throw immutable();
    }

    @Override
    public String computeIfAbsent(String key, Function<? super String, ? extends String> mappingFunction) {
        throw immutable();
    }

    @Override
    public String computeIfPresent(String key,
            BiFunction<? super String, ? super String, ? extends String> remappingFunction) {
        throw immutable();
    }

    @Override
    public String compute(String key, BiFunction<? super String, ? super String, ? extends String> remappingFunction) {
        throw immutable();
    }

    @Override
    public String merge(String key, String value,
            BiFunction<? super String, ? super String, ? extends String> remappingFunction) {
        throw immutable();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static UnsupportedOperationException immutable() {
        return new UnsupportedOperationException("the fields of a form are read-only");
    }

    /** Collects the fields of one form, in arrival order; not thread-safe, used once. */
    public static final class Builder {
        private String[] keys;
        private String[] values;
        private boolean[] ascii;
        private int[] fingerprints;
        private int size;
        private boolean emptyValue;
        private Map<String, Integer> index;

        public Builder() {
            this(16);
        }

        /** A builder with room for {@code expected} fields (it grows as needed). */
        public Builder(int expected) {
            int n = Math.max(expected, 4);
            keys = new String[n];
            values = new String[n];
            ascii = new boolean[n];
            fingerprints = new int[n];
        }

        /**
         * Adds a field, unless one with the same key is there already: then returns false and changes
         * nothing. {@code asciiValue} must be true only when every char of {@code value} is below U+0080
         * (the decoder knows it from the bytes): signature checks copy such a value's chars as bytes
         * without looking at them, so a wrong {@code true} would hash other bytes than the value's.
         */
        public boolean add(String key, String value, boolean asciiValue) {
            if (key == null || value == null) {
                throw new NullPointerException(key == null ? "key" : "value");
            }
            assert !asciiValue || isAscii(value) : "a value declared ASCII is not";
            int f = fingerprint(key);
            if (index != null) {
                if (index.putIfAbsent(key, size) != null) {
                    return false;
                }
            } else {
                for (int i = 0; i < size; i++) {
                    if (fingerprints[i] == f && key.equals(keys[i])) {
                        return false;
                    }
                }
            }
            if (size == keys.length) {
                int n = size * 2;
                keys = Arrays.copyOf(keys, n);
                values = Arrays.copyOf(values, n);
                ascii = Arrays.copyOf(ascii, n);
                fingerprints = Arrays.copyOf(fingerprints, n);
            }
            keys[size] = key;
            values[size] = value;
            ascii[size] = asciiValue;
            fingerprints[size] = f;
            emptyValue |= value.isEmpty();
            size++;
            if (index == null && size > LINEAR_MAX) {
                index = new HashMap<>(size * 4);
                for (int i = 0; i < size; i++) {
                    index.put(keys[i], i);
                }
            }
            return true;
        }

        /** The fields added; the builder must not be used afterwards. */
        public FormFields build() {
            if (size == 0) {
                return EMPTY;
            }
            FormFields f = new FormFields(keys, values, ascii, fingerprints, size, emptyValue, index);
            keys = null;
            values = null;
            ascii = null;
            fingerprints = null;
            return f;
        }
    }
}

package io.github.alipaystarter.core.internal;

/**
 * The one place where text from the outside world (a notification's parameters, a gateway's answer, a
 * reason built from them) is made fit for a log line, an exception message or a database column.
 *
 * <p>{@link #forLog} keeps a log line one line: no line breaks or other control characters (a forged
 * body cannot start a fake log line), no Unicode line separators or bidirectional controls (a line
 * cannot be made to look like another), and a bounded length. {@link #forColumn} keeps a value
 * storable in a short text column of any supported database: no control characters (PostgreSQL
 * refuses NUL in text), no unpaired surrogates (not encodable in UTF-8), at most the column's length.
 * Both replace what they refuse by {@code '?'} and never split a surrogate pair when they cut.
 */
public final class Texts {

    /** Default number of characters kept by {@link #forLog(String)}. */
    public static final int DEFAULT_MAX = 200;

    private static final char REPLACEMENT = '?';

    private Texts() {
    }

    /** {@link #forLog(String, int)} with {@link #DEFAULT_MAX}; {@code "-"} for null. */
    public static String forLog(String value) {
        return forLog(value, DEFAULT_MAX);
    }

    /**
     * At most {@code max} characters of {@code value} (then {@code "..."}), each control character, line
     * or paragraph separator, bidirectional control and unpaired surrogate replaced by {@code '?'};
     * {@code "-"} for null.
     */
    public static String forLog(String value, int max) {
        if (value == null) {
            return "-";
        }
        int end = cutAt(value, max);
        String kept = keep(value, end, true);
        return end < value.length() ? kept + "..." : kept;
    }

    /** Whether {@code value} would be changed by {@link #forLog(String, int)} apart from its length. */
    public static boolean isLogSafe(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (unsafeInLog(c) || (Character.isSurrogate(c) && !pairAt(value, i) && !pairAt(value, i - 1))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A value fit for a text column of {@code max} characters: at most {@code max} characters, each
     * control character and unpaired surrogate replaced by {@code '?'}; null for null. The complete
     * value, when it matters, is kept elsewhere.
     */
    public static String forColumn(String value, int max) {
        return value == null ? null : keep(value, cutAt(value, max), false);
    }

    /** The first {@code end} characters, those refused replaced. */
    private static String keep(String value, int end, boolean log) {
        StringBuilder b = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (pairAt(value, i) && i + 1 < end) {
                b.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c) || Character.isISOControl(c) || (log && unsafeInLog(c))) {
                b.append(REPLACEMENT);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Where to cut for at most {@code max} characters without splitting a surrogate pair. */
    private static int cutAt(String value, int max) {
        int end = Math.min(value.length(), Math.max(0, max));
        if (end > 0 && end < value.length() && pairAt(value, end - 1)) {
            end--;
        }
        return end;
    }

    /** Whether a surrogate pair starts at {@code i}. */
    private static boolean pairAt(String value, int i) {
        return i >= 0 && i + 1 < value.length() && Character.isHighSurrogate(value.charAt(i))
                && Character.isLowSurrogate(value.charAt(i + 1));
    }

    private static boolean unsafeInLog(char c) {
        return Character.isISOControl(c)
                || c == '\u2028' || c == '\u2029'                 // line and paragraph separators
                || (c >= '\u202A' && c <= '\u202E')               // bidi embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069')               // bidi isolates
                || c == '\u200E' || c == '\u200F' || c == '\u061C'; // direction marks
    }
}

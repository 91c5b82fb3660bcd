package io.github.alipaystarter.core.internal;

/**
 * The one cleaner for text from the outside world (a notification's parameters, a gateway's answer, a
 * reason built from them) before it reaches a log line or an exception message: no line breaks or
 * other control characters (a forged body cannot start a fake log line), no Unicode line separators
 * or bidirectional overrides (a line cannot be made to look like another), and a bounded length.
 */
public final class LogText {

    /** Default number of characters kept. */
    public static final int DEFAULT_MAX = 200;

    private LogText() {
    }

    /** {@link #clean(String, int)} with {@link #DEFAULT_MAX}; {@code "-"} for null. */
    public static String clean(String value) {
        return value == null ? "-" : clean(value, DEFAULT_MAX);
    }

    /**
     * At most {@code max} characters of {@code value} (then {@code "..."}), each control character,
     * line or paragraph separator and bidirectional control replaced by {@code '?'}; {@code "-"} for null.
     */
    public static String clean(String value, int max) {
        if (value == null) {
            return "-";
        }
        int limit = Math.min(value.length(), Math.max(0, max));
        StringBuilder b = new StringBuilder(limit + 3);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            b.append(unsafe(c) ? '?' : c);
        }
        if (value.length() > limit) {
            b.append("...");
        }
        return b.toString();
    }

    /** Whether {@code value} would be changed by {@link #clean(String, int)} apart from its length. */
    public static boolean isClean(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            if (unsafe(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean unsafe(char c) {
        return Character.isISOControl(c)
                || c == '\u2028' || c == '\u2029'                 // line and paragraph separators
                || (c >= '\u202A' && c <= '\u202E')               // bidi embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069')               // bidi isolates
                || c == '\u200E' || c == '\u200F' || c == '\u061C'; // direction marks
    }
}

package io.github.alipaystarter.core.protocol.sign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The string to sign (spec 9.1): every parameter but {@code sign} and {@code sign_type}, those with
 * an empty (or null) value left out, sorted by key in byte order, raw values joined as
 * {@code k=v} with {@code &}. Never mutates the argument.
 *
 * <p>Keys are ASCII in this protocol, where {@link String#compareTo} is byte order.
 */
public final class CanonicalContent {

    private CanonicalContent() {
    }

    public static String of(Map<String, String> parameters) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(parameters.size());
        int length = 0;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key == null || value == null || value.isEmpty() || "sign".equals(key) || "sign_type".equals(key)) {
                continue;
            }
            entries.add(e);
            length += key.length() + value.length() + 2;
        }
        entries.sort(Map.Entry.comparingByKey());
        StringBuilder sb = new StringBuilder(length);
        for (Map.Entry<String, String> e : entries) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}

package io.github.alipaystarter.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notify_ids the sandbox handed out, and whether each is still valid (spec 8.1 (6): a return's
 * lives about a minute; 8.2 (12): a notification's until the merchant answers {@code success}).
 */
final class NotifyIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ASYNC_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    static final class Entry {
        final String partner;
        volatile Instant expiresAt; // null: valid until invalidated
        volatile boolean invalidated;

        Entry(String partner, Instant expiresAt) {
            this.partner = partner;
            this.expiresAt = expiresAt;
        }

        boolean valid(Instant now) {
            return !invalidated && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    NotifyIds(Clock clock) {
        this.clock = clock;
    }

    /**
     * A new notify_id of a return. Like Alipay's ({@code RqPnCoPT3K9%2Fvwbh3I%2BODmZS9o...}, spec 5.3) the value
     * itself holds {@code %2F} and {@code %2B}: it must be URL-encoded once more for notify_verify
     * ({@code %252F}, spec 10), and a client that decodes it twice sends a different id.
     */
    String issue(String partner, Instant expiresAt) {
        byte[] bytes = new byte[30];
        String b64;
        do {
            RANDOM.nextBytes(bytes);
            b64 = Base64.getEncoder().encodeToString(bytes);
        } while (b64.indexOf('/') < 0 || b64.indexOf('+') < 0);
        String id = b64.replace("/", "%2F").replace("+", "%2B").replace("=", "%3D");
        entries.put(id, new Entry(partner, expiresAt));
        return id;
    }

    /**
     * A new notify_id of an asynchronous notification, in the shape of Alipay's: 34 lower-case letters and
     * digits. Valid until the merchant answers {@code success} (spec 8.2 (12)).
     */
    String issueAsync(String partner) {
        char[] id = new char[34];
        for (int i = 0; i < id.length; i++) {
            id[i] = ASYNC_ALPHABET.charAt(RANDOM.nextInt(ASYNC_ALPHABET.length()));
        }
        String notifyId = new String(id);
        entries.put(notifyId, new Entry(partner, null));
        return notifyId;
    }

    Entry get(String id) {
        return entries.get(id);
    }

    /** {@code true}, {@code false} (unknown, expired or another partner's), or {@code invalid} (bad parameters). */
    String verify(String partner, String notifyId, boolean partnerKnown) {
        if (partner == null || partner.isEmpty() || notifyId == null || notifyId.isEmpty() || !partnerKnown) {
            return "invalid";
        }
        Entry e = entries.get(notifyId);
        if (e == null || !e.partner.equals(partner) || !e.valid(clock.instant())) {
            return "false";
        }
        return "true";
    }

    void clear() {
        entries.clear();
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}

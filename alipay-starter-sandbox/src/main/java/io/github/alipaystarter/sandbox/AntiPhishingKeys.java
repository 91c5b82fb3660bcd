package io.github.alipaystarter.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The anti_phishing_keys that query_timestamp handed out. A key is good for any number of requests of
 * the partner it was issued to until it expires (about 30 s at Alipay), then ANTI_PHISHING_KEY_TIMEOUT.
 */
final class AntiPhishingKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Issued(String partner, Instant expiresAt) {
    }

    private final Clock clock;
    private final Duration validity;
    private final Map<String, Issued> keys = new ConcurrentHashMap<>();

    AntiPhishingKeys(Clock clock, Duration validity) {
        this.clock = clock;
        this.validity = validity;
    }

    /** A new key in the shape of a real encrypt_key: KP, then Base64 (URL-safe here, so '-' and '_'), ending "==". */
    String issue(String partner) {
        byte[] random = new byte[28];
        RANDOM.nextBytes(random);
        String key = "KP" + Base64.getUrlEncoder().encodeToString(random);
        keys.put(key, new Issued(partner, clock.instant().plus(validity)));
        return key;
    }

    /** Why the key is refused, or null when it is good for this partner now. */
    PayRequestChecker.KeyProblem check(String partner, String key) {
        Issued issued = keys.get(key);
        if (issued == null) {
            return new PayRequestChecker.KeyProblem("ILLEGAL_ANTI_PHISHING_KEY", "anti_phishing_key '" + key
                    + "' was not issued by query_timestamp (send the encrypt_key exactly as received)");
        }
        if (!issued.partner().equals(partner)) {
            return new PayRequestChecker.KeyProblem("ILLEGAL_ANTI_PHISHING_KEY", "anti_phishing_key '" + key
                    + "' was issued to partner " + issued.partner());
        }
        if (!clock.instant().isBefore(issued.expiresAt())) {
            return new PayRequestChecker.KeyProblem("ANTI_PHISHING_KEY_TIMEOUT", "anti_phishing_key '" + key
                    + "' expired: a key lives " + validity.toMillis() + " ms after query_timestamp;"
                    + " fetch it just before sending the buyer to the gateway");
        }
        return null;
    }

    void clear() {
        keys.clear();
    }
}

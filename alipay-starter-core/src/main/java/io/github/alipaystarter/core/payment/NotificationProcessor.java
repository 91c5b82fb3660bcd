package io.github.alipaystarter.core.payment;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.notify.NotificationSource;
import io.github.alipaystarter.core.notify.NotificationVerifier;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * DESIGN.md steps 2.1–2.6: journal, signature (cheap, first), then for a trade already PAID answer
 * {@code success} without a notify_verify round trip, else notify_id with the gateway, seller, amount
 * against the ledger, then the PAID transition and onPaid in one unit of work. Never throws: every
 * failure is a {@link ProcessingResult} with a logged reason.
 */
public final class NotificationProcessor {

    /**
     * @param acceptUnknownTrades whether a verified notification for an out_trade_no the ledger never
     *     recorded is accepted (recorded with its own amount, then processed); false refuses it
     */
    public NotificationProcessor(AlipayConfig config, NotificationVerifier verifier, PaymentLedger ledger,
            NotificationJournal journal, PaymentHandler handler, boolean acceptUnknownTrades) {
        throw new UnsupportedOperationException("TODO core: NotificationProcessor");
    }

    /** Processes already-decoded parameters (exactly those that arrived: no framework extras). */
    public ProcessingResult process(NotificationSource source, Map<String, String> parameters) {
        throw new UnsupportedOperationException("TODO core");
    }

    /** Decodes a form body or query string in {@code charset} and processes it; garbage is journaled as MALFORMED. */
    public ProcessingResult processRaw(NotificationSource source, byte[] formEncoded, Charset charset) {
        throw new UnsupportedOperationException("TODO core");
    }
}

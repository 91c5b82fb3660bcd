package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.internal.AlipayIds;
import io.github.alipaystarter.core.internal.Texts;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeNotification;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import java.math.BigDecimal;

/**
 * The checks of a delivery that need no I/O: the seller, the amount against the ledger's entry, whether
 * it is a refund, and the result of a failed verification. Reasons never contain a secret and quote
 * outside text only shortened.
 */
final class DeliveryChecks {

    private final String seller;
    private final boolean sellerIsId;

    /** @param seller the configured seller: a seller_id (2088 + 12 digits) or the seller's account name */
    DeliveryChecks(String seller) {
        this.seller = seller.trim();
        this.sellerIsId = AlipayIds.isPartnerId(this.seller);
    }

    /** Why the notification is not for this seller, or null when it is. */
    String sellerProblem(TradeNotification n) {
        if (sellerIsId) {
            String id = n.sellerId();
            if (id == null || id.isBlank()) {
                return "seller_id is missing; the configured seller " + seller + " is a seller_id";
            }
            return seller.equals(id.trim()) ? null
                    : "seller_id " + shorten(id) + " is not the configured seller " + seller;
        }
        String email = n.sellerEmail();
        if (email == null || email.isBlank()) {
            return "seller_email is missing; the configured seller is an account name";
        }
        return seller.equalsIgnoreCase(email.trim()) ? null
                : "seller_email " + shorten(email) + " is not the configured seller " + seller;
    }

    /** total_fee against the recorded amount, as money (10.0 equals 10.00). Required for a payment. */
    static String amountProblem(TradeNotification n, LedgerEntry entry, boolean paid) {
        return amountProblem(n, entry.totalFee(), paid);
    }

    /** As {@link #amountProblem(TradeNotification, LedgerEntry, boolean)}, against a remembered amount. */
    static String amountProblem(TradeNotification n, BigDecimal recorded, boolean paid) {
        BigDecimal fee = n.totalFee();
        if (fee == null) {
            return paid ? "total_fee is missing" : null;
        }
        return fee.compareTo(recorded) == 0 ? null
                : "total_fee " + fee.toPlainString() + " differs from the recorded " + recorded.toPlainString();
    }

    /** A paid status for a trade the ledger has (or had, as this instance remembers) PAID or REFUNDED. */
    static ProcessingResult duplicate(TradeStatus status, LedgerStatus settledAs, String no) {
        return new ProcessingResult(Outcome.DUPLICATE, status.value() + " for a trade already " + settledAs + " in the ledger", no);
    }

    /** A notification carrying refund_status, whatever its trade_status (spec 8.4 (2), 12.4). */
    static boolean isRefund(TradeNotification n) {
        if (n.refundStatus() != null) {
            return true;
        }
        // An unknown refund_status value is still a refund notification; a query answer's refund details
        // are not acted on.
        String raw = n.parameter("refund_status");
        return n.source() != NotificationSource.QUERY && raw != null && !raw.isBlank();
    }

    /** The result of a verification that did not end {@link Verification.Verified}. */
    static ProcessingResult rejected(Verification v, String no) {
        if (v instanceof Verification.BadSignature b) {
            return new ProcessingResult(Outcome.BAD_SIGNATURE, "bad signature: " + b.reason(), no);
        }
        if (v instanceof Verification.UnsupportedSignType u) {
            return new ProcessingResult(Outcome.BAD_SIGNATURE, "sign_type not accepted: " + shorten(u.signType()), no);
        }
        if (v instanceof Verification.Malformed m) {
            return new ProcessingResult(Outcome.MALFORMED, m.reason(), no);
        }
        if (v instanceof Verification.NotifyIdRejected r) {
            return new ProcessingResult(Outcome.NOTIFY_ID_REJECTED, "notify_verify answered " + shorten(r.answer()), no);
        }
        if (v instanceof Verification.GatewayUnavailable g) {
            return new ProcessingResult(Outcome.GATEWAY_UNAVAILABLE,
                    "notify_verify could not be asked: " + g.reason() + "; Alipay will send again", no);
        }
        return new ProcessingResult(Outcome.ERROR, "the verifier gave no answer", no);
    }

    /** Outside text in a reason: at most 80 characters, safe for a log line. */
    static String shorten(String s) {
        return s == null ? "null" : Texts.forLog(s, 77);
    }
}

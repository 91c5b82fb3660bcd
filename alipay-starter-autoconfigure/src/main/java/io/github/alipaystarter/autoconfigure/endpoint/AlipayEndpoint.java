package io.github.alipaystarter.autoconfigure.endpoint;

import io.github.alipaystarter.core.store.JournalEntry;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.lang.Nullable;

/**
 * The {@code alipay} actuator endpoint, read-only:
 * <ul>
 * <li>{@code GET /actuator/alipay?page=0&size=20}: the counts of trades by ledger status, the UNPAID trades
 * older than the reconciliation age (at most {@value #UNPAID_LIMIT}, oldest first) and one page of the
 * journal, newest first;</li>
 * <li>{@code GET /actuator/alipay/{outTradeNo}?page=0&size=20}: that trade as the ledger has it and one page
 * of its journal entries, newest first.</li>
 * </ul>
 * Never a key or a full signature: a journaled {@code sign} shows only its first characters and its length,
 * in the parameters and in the raw body; a raw body that is not text is not shown. Bounded whatever the
 * ledger and journal hold: the page size is at most {@link NotificationJournal#MAX_PAGE_SIZE}.
 */
@Endpoint(id = "alipay")
public class AlipayEndpoint {

    /** The most old UNPAID trades listed. */
    public static final int UNPAID_LIMIT = 50;

    /** The page size when none is asked for. */
    public static final int DEFAULT_PAGE_SIZE = 20;

    /** How many characters of a signature are shown. */
    static final int SIGN_SHOWN = 6;

    private final PaymentLedger ledger;

    private final NotificationJournal journal;

    private final Duration reconciliationAge;

    private final Clock clock;

    public AlipayEndpoint(PaymentLedger ledger, NotificationJournal journal, Duration reconciliationAge, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.reconciliationAge = Objects.requireNonNull(reconciliationAge, "reconciliationAge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @ReadOperation
    @SuppressWarnings("deprecation") // org.springframework.lang.Nullable: what Boot 3.5 reads; Boot 4.0 reads any @Nullable
    public Overview overview(@Nullable Integer page, @Nullable Integer size) {
        int p = page(page);
        int s = size(size);
        return new Overview(counts(), unpaid(), journalPage(null, p, s));
    }

    @ReadOperation
    @SuppressWarnings("deprecation")
    public Trade trade(@Selector String outTradeNo, @Nullable Integer page, @Nullable Integer size) {
        int p = page(page);
        int s = size(size);
        LedgerEntry entry = this.ledger.find(outTradeNo).orElse(null);
        return new Trade(outTradeNo, (entry != null) ? TradeView.of(entry) : null, journalPage(outTradeNo, p, s));
    }

    private static int page(Integer page) {
        int p = (page != null) ? page : 0;
        if (p < 0) {
            throw new InvalidEndpointRequestException("page must be 0 or more, got " + p, "page must be 0 or more");
        }
        return p;
    }

    private static int size(Integer size) {
        int s = (size != null) ? size : DEFAULT_PAGE_SIZE;
        if (s < 1 || s > NotificationJournal.MAX_PAGE_SIZE) {
            String reason = "size must be 1 to " + NotificationJournal.MAX_PAGE_SIZE;
            throw new InvalidEndpointRequestException(reason + ", got " + s, reason);
        }
        return s;
    }

    private Map<String, Object> counts() {
        Map<LedgerStatus, Long> counts;
        try {
            counts = this.ledger.countByStatus();
        }
        catch (UnsupportedOperationException ex) {
            return Map.of("unsupported", this.ledger.getClass().getName() + " does not count trades by status");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        counts.forEach((status, n) -> view.put(status.name(), n));
        return view;
    }

    private Unpaid unpaid() {
        Instant before = this.clock.instant().minus(this.reconciliationAge);
        // one more than shown, to tell whether there are more
        List<LedgerEntry> found = this.ledger.findUnpaidOlderThan(before, UNPAID_LIMIT + 1);
        List<TradeView> trades = found.stream().limit(UNPAID_LIMIT).map(TradeView::of).toList();
        return new Unpaid(this.reconciliationAge.toString(), before.toString(), trades, found.size() > UNPAID_LIMIT);
    }

    private JournalPage journalPage(String outTradeNo, int page, int size) {
        List<EntryView> entries = this.journal.page(outTradeNo, page, size).stream().map(AlipayEndpoint::entry).toList();
        return new JournalPage(page, size, entries);
    }

    private static EntryView entry(JournalEntry e) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (e.parameters() != null) {
            e.parameters().forEach((name, value) -> parameters.put(name, "sign".equals(name) ? maskSign(value) : value));
        }
        return new EntryView(e.id(), (e.source() != null) ? e.source().name() : null, e.outTradeNo(), e.notifyId(),
                e.tradeStatus(), (e.outcome() != null) ? e.outcome().name() : null, e.reason(), text(e.receivedAt()),
                text(e.completedAt()), parameters, rawBody(e.rawBody()));
    }

    /** The first characters and the length: enough to tell two signatures apart, never the signature. */
    static String maskSign(String sign) {
        if (sign == null || sign.isEmpty()) {
            return sign;
        }
        String shown = (sign.length() > 2 * SIGN_SHOWN) ? sign.substring(0, SIGN_SHOWN) : "";
        return shown + "... (" + sign.length() + " characters, masked)";
    }

    /** The raw form body with the value of every {@code sign} masked; a body kept as Base64 is not shown. */
    static String rawBody(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.startsWith("base64:")) {
            return "(not text: " + raw.length() + " characters of Base64, not shown)";
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (String pair : raw.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = (eq < 0) ? pair : pair.substring(0, eq);
            if (eq >= 0 && "sign".equals(decodedName(name).trim())) {
                out.append(name).append('=').append(maskSign(pair.substring(eq + 1)));
            }
            else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    private static String decodedName(String name) {
        try {
            // the name only: ISO-8859-1 maps every byte, so no charset can hide "sign" from this test
            return URLDecoder.decode(name, StandardCharsets.ISO_8859_1);
        }
        catch (IllegalArgumentException ex) {
            return name;
        }
    }

    private static String text(Instant instant) {
        return (instant != null) ? instant.toString() : null;
    }

    /**
     * What {@code GET /actuator/alipay} answers.
     *
     * @param trades the number of trades in each ledger status
     * @param unpaid the UNPAID trades older than the reconciliation age
     * @param journal one page of the journal, newest first
     */
    public record Overview(Map<String, Object> trades, Unpaid unpaid, JournalPage journal) implements OperationResponseBody {
    }

    /**
     * What {@code GET /actuator/alipay/{outTradeNo}} answers.
     *
     * @param ledger the trade as the ledger has it; null when the ledger does not know it
     */
    public record Trade(String outTradeNo, TradeView ledger, JournalPage journal) implements OperationResponseBody {
    }

    /**
     * UNPAID trades created before {@code createdBefore} (now less {@code olderThan}, the reconciliation age).
     *
     * @param more whether there are more than those listed
     */
    public record Unpaid(String olderThan, String createdBefore, List<TradeView> trades, boolean more) {
    }

    /** One page of journal entries, newest first. */
    public record JournalPage(int page, int size, List<EntryView> entries) {
    }

    /** A trade as the ledger has it; the amount as exact text (e.g. "0.01"). */
    public record TradeView(String outTradeNo, String totalFee, String subject, String status, String tradeNo,
            String paidAt, String createdAt) {

        static TradeView of(LedgerEntry e) {
            return new TradeView(e.outTradeNo(), (e.totalFee() != null) ? e.totalFee().toPlainString() : null,
                    e.subject(), (e.status() != null) ? e.status().name() : null, e.tradeNo(),
                    (e.paidAt() != null) ? e.paidAt().toString() : null,
                    (e.createdAt() != null) ? e.createdAt().toString() : null);
        }
    }

    /** A journal entry, with {@code sign} masked. */
    public record EntryView(long id, String source, String outTradeNo, String notifyId, String tradeStatus,
            String outcome, String reason, String receivedAt, String completedAt, Map<String, String> parameters,
            String rawBody) {

        public EntryView {
            parameters = (parameters != null) ? new LinkedHashMap<>(parameters) : Map.of();
        }
    }


}

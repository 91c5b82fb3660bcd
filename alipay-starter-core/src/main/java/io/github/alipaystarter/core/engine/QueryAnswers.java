package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeNotification;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A single_trade_query answer as a delivery: its fields as parameters (for the journal), the answers
 * that end before the ledger, and the {@link TradeNotification} the ledger steps take.
 */
final class QueryAnswers {

    private QueryAnswers() {
    }

    /** The answer's fields, with out_trade_no and trade_status filled in when the fields lack them. */
    static Map<String, String> parameters(String requested, TradeQueryResult result) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (result != null && result.fields() != null) {
            result.fields().forEach((k, v) -> {
                if (k != null && v != null) {
                    parameters.put(k, v);
                }
            });
        }
        String no = outTradeNo(requested, result);
        if (no != null) {
            parameters.putIfAbsent("out_trade_no", no);
        }
        if (result != null && result.tradeStatus() != null) {
            parameters.putIfAbsent("trade_status", result.tradeStatus().value());
        }
        return Collections.unmodifiableMap(parameters);
    }

    static String outTradeNo(String requested, TradeQueryResult result) {
        return result != null && result.outTradeNo() != null ? result.outTradeNo() : requested;
    }

    /** The result for an answer that goes no further than here (not found, an error, another trade), or null. */
    static ProcessingResult stop(String requested, String no, TradeQueryResult q) {
        if (q == null) {
            return new ProcessingResult(Outcome.ERROR, "no single_trade_query answer", no);
        }
        if (!q.found()) {
            if ("TRADE_NOT_EXIST".equals(q.errorCode())) {
                return new ProcessingResult(Outcome.IGNORED,
                        "single_trade_query: Alipay has no such trade (TRADE_NOT_EXIST): the buyer has not paid", no);
            }
            return new ProcessingResult(Outcome.ERROR, "single_trade_query answered " + q.errorCode(), no);
        }
        if (requested != null && q.outTradeNo() != null && !requested.equals(q.outTradeNo())) {
            return new ProcessingResult(Outcome.ERROR, "single_trade_query for " + requested
                    + " answered about out_trade_no " + q.outTradeNo(), requested);
        }
        if (no == null) {
            return new ProcessingResult(Outcome.MALFORMED, "single_trade_query answer without out_trade_no", null);
        }
        return null;
    }

    /** The answer as a notification of source QUERY (no notify_id, no signature fields). */
    static TradeNotification notification(String no, TradeQueryResult q, Map<String, String> params) {
        return new TradeNotification(NotificationSource.QUERY, params, null, null, null, null, null,
                no, q.tradeNo(), params.get("subject"), params.get("body"), params.get("payment_type"),
                q.tradeStatus(), q.totalFee(), null, null, null, q.sellerId(), params.get("seller_email"),
                q.buyerId(), q.buyerEmail(), null, q.gmtPayment(), null, null, null,
                params.get("extra_common_param"));
    }
}

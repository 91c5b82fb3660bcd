package io.github.alipaystarter.sandbox;

import static io.github.alipaystarter.sandbox.HttpAnswers.html;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cashier pages: a checkout opened by an accepted request (a random token in the page), then
 * {@code /cashier/pay} (pays, shows the success page with the first delivery's outcome),
 * {@code /cashier/cancel} and {@code /cashier/return} (the browser's redirect to return_url).
 */
final class CashierHandler {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long the success page waits (real time) for the first delivery, to show its outcome. */
    private static final Duration FIRST_DELIVERY_WAIT = Duration.ofSeconds(3);

    private final SandboxParts parts;
    private final SandboxTrades trades;
    private final double timeScale;
    private final Map<String, TradeRecord> checkouts = new ConcurrentHashMap<>();

    CashierHandler(SandboxParts parts, SandboxTrades trades, double timeScale) {
        this.parts = parts;
        this.trades = trades;
        this.timeScale = timeScale;
    }

    /** Opens a checkout for the trade; its token. */
    String open(TradeRecord t) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        checkouts.put(token, t);
        return token;
    }

    void pay(HttpExchange exchange) throws IOException {
        String token = HttpAnswers.readForm(exchange).get("token");
        TradeRecord t = token == null ? null : checkouts.get(token);
        if (t == null) {
            html(exchange, 400, Pages.message("收银台已失效", "收银台已失效，请回到商户重新发起付款 · This checkout is unknown or expired."));
            return;
        }
        int before = t.notifyUrl != null ? parts.notifier().deliveries(t.outTradeNo).size() : 0;
        try {
            trades.pay(t);
        } catch (SandboxRejectedException e) {
            HttpAnswers.errorPage(exchange, e.rejection());
            return;
        }
        String returnPath = t.returnUrl != null ? "/cashier/return?token=" + token : null;
        long refresh = Math.max(0, Math.round(3 * timeScale));
        // the first delivery, if it is over within a few seconds: one that could not connect is shown
        // in red, and the page then waits for the buyer instead of leaving it behind
        NotificationDelivery first = null;
        if (t.notifyUrl != null) {
            List<NotificationDelivery> seen = awaitDeliveries(t.outTradeNo, before + 1);
            first = seen.size() > before ? seen.get(before) : null;
        }
        boolean unreachable = first != null && ConsoleEvents.unreachable(first);
        html(exchange, 200, Pages.success(t, returnPath, refresh, parts.faults().dropReturnRedirect(), !unreachable,
                SuccessNotice.card(t.notifyUrl, first)));
    }

    private List<NotificationDelivery> awaitDeliveries(String outTradeNo, int count) {
        try {
            return parts.notifier().await(outTradeNo, count, FIRST_DELIVERY_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return parts.notifier().deliveries(outTradeNo);
        }
    }

    void cancel(HttpExchange exchange) throws IOException {
        String token = HttpAnswers.readForm(exchange).get("token");
        TradeRecord t = token == null ? null : checkouts.remove(token);
        String back = t != null && t.showUrl != null
                ? "<br><a href=\"" + Pages.escape(t.showUrl.toString()) + "\">返回商品页 Back to the product</a>" : "";
        html(exchange, 200, Pages.message("已取消 Cancelled", "付款已取消，交易仍等待付款 · Payment cancelled; the trade still waits for payment." + back));
    }

    void returnToMerchant(HttpExchange exchange) throws IOException {
        Map<String, String> form = HttpAnswers.readForm(exchange);
        TradeRecord t = checkouts.get(form.getOrDefault("token", ""));
        if (t == null || t.returnParameters == null) {
            html(exchange, 400, Pages.message("无返回", "没有可返回的付款 · Nothing to return to."));
            return;
        }
        if (parts.faults().dropReturnRedirect()) {
            html(exchange, 200, Pages.message("页面已关闭", "买家关闭了页面（指南 5.3）· The buyer closed the page (guide 5.3): no return."));
            return;
        }
        HttpAnswers.redirect(exchange, 302, SandboxTrades.returnRedirect(t).toString());
    }

    void clear() {
        checkouts.clear();
    }
}

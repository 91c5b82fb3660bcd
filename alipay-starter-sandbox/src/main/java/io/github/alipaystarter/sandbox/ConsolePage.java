package io.github.alipaystarter.sandbox;

import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The sandbox's {@code /} page, a console: the merchants, then every trade (newest first) with each
 * notification delivery and the merchant's answer, and buttons to resend the notification now, refund
 * (part or all), close and finish the trade. A delivery that could not connect is shown in red with the
 * URL it tried. The buttons POST to {@code /console/*} and come back here.
 */
final class ConsolePage {

    static final String CSS = "<style>body main{max-width:1100px}"
            + "table{border-collapse:collapse;width:100%;font-size:13px;margin-top:8px}tr.delivered td{color:#237804}"
            + "th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #eee;vertical-align:top;word-break:break-all}"
            + "tr.unreachable td,.unreachable{color:#d4380d;font-weight:600}tr.failed td{color:#ad4e00}"
            + ".actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:10px}"
            + ".actions form{display:flex;gap:6px;align-items:center;margin:0}"
            + ".actions button{display:inline-block;width:auto;margin:0;padding:6px 12px;font-size:14px}"
            + ".actions input{width:90px;padding:5px}"
            + ".flash{padding:10px 12px;border-radius:6px;background:#f6ffed;color:#237804}.flash.error{background:#fff1f0;color:#cf1322}"
            + ".status{font-weight:600}h2{font-size:16px;margin:0 0 6px}</style>";

    private ConsolePage() {
    }

    static String render(AlipaySandbox sandbox, ConsoleEvents events, String flash, boolean flashIsError) {
        StringBuilder b = new StringBuilder();
        if (flash != null && !flash.isEmpty()) {
            b.append("<div class=\"card flash").append(flashIsError ? " error" : "").append("\" id=\"flash\">")
                    .append(Pages.escape(flash)).append("</div>");
        }
        b.append("<div class=\"card\">")
                .append(Pages.row("网关", "Gateway", sandbox.gatewayUrl().toString()))
                .append(Pages.row("时间倍率", "Time scale", Double.toString(sandbox.timeScale())));
        for (SandboxMerchant m : sandbox.merchants()) {
            b.append(Pages.row("商户", "Merchant", m.partner() + " · " + m.signType().name() + " · "
                    + m.sellerEmail() + " / " + m.sellerId()));
        }
        b.append("<p class=\"note\"><a href=\"/\">刷新 Refresh</a></p></div>");
        List<SandboxTrade> trades = new ArrayList<>(sandbox.trades());
        java.util.Collections.reverse(trades);
        if (trades.isEmpty()) {
            b.append("<div class=\"card\"><p>还没有交易 · No trades yet: send a create_direct_pay_by_user request to ")
                    .append(Pages.escape(sandbox.gatewayUrl().toString())).append(".</p></div>");
        }
        for (SandboxTrade t : trades) {
            trade(b, sandbox, events, t);
        }
        List<SandboxRejection> rejections = sandbox.rejections();
        if (!rejections.isEmpty()) {
            b.append("<div class=\"card\" id=\"rejections\"><h2>拒绝的请求 Refused requests</h2><table><tr><th>time</th><th>code</th>"
                    + "<th>parameter</th><th>reason</th></tr>");
            for (int i = rejections.size() - 1; i >= 0 && i >= rejections.size() - 20; i--) {
                SandboxRejection r = rejections.get(i);
                b.append("<tr class=\"failed\"><td>").append(ConsoleEvents.clock(r.at())).append("</td><td>")
                        .append(Pages.escape(r.code())).append("</td><td>").append(Pages.escape(r.parameter()))
                        .append("</td><td>").append(Pages.escape(r.reason())).append("</td></tr>");
            }
            b.append("</table></div>");
        }
        return Pages.page("支付宝沙箱控制台 Alipay sandbox console", CSS, b.toString());
    }

    private static void trade(StringBuilder b, AlipaySandbox sandbox, ConsoleEvents events, SandboxTrade t) {
        String no = Pages.escape(t.outTradeNo());
        b.append("<section class=\"card trade\" data-out-trade-no=\"").append(no).append("\"><h2>").append(no)
                .append(" · <span class=\"status\">").append(t.status().value()).append("</span> · ¥ ")
                .append(Pages.money(t.totalFee())).append("</h2>")
                .append(Pages.row("商品名称", "Subject", t.subject()))
                .append(t.tradeNo() != null ? Pages.row("支付宝交易号", "Trade no.", t.tradeNo()) : "")
                .append(t.refunded().signum() > 0 ? Pages.row("已退款", "Refunded", Pages.money(t.refunded())) : "")
                .append(Pages.row("通知地址", "notify_url", t.notifyUrl() != null ? t.notifyUrl().toString() : "(none)"));
        List<NotificationDelivery> deliveries = sandbox.deliveries(t.outTradeNo());
        if (!deliveries.isEmpty()) {
            b.append("<table class=\"deliveries\"><tr><th>#</th><th>sent</th><th>URL</th><th>status</th><th>answer</th>"
                    + "<th>ms</th><th>then</th></tr>");
            for (NotificationDelivery d : deliveries) {
                boolean unreachable = ConsoleEvents.unreachable(d);
                String css = d.success() ? "delivered" : unreachable ? "unreachable" : "failed";
                String status = d.httpStatus() >= 0 ? Integer.toString(d.httpStatus())
                        : unreachable ? "无法连接 cannot connect" : "no answer";
                String answer = d.httpStatus() >= 0 ? ConsoleEvents.quoted(d.body()) : d.error();
                String then = events.after(d);
                b.append("<tr class=\"delivery ").append(css).append("\"><td>").append(d.attempt()).append("</td><td>")
                        .append(ConsoleEvents.clock(d.sentAt())).append("</td><td>").append(Pages.escape(d.url().toString()))
                        .append("</td><td>").append(Pages.escape(status)).append("</td><td>").append(Pages.escape(answer))
                        .append("</td><td>").append(d.took().toMillis()).append("</td><td>")
                        .append(Pages.escape(then != null ? then : "")).append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("<div class=\"actions\">");
        if (!deliveries.isEmpty()) {
            button(b, "resend", t, "重发通知 Resend notification", null);
        }
        if (TradeStatus.TRADE_SUCCESS.equals(t.status())) {
            BigDecimal left = t.totalFee().subtract(t.refunded());
            button(b, "refund", t, "退款 Refund", Pages.money(left));
            button(b, "finish", t, "完成 Finish (TRADE_FINISHED)", null);
        }
        if (TradeStatus.WAIT_BUYER_PAY.equals(t.status())) {
            button(b, "close", t, "关闭 Close", null);
        }
        b.append("</div></section>");
    }

    private static void button(StringBuilder b, String action, SandboxTrade t, String label, String amount) {
        b.append("<form method=\"post\" action=\"/console/").append(action).append("\">")
                .append("<input type=\"hidden\" name=\"out_trade_no\" value=\"").append(Pages.escape(t.outTradeNo())).append("\">");
        if (amount != null) {
            b.append("<input type=\"text\" name=\"amount\" class=\"amount-input\" value=\"").append(amount).append("\" aria-label=\"amount\">");
        }
        b.append("<button type=\"submit\" class=\"").append(action).append(action.equals("close") ? " cancel" : " pay")
                .append("\">").append(label).append("</button></form>");
    }

    /** A console button: does it through the sandbox's API and says what happened. */
    static Result act(AlipaySandbox sandbox, String action, Map<String, String> form) {
        String no = form.get("out_trade_no");
        if (no == null || no.isEmpty()) {
            return new Result("out_trade_no is missing", true);
        }
        try {
            return switch (action) {
                case "resend" -> {
                    NotificationDelivery d = sandbox.resendNotification(no);
                    yield new Result("Resent the notification of " + no + ": " + (d.httpStatus() >= 0
                            ? "HTTP " + d.httpStatus() + " " + ConsoleEvents.quoted(d.body()) : d.error()), !d.success());
                }
                case "refund" -> {
                    String amount = form.getOrDefault("amount", "").strip();
                    SandboxTrade t = sandbox.refund(no, new BigDecimal(amount));
                    yield new Result("Refunded " + amount + " of " + no + ": " + t.status().value()
                            + " (" + Pages.money(t.refunded()) + " refunded in all); the notification is on its way", false);
                }
                case "close" -> new Result("Closed " + no + ": " + sandbox.close(no).status().value(), false);
                case "finish" -> new Result("Finished " + no + ": " + sandbox.finish(no).status().value()
                        + "; the notification is on its way", false);
                default -> new Result("unknown action " + action, true);
            };
        } catch (NumberFormatException e) {
            return new Result("the refund amount must be a number such as 0.01", true);
        } catch (IllegalStateException | IllegalArgumentException | NoSuchElementException e) {
            return new Result(e.getMessage(), true);
        }
    }

    record Result(String message, boolean error) {
    }
}

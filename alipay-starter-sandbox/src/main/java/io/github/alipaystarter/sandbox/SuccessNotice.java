package io.github.alipaystarter.sandbox;

import java.net.URI;

/**
 * The notification's card on the cashier's success page: where it went and what the merchant answered.
 * A delivery that could not connect is shown in red with the URL it tried, since otherwise the buyer
 * sees 付款成功 while the shop never hears of the payment.
 */
final class SuccessNotice {

    private SuccessNotice() {
    }

    static String card(URI notifyUrl, NotificationDelivery first) {
        if (notifyUrl == null) {
            return "<div class=\"card\" id=\"notification\"><p>请求未带 notify_url：不发送异步通知 · The request had no notify_url:"
                    + " no notification is sent.</p></div>";
        }
        StringBuilder b = new StringBuilder("<div class=\"card\" id=\"notification\">");
        if (first == null) {
            b.append("<p>异步通知发送中 · The notification to ").append(Pages.escape(notifyUrl.toString()))
                    .append(" is still on its way: see the sandbox console <a href=\"/\">/</a>.</p>");
        } else if (ConsoleEvents.unreachable(first)) {
            b.append("<p class=\"unreachable\" style=\"color:#d4380d;font-weight:600\">✘ 异步通知无法送达 · The notification could not"
                    + " connect to ").append(Pages.escape(first.url().toString())).append(" (").append(Pages.escape(first.error()))
                    .append(").</p><p>商户不会知道这笔付款，订单将保持未付款 · The shop does not know of this payment; its order stays"
                            + " unpaid. The sandbox resends on Alipay's schedule: check alipay.notify-url, or resend from the"
                            + " <a href=\"/\">console</a> once the shop is reachable.</p>");
        } else if (first.success()) {
            b.append("<p>✔ 异步通知已送达 · Notification delivered to ").append(Pages.escape(first.url().toString()))
                    .append(": answered <code>success</code>.</p>");
        } else {
            b.append("<p style=\"color:#ad4e00\">异步通知未被确认 · The notification to ").append(Pages.escape(first.url().toString()))
                    .append(" was answered ").append(first.httpStatus() >= 0 ? "HTTP " + first.httpStatus() + " "
                            + Pages.escape(ConsoleEvents.quoted(first.body())) : Pages.escape(first.error()))
                    .append(", not <code>success</code>: it will be resent (see the <a href=\"/\">console</a>).</p>");
        }
        return b.append("</div>").toString();
    }
}

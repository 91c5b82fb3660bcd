package io.github.alipaystarter.test;

import io.github.alipaystarter.core.internal.Texts;

import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.NotificationDelivery;
import io.github.alipaystarter.sandbox.SandboxPayment;
import io.github.alipaystarter.sandbox.SandboxRejectedException;
import io.github.alipaystarter.sandbox.SandboxRejection;
import io.github.alipaystarter.sandbox.SandboxTrade;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The test's handle on the sandbox started by {@link AutoConfigureAlipaySandbox}: plays the buyer's
 * browser and Alipay. {@link #submit} sends what your shop answered (the auto-submitting form or the
 * redirect URL) to the gateway, as the browser would; {@link #pay} pays and returns the notification's
 * first delivery to your notify endpoint; {@link #resend}, {@link #refund}, {@link #finish} and
 * {@link #close} do what Alipay would; {@link #deliveries} and {@link #trade} show what happened.
 * Methods that cause a notification wait (up to 10 s) for its first delivery and return it.
 */
public final class AlipaySandboxTester {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(name|value)=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private final AlipaySandbox sandbox;
    private final Map<String, SandboxPayment> payments = new ConcurrentHashMap<>();

    public AlipaySandboxTester(AlipaySandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** The sandbox itself, for everything else (faults, {@code dropReturnRedirect}, {@code reset}, ...). */
    public AlipaySandbox sandbox() {
        return sandbox;
    }

    /**
     * Sends a payment request to the gateway as the buyer's browser would: {@code checkout} is what your
     * shop answered, either the auto-submitting form ({@code SignedPayment.toHtmlForm()} or
     * {@code toHtmlPage()}, possibly inside your own page) or the signed redirect URL
     * ({@code toRedirectUrl()}). The signature and every rule of the gateway are checked.
     *
     * @throws SandboxRejectedException with Alipay's error code and the reason, as the gateway's error page
     */
    public SandboxTrade submit(String checkout) {
        return sandbox.createTrade(parameters(checkout));
    }

    /** {@link #submit(String)} for a payment signed in the test. */
    public SandboxTrade submit(SignedPayment payment) {
        return sandbox.createTrade(payment.parameters());
    }

    /**
     * The buyer pays the trade at the cashier; returns the first delivery of the notification to your
     * notify endpoint ({@code success()} is whether it answered exactly {@code success}).
     *
     * @throws IllegalStateException when the request had no notify_url, or nothing was delivered in 10 s
     */
    public NotificationDelivery pay(String outTradeNo) {
        return awaitNewNotification(outTradeNo, () -> payments.put(outTradeNo, sandbox.pay(outTradeNo)));
    }

    /** The browser's return to your return endpoint after {@link #pay}: return_url with Alipay's signed parameters. */
    public URI returnUrl(String outTradeNo) {
        SandboxPayment payment = payments.get(outTradeNo);
        if (payment == null || payment.returnUrl() == null) {
            throw new IllegalStateException("no return for " + outTradeNo + ": pay it first, with a return_url in the request");
        }
        return payment.returnUrl();
    }

    /** Alipay sends the latest notification again, now (the same notify_id, as when your {@code success} was lost). */
    public NotificationDelivery resend(String outTradeNo) {
        return sandbox.resendNotification(outTradeNo);
    }

    /**
     * Refunds part or all of a paid trade (a full refund closes it); returns the refund notification's first
     * delivery. A full refund is notified only with {@code @AutoConfigureAlipaySandbox(notifyClosedTrades = true)},
     * as at Alipay; without it, this waits for a notification that never comes and fails.
     */
    public NotificationDelivery refund(String outTradeNo, String amount) {
        return awaitNewNotification(outTradeNo, () -> sandbox.refund(outTradeNo, amount));
    }

    /** The refund window ends: TRADE_FINISHED, notified; returns that notification's first delivery. */
    public NotificationDelivery finish(String outTradeNo) {
        return awaitNewNotification(outTradeNo, () -> sandbox.finish(outTradeNo));
    }

    /** Closes an unpaid trade (Alipay notifies nothing by default). */
    public SandboxTrade close(String outTradeNo) {
        return sandbox.close(outTradeNo);
    }

    /** Every delivery of every notification for the trade, oldest first: URL, parameters, HTTP status, answer. */
    public List<NotificationDelivery> deliveries(String outTradeNo) {
        return sandbox.deliveries(outTradeNo);
    }

    /** The trade as the sandbox (Alipay) sees it. */
    public SandboxTrade trade(String outTradeNo) {
        return sandbox.trade(outTradeNo);
    }

    /** Requests the gateway refused, with code, parameter and reason. */
    public List<SandboxRejection> rejections() {
        return sandbox.rejections();
    }

    private NotificationDelivery awaitNewNotification(String outTradeNo, Runnable action) {
        Set<String> known = sandbox.deliveries(outTradeNo).stream().map(NotificationDelivery::notifyId).collect(Collectors.toSet());
        action.run();
        if (sandbox.trade(outTradeNo).notifyUrl() == null) {
            throw new IllegalStateException("trade " + outTradeNo + " has no notify_url: nothing is notified (set alipay.notify-url)");
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        int count = known.isEmpty() ? 1 : sandbox.deliveries(outTradeNo).size() + 1;
        while (true) {
            long left = deadline - System.nanoTime();
            List<NotificationDelivery> all = sandbox.awaitDeliveries(outTradeNo, count, Duration.ofNanos(Math.max(0, left)));
            for (NotificationDelivery d : all) {
                if (!known.contains(d.notifyId())) {
                    return d;
                }
            }
            if (left <= 0) {
                throw new IllegalStateException("no notification for " + outTradeNo + " was delivered within " + WAIT.toSeconds() + " s");
            }
            count = all.size() + 1;
        }
    }

    /** The parameters in a form's hidden inputs, or in a URL's query. */
    static Map<String, String> parameters(String checkout) {
        String text = checkout.strip();
        if (text.startsWith("http://") || text.startsWith("https://")) {
            URI uri = URI.create(text);
            Charset cs = charset(FormData.decode(uri.getRawQuery(), StandardCharsets.UTF_8).get("_input_charset"));
            return FormData.decode(uri.getRawQuery(), cs);
        }
        Map<String, String> p = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(text);
        while (input.find()) {
            String name = null;
            String value = "";
            Matcher a = ATTRIBUTE.matcher(input.group());
            while (a.find()) {
                if (a.group(1).equalsIgnoreCase("name")) {
                    name = unescape(a.group(2));
                } else {
                    value = unescape(a.group(2));
                }
            }
            if (name != null) {
                p.put(name, value);
            }
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("neither a form with hidden inputs nor a URL: " + Texts.forLog(text));
        }
        return p;
    }

    private static Charset charset(String wireName) {
        if (wireName == null) {
            return StandardCharsets.UTF_8;
        }
        return switch (wireName.toLowerCase(java.util.Locale.ROOT)) {
            case "gbk" -> Charset.forName("GBK");
            case "gb2312" -> Charset.forName("GB2312");
            default -> StandardCharsets.UTF_8;
        };
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}

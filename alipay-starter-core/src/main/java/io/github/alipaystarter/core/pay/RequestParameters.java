package io.github.alipaystarter.core.pay;

import static io.github.alipaystarter.core.pay.ParameterRules.violation;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.error.AlipayParameterException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A built {@link PaymentRequest} with the merchant's configuration applied, as the parameters to sign, in
 * the order of table 4-1 (which is the order of the rendered form and URL). Here live the rules that depend
 * on the configuration: the {@code _input_charset} must hold every character, the configured seller and
 * URLs stand in for those the request leaves out, the buyer must not be the configured seller, and a
 * loopback return_url is refused with Alipay's gateway. A violation is an {@link AlipayParameterException}.
 */
final class RequestParameters {

    static final String SERVICE = "create_direct_pay_by_user";

    private RequestParameters() {
    }

    static Map<String, String> of(PaymentRequest r, AlipayConfig config) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("service", SERVICE);
        p.put("partner", config.partner());
        p.put("_input_charset", config.inputCharsetName());
        putIfPresent(p, "notify_url", url("notify_url", r.notifyUrl(), config.notifyUrl(), 190));
        String ret = url("return_url", r.returnUrl(), config.returnUrl(), 200);
        if (ret != null) {
            if (r.returnUrl() == null) {
                RequestRules.noExclamationMark(ret);
            }
            if (isAlipaysGateway(config.gatewayUrl()) && isLoopback(URI.create(ret))) {
                throw violation("return_url", "must not be on localhost or a loopback address when the gateway is Alipay's (spec 8.1 (8), "
                        + "rules v1.4: Alipay checks the return_url's domain, and the buyer stays on its success "
                        + "page); use the server's domain or IP address, or a local gateway such as the sandbox",
                        ret, AlipayErrorCode.ILLEGAL_ARGUMENT);
            }
            p.put("return_url", ret);
        }
        p.put("out_trade_no", r.outTradeNo());
        p.put("subject", r.subject());
        p.put("payment_type", r.paymentType().code());
        putSellerAndBuyer(p, r, config);
        if (r.amount() instanceof Amount.PriceTimesQuantity pq) {
            p.put("price", pq.price().toPlainString());
            p.put("quantity", String.valueOf(pq.quantity()));
        } else {
            p.put("total_fee", r.amount().value().toPlainString());
        }
        putIfPresent(p, "body", r.body());
        putIfPresent(p, "show_url", url("show_url", r.showUrl(), config.showUrl(), 400));
        putPaymentMethod(p, r);
        if (r.royalties() != null) {
            p.put("royalty_type", Royalties.ROYALTY_TYPE);
            p.put("royalty_parameters", royaltyParameters(r.royalties().shares()));
        }
        putIfPresent(p, "anti_phishing_key", r.antiPhishingKey());
        putIfPresent(p, "exter_invoke_ip", r.exterInvokeIp());
        putIfPresent(p, "extra_common_param", r.extraCommonParam());
        putIfPresent(p, "extend_param", r.extendParam() == null ? null : extendParam(r.extendParam()));
        putIfPresent(p, "it_b_pay", r.itBPay() == null ? null : r.itBPay().value());
        putIfPresent(p, "token", r.token());
        if (r.qrCode() != null) {
            p.put("qr_pay_mode", r.qrCode().mode());
            putIfPresent(p, "qrcode_width", r.qrCode().width() == null ? null : String.valueOf(r.qrCode().width()));
        }
        Charset charset = config.inputCharset();
        p.forEach((name, value) -> ParameterRules.encodable(name, value, charset));
        return p;
    }

    /** The request's URL, already checked when built, or the configured one, checked here. */
    private static String url(String parameter, URI given, URI configured, int maxLength) {
        if (given != null) {
            return given.toString();
        }
        if (configured == null) {
            return null;
        }
        ParameterRules.url(parameter, configured.toString(), maxLength);
        return configured.toString();
    }

    private static void putSellerAndBuyer(Map<String, String> p, PaymentRequest r, AlipayConfig config) {
        String sId = r.sellerId();
        String sEmail = r.sellerEmail();
        String sName = r.sellerAccountName();
        if (sId == null && sEmail == null && sName == null) {
            // table 4-1: seller_id, seller_account_name and seller_email must not all be empty
            if (config.sellerIsId()) {
                sId = RequestRules.userId("seller_id", config.seller());
                RequestRules.buyerIsNotSeller("buyer_id", r.buyerId(), sId, false);
            } else {
                sEmail = RequestRules.account("seller_email", config.seller());
                RequestRules.buyerIsNotSeller("buyer_email", r.buyerEmail(), sEmail, true);
            }
        }
        putIfPresent(p, "seller_email", sEmail);
        putIfPresent(p, "buyer_email", r.buyerEmail());
        putIfPresent(p, "seller_id", sId);
        putIfPresent(p, "buyer_id", r.buyerId());
        putIfPresent(p, "seller_account_name", sName);
        putIfPresent(p, "buyer_account_name", r.buyerAccountName());
    }

    private static void putPaymentMethod(Map<String, String> p, PaymentRequest r) {
        DefaultPayMethod method = r.paymethod();
        if (method != null && method.paymethod() != null) {
            p.put("paymethod", method.paymethod().code());
        }
        putIfPresent(p, "enable_paymethod", r.enablePaymethod() == null ? null : String.join("^", r.enablePaymethod()));
        putIfPresent(p, "disable_paymethod", r.disablePaymethod() == null ? null : String.join("^", r.disablePaymethod()));
        putIfPresent(p, "defaultbank", method == null ? null : method.defaultbank());
        if (r.needCtuCheck() != null) {
            p.put("need_ctu_check", r.needCtuCheck() ? "Y" : "N");
        }
        boolean login = method != null && method.needsDefaultLogin();
        if (r.defaultLogin() != null || login) {
            p.put("default_login", login || r.defaultLogin() ? "Y" : "N");
        }
    }

    /** {@code name1^value1|name2^value2}, in the map's order. */
    static String extendParam(Map<String, String> pairs) {
        StringBuilder sb = new StringBuilder();
        pairs.forEach((name, value) -> {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(name).append('^').append(value);
        });
        return sb.toString();
    }

    /** {@code [payer^]receiver^amount^remark} joined by {@code |}; amounts at scale 2 where they have at most 2 decimals. */
    static String royaltyParameters(List<Royalties.Share> shares) {
        StringBuilder sb = new StringBuilder();
        for (Royalties.Share share : shares) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            if (share.payer() != null) {
                sb.append(share.payer()).append('^');
            }
            sb.append(share.receiver()).append('^').append(money(share.amount())).append('^')
                    .append(share.remark() == null ? "" : share.remark());
        }
        return sb.toString();
    }

    private static String money(BigDecimal amount) {
        if (amount == null) {
            return "null";
        }
        return amount.stripTrailingZeros().scale() <= 2 ? amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString()
                : amount.toPlainString();
    }

    private static void putIfPresent(Map<String, String> p, String name, String value) {
        if (value != null) {
            p.put(name, value);
        }
    }

    /** Alipay's own gateway (mapi.alipay.com or another alipay.com host), not a local one such as the sandbox. */
    private static boolean isAlipaysGateway(URI gateway) {
        String host = gateway == null ? null : gateway.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("alipay.com") || host.endsWith(".alipay.com");
    }

    /**
     * The name localhost or a loopback address (spec 8.1 (8): "不要设置成本机域名", wrong: http://localhost/...;
     * rules v1.4: "不能是http://localhost/这类地址 ... （例如:127.0.0.1）"). Alipay's domain check refuses
     * them; a site-local address is the developer's business (warned about at start-up).
     */
    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.matches("127(\\.[0-9]{1,3}){3}") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        return host.equals("localhost") || host.endsWith(".localhost");
    }
}

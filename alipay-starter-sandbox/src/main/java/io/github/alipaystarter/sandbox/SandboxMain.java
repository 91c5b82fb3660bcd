package io.github.alipaystarter.sandbox;

import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox from the command line, for testing from any language:
 *
 * <pre>
 * java -jar alipay-starter-sandbox-&lt;version&gt;-all.jar --port 9090 --partner 2088... --key ... [--seller-email ..]
 *      [--seller-id ..] [--time-scale 0.01] [--charset utf-8] [--bind 127.0.0.1] [--anti-phishing]
 *      [--trade-status TRADE_SUCCESS|TRADE_FINISHED]
 * </pre>
 *
 * Without arguments it runs {@link SandboxMerchant#DEMO} on port 9090.
 */
public final class SandboxMain {

    static final String USAGE = """
            usage: java -jar alipay-starter-sandbox-<version>-all.jar [options]
              --port N              port to listen on (default 9090; 0 = any free port)
              --bind ADDRESS        address to listen on (default 127.0.0.1; 0.0.0.0 = every interface)
              --partner ID          merchant partner id, 2088 + 12 digits (default: the demo merchant)
              --key KEY             the merchant's 32-character MD5 key (required with --partner)
              --seller-email EMAIL  the seller's account (default: seller-<partner>@sandbox.example.com)
              --seller-id ID        the seller's user id (default: the partner)
              --trade-status S      TRADE_SUCCESS (default) or TRADE_FINISHED after payment
              --anti-phishing       require anti_phishing_key and exter_invoke_ip
              --time-scale X        multiply every delay: 1 = real time (default), 0.01 = 100x faster
              --charset CS          charset of the printed example request: utf-8 (default), gbk, gb2312
              --help                this text
            """;

    /** The parsed command line. */
    record Options(int port, String bind, SandboxMerchant merchant, double timeScale, Charset charset, boolean help) {
    }

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(USAGE);
            return;
        }
        AlipaySandbox sandbox = start(options, SandboxLog.printTo(System.out, System.console() != null));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "alipay-sandbox-shutdown"));
        banner(System.out, sandbox, options);
        stopped.await();
    }

    /**
     * Starts the sandbox as the command line says, its console lines going to {@code log}. The return's
     * notify_id lives a real minute whatever {@code --time-scale}: a person follows the return by hand.
     */
    static AlipaySandbox start(Options options, SandboxLog log) {
        return AlipaySandbox.builder().port(options.port()).bindAddress(options.bind())
                .timeScale(options.timeScale()).merchant(options.merchant())
                .returnNotifyIdValidity(java.time.Duration.ofMinutes(1))
                .log(log)
                .start();
    }

    static Options parse(String[] args) {
        int port = 9090;
        String bind = "127.0.0.1";
        String partner = null;
        String key = null;
        String sellerEmail = null;
        String sellerId = null;
        String tradeStatus = null;
        boolean antiPhishing = false;
        double timeScale = 1.0;
        Charset charset = java.nio.charset.StandardCharsets.UTF_8;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> {
                    return new Options(port, bind, SandboxMerchant.DEMO, timeScale, charset, true);
                }
                case "--anti-phishing" -> antiPhishing = true;
                case "--port", "--bind", "--partner", "--key", "--seller-email", "--seller-id", "--trade-status",
                        "--time-scale", "--charset" -> {
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--port" -> port = parsePort(value);
                        case "--bind" -> bind = value;
                        case "--partner" -> partner = value;
                        case "--key" -> key = value;
                        case "--seller-email" -> sellerEmail = value;
                        case "--seller-id" -> sellerId = value;
                        case "--trade-status" -> tradeStatus = value;
                        case "--time-scale" -> timeScale = parseScale(value);
                        default -> {
                            charset = SandboxCodec.legalCharset(value);
                            if (charset == null) {
                                throw new IllegalArgumentException("--charset must be utf-8, gbk or gb2312, got '" + value + "'");
                            }
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        SandboxMerchant merchant;
        if (partner == null && key == null) {
            merchant = SandboxMerchant.DEMO;
        } else if (partner == null || key == null) {
            throw new IllegalArgumentException(partner == null ? "--key needs --partner" : "--partner needs --key");
        } else {
            merchant = SandboxMerchant.md5(partner, key); // validates both, never echoing the key
        }
        if (sellerEmail != null) {
            merchant = merchant.sellerEmail(sellerEmail);
        }
        if (sellerId != null) {
            merchant = merchant.sellerId(sellerId);
        }
        if (tradeStatus != null) {
            merchant = merchant.tradeStatusOnPay(TradeStatus.of(tradeStatus));
        }
        if (antiPhishing) {
            merchant = merchant.antiPhishing(true);
        }
        return new Options(port, bind, merchant, timeScale, charset, false);
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number in [0, 65535], got '" + value + "'");
        }
    }

    private static double parseScale(String value) {
        try {
            double d = Double.parseDouble(value);
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--time-scale must be a positive number, got '" + value + "'");
        }
    }

    static void banner(PrintStream out, AlipaySandbox sandbox, Options options) {
        SandboxMerchant m = options.merchant();
        out.println("Alipay sandbox (create_direct_pay_by_user) is running. NOT the real Alipay: no money moves.");
        out.println("  gateway      " + sandbox.gatewayUrl());
        out.println("  partner      " + m.partner());
        // the demo key is public; a key given on the command line is the user's and is not repeated
        out.println("  key          " + (m.key() != null && m.key().equals(SandboxMerchant.DEMO.key()) ? m.key() : "****** (as given)"));
        out.println("  seller       " + m.sellerId() + " / " + m.sellerEmail());
        out.println("  trade status " + m.tradeStatusOnPay() + (m.antiPhishing() ? ", anti-phishing on" : ""));
        out.println("  time scale   " + options.timeScale());
        out.println("  try it       " + exampleRequest(sandbox, m, options.charset()));
        out.println("  console      " + sandbox.baseUrl() + "  (trades, notifications, resend, refund, close, finish)");
        out.println("Stop with Ctrl-C. Every request, notification and notify_verify is printed below.");
    }

    /** A signed GET request for a 0.01-yuan trade, to open in a browser. */
    static String exampleRequest(AlipaySandbox sandbox, SandboxMerchant m, Charset charset) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("service", "create_direct_pay_by_user");
        p.put("partner", m.partner());
        p.put("_input_charset", SandboxCodec.wireName(charset));
        p.put("out_trade_no", "demo" + System.currentTimeMillis());
        p.put("subject", "沙箱测试商品 sandbox test");
        p.put("total_fee", "0.01");
        p.put("payment_type", "1");
        p.put("seller_id", m.sellerId());
        if (m.key() == null) {
            return sandbox.gatewayUrl() + " (RSA merchant: sign your own request)";
        }
        p.put("sign", SandboxCodec.md5(SandboxCodec.canonical(p), m.key(), charset));
        p.put("sign_type", "MD5");
        return sandbox.gatewayUrl() + "?" + SandboxCodec.encodeForm(p, charset);
    }
}

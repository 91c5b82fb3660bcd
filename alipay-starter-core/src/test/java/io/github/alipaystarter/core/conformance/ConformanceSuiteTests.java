package io.github.alipaystarter.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.SignType;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.HttpAlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.NotifyVerifyAnswer;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import io.github.alipaystarter.core.protocol.notify.NotificationParser;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.engine.NotificationVerifier;
import io.github.alipaystarter.core.protocol.notify.TradeNotification;
import io.github.alipaystarter.core.engine.Verification;
import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.PayTimeout;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.pay.PaymentRequestListener;
import io.github.alipaystarter.core.pay.PaymentType;
import io.github.alipaystarter.core.pay.SignedPayment;
import java.net.URI;
import java.time.Duration;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.engine.NotificationProcessor;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.engine.Reconciler;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite (issue 8): every real item in {@code src/test/resources/conformance} goes through the
 * starter as it would in production, and each step's outcome is the one its file states.
 *
 * <ul>
 *   <li>notifications and returns: the published sign is reproduced where the MD5 key is published, the
 *       signature verifies (MD5 with the published key, RSA with Alipay's mapi public key) or, where the key
 *       is not published, is refused with any other key; the parameters parse; the
 *       {@link NotificationProcessor} (in-memory ledger holding the trade, gateway stub answering
 *       notify_verify {@code true}) pays the trade once for the merchant it belongs to, answers a resend
 *       DUPLICATE, and refuses it for another seller (ours). Items whose key is not published are re-signed
 *       with the test key for the processing steps, as their source projects do;</li>
 *   <li>requests: the published sign is reproduced where the key is published, both from the parameters
 *       and by building the same request as a {@link PaymentRequest}; the starter's request rules accept
 *       what Alipay accepted;</li>
 *   <li>single_trade_query answers: served by a local HTTP server to {@link HttpAlipayGateway}, read into a
 *       {@link TradeQueryResult} and reconciled: a paid answer pays only when its seller and amount match
 *       the ledger;</li>
 *   <li>query_timestamp answers: the encrypt_key is read as sent and a request carrying it signs.</li>
 * </ul>
 */
class ConformanceSuiteTests {

    static final String TEST_PARTNER = "2088101122334455";
    static final String TEST_KEY = "conformancetestkey0123456789abcd";
    /** "Our" seller: not the seller of any real item. */
    static final String OUR_SELLER = "2088101122334455";

    private static final List<ConformanceItem> ITEMS = ConformanceItem.all();

    @Test
    void theSuiteHoldsAtLeastTwentyRealItemsEachWithItsSource() {
        assertThat(ITEMS).hasSizeGreaterThanOrEqualTo(20);
        assertThat(ITEMS).allSatisfy(item -> {
            assertThat(item.header("source")).as(item.name()).isNotBlank();
            assertThat(item.kind()).as(item.name()).isIn("NOTIFY", "RETURN", "REQUEST", "QUERY_ANSWER", "TIMESTAMP_ANSWER");
        });
        assertThat(ITEMS.stream().map(ConformanceItem::kind).distinct()).hasSize(5);
    }

    @TestFactory
    Stream<DynamicTest> notificationsAndReturns() {
        return ITEMS.stream().filter(i -> i.kind().equals("NOTIFY") || i.kind().equals("RETURN"))
                .flatMap(item -> Stream.of(
                        DynamicTest.dynamicTest(item.name() + ": signature " + item.expect("signature"), () -> signature(item)),
                        DynamicTest.dynamicTest(item.name() + ": parses", () -> parses(item)),
                        DynamicTest.dynamicTest(item.name() + ": processed " + item.expect("process"), () -> processed(item))));
    }

    @TestFactory
    Stream<DynamicTest> requests() {
        return ITEMS.stream().filter(i -> i.kind().equals("REQUEST"))
                .flatMap(item -> Stream.of(
                        DynamicTest.dynamicTest(item.name() + ": sign " + item.expect("sign"), () -> requestSign(item)),
                        DynamicTest.dynamicTest(item.name() + ": starter rules " + item.expect("starter"), () -> requestRules(item))));
    }

    @TestFactory
    Stream<DynamicTest> queryAnswers() {
        return ITEMS.stream().filter(i -> i.kind().equals("QUERY_ANSWER"))
                .map(item -> DynamicTest.dynamicTest(item.name() + ": " + item.expect("query") + " then "
                        + item.expect("process"), () -> queryAnswer(item)));
    }

    @TestFactory
    Stream<DynamicTest> timestampAnswers() {
        return ITEMS.stream().filter(i -> i.kind().equals("TIMESTAMP_ANSWER"))
                .map(item -> DynamicTest.dynamicTest(item.name() + ": encrypt_key read as sent, request "
                        + item.expect("starter"), () -> timestampAnswer(item)));
    }

    // ---- notifications and returns ----

    private static NotificationSource source(ConformanceItem item) {
        return item.kind().equals("RETURN") ? NotificationSource.RETURN : NotificationSource.NOTIFY;
    }

    private void signature(ConformanceItem item) throws Exception {
        Map<String, String> p = item.parameters();
        String expected = item.expect("signature");
        if (item.md5Key() != null) {
            AlipayConfig config = md5Config(item.md5Key(), item.header("charset"), OUR_SELLER).build();
            if ("REPRODUCED".equals(item.expect("sign"))) {
                assertThat(AlipaySigner.forConfig(config).sign(p)).isEqualTo(p.get("sign"));
            }
            Verification v = NotificationVerifier.signatureOnlyInsecureForTests(AlipaySigner.forConfig(config))
                    .checkSignature(source(item), p);
            assertThat(v).as(expected).isInstanceOf(expected.equals("VALID") ? Verification.Verified.class
                    : Verification.BadSignature.class);
        } else if (item.signedByAlipayRsa()) {
            Verification v = NotificationVerifier.signatureOnlyInsecureForTests(AlipaySigner.forConfig(rsaConfig(OUR_SELLER)))
                    .checkSignature(source(item), p);
            assertThat(expected).isEqualTo("VALID");
            assertThat(v).isInstanceOf(Verification.Verified.class);
        } else {
            // the merchant's key is not published: any other key must refuse it
            assertThat(expected).isEqualTo("NOT_VERIFIABLE");
            Verification v = NotificationVerifier.signatureOnlyInsecureForTests(
                    AlipaySigner.forConfig(md5Config(TEST_KEY, item.header("charset"), OUR_SELLER).build()))
                    .checkSignature(source(item), p);
            assertThat(v).isInstanceOf(Verification.BadSignature.class);
        }
    }

    private void parses(ConformanceItem item) {
        Map<String, String> p = item.parameters();
        TradeNotification n = NotificationParser.parse(source(item), p);
        assertThat(n.outTradeNo()).isEqualTo(p.get("out_trade_no"));
        assertThat(n.tradeStatus().value()).isEqualTo(p.get("trade_status"));
        assertThat(n.totalFee()).isEqualByComparingTo(p.get("total_fee"));
        assertThat(n.totalFee().scale()).isEqualTo(2);
        assertThat(n.notifyId()).isEqualTo(p.get("notify_id"));
    }

    private void processed(ConformanceItem item) throws Exception {
        Map<String, String> p = item.parameters();
        String seller = item.header("merchant-seller");
        AlipayConfig merchant;
        if (item.signedByAlipayRsa()) {
            merchant = rsaConfig(seller);
        } else if (item.md5Key() != null && "VALID".equals(item.expect("signature"))) {
            merchant = md5Config(item.md5Key(), item.header("charset"), seller).build();
        } else {
            merchant = md5Config(TEST_KEY, item.header("charset"), seller).build();
            p = resigned(p, merchant);
        }
        Run run = new Run(merchant);
        run.ledger.record(p.get("out_trade_no"), new BigDecimal(p.get("total_fee")), p.get("subject"));
        assertThat(run.processor.process(source(item), p).outcome()).hasToString(item.expect("process"));
        assertThat(run.paid).hasSize(item.expect("process").equals("PAID") ? 1 : 0);
        assertThat(run.processor.process(source(item), p).outcome()).hasToString(item.expect("repeat"));
        assertThat(run.paid).hasSize(item.expect("process").equals("PAID") ? 1 : 0);

        AlipayConfig ours = merchant.signType() == SignType.RSA ? rsaConfig(OUR_SELLER)
                : md5Config(merchant.key(), item.header("charset"), OUR_SELLER).build();
        Run other = new Run(ours);
        other.ledger.record(p.get("out_trade_no"), new BigDecimal(p.get("total_fee")), p.get("subject"));
        assertThat(other.processor.process(source(item), p).outcome()).hasToString(item.expect("process.other-seller"));
        assertThat(other.paid).isEmpty();
    }

    /** As the source projects do for an item whose key is not published: the same parameters, signed with the test key. */
    static Map<String, String> resigned(Map<String, String> p, AlipayConfig config) {
        Map<String, String> copy = new LinkedHashMap<>(p);
        copy.put("sign_type", "MD5");
        copy.put("sign", AlipaySigner.forConfig(config).sign(copy));
        return copy;
    }

    // ---- requests ----

    private void requestSign(ConformanceItem item) {
        Map<String, String> p = item.parameters();
        if (!"REPRODUCED".equals(item.expect("sign"))) {
            assertThat(item.expect("sign")).isEqualTo("NOT_VERIFIABLE");
            assertThat(item.md5Key()).isNull();
            AlipayConfig config = requestConfig(item, p, TEST_KEY);
            assertThat(AlipaySigner.forConfig(config).sign(p)).isNotEqualTo(p.get("sign"));
            return;
        }
        AlipayConfig config = requestConfig(item, p, item.md5Key());
        // canonical string + MD5 over the parameters as sent
        assertThat(AlipaySigner.forConfig(config).sign(p)).isEqualTo(p.get("sign"));
        // The same request built with the starter: the same parameters, except that the starter writes money
        // with two decimals (327.0 goes out as 327.00, which Alipay reads as the same amount); with the same
        // text the sign is the published one, else the sign of that one difference.
        Map<String, String> expected = new LinkedHashMap<>(p);
        expected.computeIfPresent("total_fee", (k, v) -> new BigDecimal(v).setScale(2).toPlainString());
        expected.remove("sign");
        String expectedSign = expected.get("total_fee").equals(p.get("total_fee")) ? p.get("sign")
                : AlipaySigner.forConfig(config).sign(expected);
        Map<String, String> built = new LinkedHashMap<>(sign(item, p, config).parameters());
        assertThat(built.remove("sign")).isEqualTo(expectedSign);
        assertThat(built).isEqualTo(expected);
    }

    private void requestRules(ConformanceItem item) {
        Map<String, String> p = item.parameters();
        AlipayConfig config = requestConfig(item, p, item.md5Key() != null ? item.md5Key() : TEST_KEY);
        assertThat(item.expect("starter")).isEqualTo("ACCEPTED");
        assertThatCode(() -> sign(item, p, config)).doesNotThrowAnyException();
    }

    static AlipayConfig requestConfig(ConformanceItem item, Map<String, String> p, String key) {
        String seller = p.get("seller_id") != null ? p.get("seller_id") : p.get("seller_email");
        return AlipayConfig.builder().partner(p.get("partner")).key(key).seller(seller)
                .inputCharset(item.header("charset")).build();
    }

    /** The published request rebuilt as a {@link PaymentRequest}, parameter by parameter, and signed. */
    static SignedPayment sign(ConformanceItem item, Map<String, String> p, AlipayConfig config) {
        PaymentRequest.Builder r = PaymentRequest.builder(p.get("out_trade_no"), p.get("subject"),
                Amount.of(new BigDecimal(p.get("total_fee"))));
        for (Map.Entry<String, String> e : p.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "service", "partner", "_input_charset", "sign", "sign_type" -> { } // from the configuration
                case "out_trade_no", "subject", "total_fee" -> { } // given to the builder
                case "body" -> r.body(v);
                case "payment_type" -> r.paymentType(PaymentType.fromCode(v));
                case "seller_id" -> r.sellerId(v);
                case "seller_email" -> r.sellerEmail(v);
                case "notify_url" -> r.notifyUrl(URI.create(v));
                case "return_url" -> r.returnUrl(URI.create(v));
                case "anti_phishing_key" -> r.antiPhishingKey(v);
                case "exter_invoke_ip" -> r.exterInvokeIp(v);
                case "it_b_pay" -> r.itBPay(itBPay(v));
                default -> fail(item.name() + ": parameter " + e.getKey() + " is not mapped to the builder");
            }
        }
        return new DirectPayService(config, AlipaySigner.forConfig(config), PaymentRequestListener.NONE)
                .recordAndSign(r.build());
    }

    /** it_b_pay as published ({@code 5m}, {@code 2h}, {@code 3d}, {@code 1c}). */
    private static PayTimeout itBPay(String v) {
        if (v.equals("1c")) {
            return PayTimeout.endOfDay();
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return PayTimeout.after(switch (v.charAt(v.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    // ---- gateway answers ----

    private void queryAnswer(ConformanceItem item) throws Exception {
        try (Served served = new Served(item)) {
            AlipayGateway gateway = new HttpAlipayGateway(served.config, AlipaySigner.forConfig(served.config));
            String ask = item.header("ask");
            TradeQueryResult result = gateway.singleTradeQuery(ask);
            String[] q = item.expect("query").split(" ");
            if (q[0].equals("ERROR")) {
                assertThat(result.found()).isFalse();
                assertThat(result.errorCode()).isEqualTo(q[1]);
            } else {
                assertThat(result.found()).isTrue();
                assertThat(result.outTradeNo()).isEqualTo(ask);
                assertThat(result.tradeStatus().value()).isEqualTo(q[1]);
                assertThat(result.totalFee()).isEqualByComparingTo(q[2]).hasScaleOf(2);
            }
            BigDecimal amount = q[0].equals("FOUND") ? new BigDecimal(q[2]) : new BigDecimal("0.01");
            String seller = item.header("merchant-seller") != null ? item.header("merchant-seller") : OUR_SELLER;

            Run run = new Run(md5Config(TEST_KEY, "utf-8", seller).gatewayUrl(served.url()).build(), gateway);
            run.ledger.record(ask, amount, "conformance");
            assertThat(run.reconciler.reconcile(ask).outcome()).hasToString(item.expect("process"));
            if (item.expect("repeat") != null) {
                assertThat(run.reconciler.reconcile(ask).outcome()).hasToString(item.expect("repeat"));
            }
            assertThat(run.paid).hasSize(item.expect("process").equals("PAID") ? 1 : 0);

            if (item.expect("process.other-seller") != null) {
                Run other = new Run(md5Config(TEST_KEY, "utf-8", OUR_SELLER).gatewayUrl(served.url()).build(), gateway);
                other.ledger.record(ask, amount, "conformance");
                assertThat(other.reconciler.reconcile(ask).outcome()).hasToString(item.expect("process.other-seller"));
                assertThat(other.paid).isEmpty();
            }
            if (item.expect("process.other-amount") != null) {
                Run other = new Run(md5Config(TEST_KEY, "utf-8", seller).gatewayUrl(served.url()).build(), gateway);
                other.ledger.record(ask, amount.add(BigDecimal.ONE), "conformance");
                assertThat(other.reconciler.reconcile(ask).outcome()).hasToString(item.expect("process.other-amount"));
                assertThat(other.paid).isEmpty();
            }
        }
    }

    private void timestampAnswer(ConformanceItem item) throws Exception {
        try (Served served = new Served(item)) {
            AlipayGateway gateway = new HttpAlipayGateway(served.config, AlipaySigner.forConfig(served.config));
            String key = gateway.queryTimestamp();
            assertThat(key).isEqualTo(item.expect("encrypt-key"));
            assertThat(item.expect("starter")).isEqualTo("ACCEPTED");
            SignedPayment signed = new DirectPayService(served.config, AlipaySigner.forConfig(served.config),
                    PaymentRequestListener.NONE).recordAndSign(PaymentRequest.builder("CONF-TS-1", "防钓鱼",
                    Amount.of(new BigDecimal("0.01"))).antiPhishingKey(key).exterInvokeIp("60.23.138.185").build());
            assertThat(signed.parameters()).containsEntry("anti_phishing_key", key);
        }
    }

    // ---- fixtures ----

    static AlipayConfig.Builder md5Config(String key, String charset, String seller) {
        return AlipayConfig.builder().partner(TEST_PARTNER).key(key).seller(seller).inputCharset(charset);
    }

    private static String merchantPrivateKey;

    /** RSA merchant: a throw-away private key for requests, Alipay's mapi public key for notifications. */
    static AlipayConfig rsaConfig(String seller) throws Exception {
        return rsaConfigBuilder(seller).build();
    }

    static synchronized AlipayConfig.Builder rsaConfigBuilder(String seller) throws Exception {
        if (merchantPrivateKey == null) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(1024);
            merchantPrivateKey = Base64.getEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded());
        }
        return AlipayConfig.builder().partner(TEST_PARTNER).seller(seller).signType(SignType.RSA)
                .privateKey(merchantPrivateKey).alipayPublicKey(ConformanceItem.ALIPAY_MAPI_PUBLIC_KEY);
    }

    /** notify_verify answers true: the stand-in for Alipay confirming a notify_id. */
    static final class VerifyingGateway implements AlipayGateway {
        @Override
        public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
            return NotifyVerifyAnswer.TRUE;
        }

        @Override
        public String queryTimestamp() {
            throw new AssertionError("not expected");
        }

        @Override
        public TradeQueryResult singleTradeQuery(String outTradeNo) {
            throw new AssertionError("not expected");
        }
    }

    /** A processor over an in-memory ledger; onPaid calls are collected. */
    static final class Run {
        final InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();
        final List<PaidTrade> paid = new ArrayList<>();
        final NotificationProcessor processor;
        final Reconciler reconciler;

        Run(AlipayConfig config) {
            this(config, new VerifyingGateway());
        }

        Run(AlipayConfig config, AlipayGateway gateway) {
            PaymentHandler handler = paid::add;
            NotificationVerifier verifier = new NotificationVerifier(AlipaySigner.forConfig(config), new VerifyingGateway());
            this.processor = NotificationProcessor.builder().config(config).verifier(verifier).ledger(ledger)
                    .handler(handler).build();
            this.reconciler = new Reconciler(gateway, processor, ledger, Clock.systemUTC());
        }
    }

    /** The item's text served as the gateway's answer on a loopback port. */
    static final class Served implements AutoCloseable {
        final HttpServer server;
        final AlipayConfig config;

        Served(ConformanceItem item) throws Exception {
            byte[] body = item.raw().getBytes(item.charset());
            String contentType = item.header("content-type") != null ? item.header("content-type") : "text/xml";
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", contentType);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            config = md5Config(TEST_KEY, "utf-8", OUR_SELLER).gatewayUrl(url()).build();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/gateway.do";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

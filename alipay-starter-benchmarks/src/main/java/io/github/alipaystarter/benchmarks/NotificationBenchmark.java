package io.github.alipaystarter.benchmarks;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.NotifyVerifyAnswer;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.notify.NotificationParser;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.engine.NotificationVerifier;
import io.github.alipaystarter.core.protocol.notify.TradeNotification;
import io.github.alipaystarter.core.store.InMemoryNotificationJournal;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.engine.NotificationProcessor;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The notification path without the web layer: {@link NotificationParser#parse} of decoded parameters,
 * and the whole {@link NotificationProcessor#processRaw} for a resend of a trade the ledger already has
 * as PAID (the DUPLICATE path: journal, decode, MD5 check, seller, the amount against the processor's
 * memory of settled trades instead of a ledger read, answer {@code success}), and for a notification with a forged signature (BAD_SIGNATURE). In-memory ledger and
 * journal (capacity 1000); the gateway is a stand-in that counts calls, and the tear-down fails the run
 * if either path called it or if an outcome was not the expected one. The processor's log lines are
 * switched off (see {@link #setUp}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NotificationBenchmark {

    static final String PARTNER = "2088101568338364";
    static final String KEY = "0123456789abcdefghijklmnopqrstuv";
    static final String OUT_TRADE_NO = "20261126000001";

    @Param({"utf-8", "gbk"})
    public String charset;

    private final AtomicInteger gatewayCalls = new AtomicInteger();
    private final AtomicInteger unexpectedOutcomes = new AtomicInteger();
    private NotificationProcessor processor;
    private Map<String, String> decoded;
    private byte[] paidBody;
    private byte[] forgedBody;
    private Charset cs;
    /** Strong references, so the configured levels are not lost to garbage collection. */
    private final java.util.List<java.util.logging.Logger> quietLoggers = new java.util.ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        // A forged notification is logged at WARNING (by design); where that line goes is the
        // application's logging, not the starter: silenced here, included in the wrk load test (Logback
        // to a file). System.Logger goes to java.util.logging when no other backend is installed.
        for (String name : new String[] {NotificationProcessor.class.getName(), NotificationVerifier.class.getName()}) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(java.util.logging.Level.OFF);
            quietLoggers.add(logger);
        }
        AlipayConfig config = AlipayConfig.builder().partner(PARTNER).key(KEY).inputCharset(charset).build();
        cs = config.inputCharset();
        AlipaySigner signer = AlipaySigner.forConfig(config);
        AlipayGateway gateway = new CountingGateway(gatewayCalls);
        InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();
        ledger.record(OUT_TRADE_NO, new BigDecimal("88.00"), "测试商品 + 100% & 更多");
        processor = NotificationProcessor.builder().config(config)
                .verifier(new NotificationVerifier(signer, gateway))
                .ledger(ledger).journal(new InMemoryNotificationJournal(1000))
                .handler(trade -> { })
                .build();

        Map<String, String> signed = signer.signParameters(unsigned());
        decoded = signed;
        paidBody = FormData.encode(signed, cs).getBytes(StandardCharsets.US_ASCII);
        Map<String, String> forged = new LinkedHashMap<>(signed);
        forged.put("sign", "0123456789abcdef0123456789abcdef");
        forgedBody = FormData.encode(forged, cs).getBytes(StandardCharsets.US_ASCII);

        // the first delivery pays the trade (and asks the gateway once); every later one is a resend
        ProcessingResult first = processor.processRaw(NotificationSource.NOTIFY, paidBody, cs);
        if (first.outcome() != Outcome.PAID || gatewayCalls.get() != 1) {
            throw new IllegalStateException("set-up: expected PAID after one notify_verify, got " + first
                    + " after " + gatewayCalls.get() + " gateway calls");
        }
        gatewayCalls.set(0);
    }

    @TearDown(Level.Trial)
    public void checkNoGatewayCall() {
        if (gatewayCalls.get() != 0 || unexpectedOutcomes.get() != 0) {
            throw new IllegalStateException("the measured paths made " + gatewayCalls.get()
                    + " gateway calls and had " + unexpectedOutcomes.get() + " unexpected outcomes");
        }
    }

    static Map<String, String> unsigned() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("notify_id", "RqPnCoPT3K9%2Fvwbh3InWfjSqVvC4=");
        p.put("notify_type", "trade_status_sync");
        p.put("notify_time", "2026-11-26 10:15:30");
        p.put("out_trade_no", OUT_TRADE_NO);
        p.put("trade_no", "2026112621001004020012345678");
        p.put("subject", "测试商品 + 100% & 更多");
        p.put("payment_type", "1");
        p.put("trade_status", "TRADE_SUCCESS");
        p.put("total_fee", "88.00");
        p.put("price", "88.00");
        p.put("quantity", "1");
        p.put("seller_id", PARTNER);
        p.put("seller_email", "shop@example.com");
        p.put("buyer_id", "2088002007013600");
        p.put("buyer_email", "buyer@example.com");
        p.put("gmt_create", "2026-11-26 10:14:50");
        p.put("gmt_payment", "2026-11-26 10:15:01");
        p.put("is_total_fee_adjust", "N");
        p.put("use_coupon", "N");
        return p;
    }

    @Benchmark
    public TradeNotification parse() {
        return NotificationParser.parse(NotificationSource.NOTIFY, decoded);
    }

    @Benchmark
    public ProcessingResult processRawDuplicate() {
        ProcessingResult r = processor.processRaw(NotificationSource.NOTIFY, paidBody, cs);
        if (r.outcome() != Outcome.DUPLICATE) {
            unexpectedOutcomes.incrementAndGet();
        }
        return r;
    }

    @Benchmark
    public ProcessingResult processRawForgedSignature() {
        ProcessingResult r = processor.processRaw(NotificationSource.NOTIFY, forgedBody, cs);
        if (r.outcome() != Outcome.BAD_SIGNATURE) {
            unexpectedOutcomes.incrementAndGet();
        }
        return r;
    }

    /** A gateway that answers notify_verify {@code true} and counts every call. */
    static final class CountingGateway implements AlipayGateway {
        private final AtomicInteger calls;

        CountingGateway(AtomicInteger calls) {
            this.calls = calls;
        }

        @Override
        public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
            calls.incrementAndGet();
            return NotifyVerifyAnswer.TRUE;
        }

        @Override
        public String queryTimestamp() {
            calls.incrementAndGet();
            throw new UnsupportedOperationException("not expected");
        }

        @Override
        public TradeQueryResult singleTradeQuery(String outTradeNo) {
            calls.incrementAndGet();
            throw new UnsupportedOperationException("not expected");
        }
    }
}

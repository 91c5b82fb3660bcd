package io.github.alipaystarter.benchmarks;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.pay.PaymentRequestListener;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.math.BigDecimal;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building, validating, MD5-signing and rendering one create_direct_pay_by_user request, as a shop does
 * for every checkout: {@code recordAndSign(PaymentRequest.builder(..).build()).toHtmlForm()} (the
 * auto-submitting form) and {@code toRedirectUrl()} (the GET URL). A Chinese subject and body, so the charset matters. The
 * listener is {@link PaymentRequestListener#NONE}: recording the order in a ledger is not measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DirectPayBenchmark {

    static final String PARTNER = "2088101568338364";
    static final String KEY = "0123456789abcdefghijklmnopqrstuv";

    @Param({"utf-8", "gbk"})
    public String charset;

    private DirectPayService service;
    private final BigDecimal fee = new BigDecimal("88.00");
    private long counter;

    @Setup
    public void setUp() {
        AlipayConfig config = AlipayConfig.builder().partner(PARTNER).key(KEY).inputCharset(charset)
                .notifyUrl(URI.create("https://shop.example.com/alipay/notify"))
                .returnUrl(URI.create("https://shop.example.com/alipay/return"))
                .build();
        service = new DirectPayService(config, AlipaySigner.forConfig(config), PaymentRequestListener.NONE);
    }

    private String nextOutTradeNo() {
        return "20261126" + (100000 + (counter++ % 900000));
    }

    @Benchmark
    public String signAndRenderHtmlForm() {
        return service.recordAndSign(PaymentRequest.builder(nextOutTradeNo(), "测试商品 Test goods", Amount.of(fee))
                .body("一件测试商品，用于基准测试").build()).toHtmlForm();
    }

    @Benchmark
    public URI signAndRenderRedirectUrl() {
        return service.recordAndSign(PaymentRequest.builder(nextOutTradeNo(), "测试商品 Test goods", Amount.of(fee))
                .body("一件测试商品，用于基准测试").build()).toRedirectUrl();
    }
}

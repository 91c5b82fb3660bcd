package io.github.alipaystarter.benchmarks;

import io.github.alipaystarter.core.Charsets;
import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.Md5Signer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * The per-notification CPU work that needs no I/O: decoding the body in the charset, then the MD5
 * signature check over the canonical content. A typical notification of spec 6.3 (25 parameters before sign and sign_type,
 * Chinese subject and extra_common_param).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {

    static final String KEY = "0123456789abcdefghijklmnopqrstuv";

    @Param({"utf-8", "gbk"})
    public String charset;

    private AlipaySigner signer;
    private Map<String, String> signed;
    private byte[] body;
    private Charset cs;

    @Setup
    public void setUp() {
        cs = Charsets.fromWire(charset);
        signer = new AlipaySigner(new Md5Signer(KEY), cs);
        signed = signer.signParameters(Notifications.spec63());
        body = FormData.encode(signed, cs).getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public String signRequestParameters() {
        return signer.sign(signed);
    }

    @Benchmark
    public Map<String, String> decodeBody() {
        return FormData.decode(body, cs);
    }

    @Benchmark
    public Map<String, String> decodeAndVerify() {
        Map<String, String> p = FormData.decode(body, cs);
        signer.verify(p);
        return p;
    }

    /** Sample data shared by the benchmarks. */
    static final class Notifications {
        private Notifications() {
        }

        static Map<String, String> spec63() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("trade_no", "2008102203208746");
            p.put("out_trade_no", "3618810634349901");
            p.put("discount", "-5");
            p.put("payment_type", "1");
            p.put("subject", "iphone手机");
            p.put("body", "Hello");
            p.put("price", "10.00");
            p.put("quantity", "1");
            p.put("total_fee", "10.00");
            p.put("trade_status", "TRADE_FINISHED");
            p.put("refund_status", "REFUND_SUCCESS");
            p.put("seller_email", "chao.chenc1@alipay.com");
            p.put("seller_id", "2088002007018916");
            p.put("buyer_id", "2088002007013600");
            p.put("buyer_email", "13758698870");
            p.put("gmt_create", "2008-10-22 20:49:31");
            p.put("is_total_fee_adjust", "N");
            p.put("gmt_payment", "2008-10-22 20:49:50");
            p.put("gmt_close", "2008-10-22 20:49:46");
            p.put("gmt_refund", "2008-10-29 19:38:25");
            p.put("use_coupon", "N");
            p.put("notify_time", "2009-08-12 11:08:32");
            p.put("notify_type", "trade_status_sync");
            p.put("notify_id", "70fec0c2730b27528665af4517c27b95");
            p.put("extra_common_param", "你好，这是测试商户的广告。");
            return p;
        }
    }
}

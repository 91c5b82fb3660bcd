package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.store.InMemoryNotificationJournal;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import static io.github.alipaystarter.core.engine.PaymentFixtures.SELLER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.NotifyVerifyAnswer;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.error.AlipayParameterException;
import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.engine.PaymentFixtures.RecordingHandler;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The processor through its public constructor with the real signer, verifier and form decoding:
 * only the gateway is a stand-in. Bodies are signed and form-encoded as Alipay sends them.
 */
class NotificationProcessorWithRealVerifierTests {

    private static final String KEY = "0123456789abcdefghijklmnopqrstuv";

    private final InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();
    private final InMemoryNotificationJournal journal = new InMemoryNotificationJournal(100);
    private final RecordingHandler handler = new RecordingHandler();
    private final AtomicInteger notifyVerifyCalls = new AtomicInteger();
    private volatile NotifyVerifyAnswer notifyVerifyAnswer = NotifyVerifyAnswer.TRUE;

    private final AlipayGateway gateway = new AlipayGateway() {
        @Override
        public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
            notifyVerifyCalls.incrementAndGet();
            return notifyVerifyAnswer;
        }

        @Override
        public String queryTimestamp() {
            throw new AssertionError("not expected");
        }

        @Override
        public TradeQueryResult singleTradeQuery(String outTradeNo) {
            throw new AssertionError("not expected");
        }
    };

    private static AlipayConfig config(String charset) {
        return AlipayConfig.builder().partner(SELLER_ID).key(KEY).inputCharset(charset).build();
    }

    private static Map<String, String> unsigned(String status) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("notify_id", "RqPnCoPT3K9%2Fvwbh3InWfjSqVvC4=");
        p.put("notify_type", "trade_status_sync");
        p.put("notify_time", "2026-11-26 10:15:30");
        p.put("out_trade_no", "T1");
        p.put("trade_no", "2026112621001004020012345678");
        p.put("subject", "测试商品 + 100% & 更多");
        p.put("payment_type", "1");
        p.put("trade_status", status);
        p.put("total_fee", "88.00");
        p.put("seller_id", SELLER_ID);
        p.put("seller_email", "shop@example.com");
        p.put("buyer_id", "2088002007013600");
        p.put("buyer_email", "buyer@example.com");
        p.put("gmt_payment", "2026-11-26 10:15:01");
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk"})
    void aSignedFormBodyIsPaidOnceAndAResendCostsNoNotifyVerify(String charset) {
        AlipayConfig config = config(charset);
        AlipaySigner signer = AlipaySigner.forConfig(config);
        NotificationProcessor processor = new NotificationProcessor(config, new NotificationVerifier(signer, gateway),
                ledger, journal, handler, false);
        new DirectPayService(config, signer, ledger.requestListener())
                .recordAndSign(PaymentRequest.builder("T1", "测试商品", Amount.of(new BigDecimal("88.00"))).build());
        byte[] body = FormData.encode(signer.signParameters(unsigned("TRADE_SUCCESS")), config.inputCharset())
                .getBytes(StandardCharsets.US_ASCII);

        ProcessingResult paid = processor.processRaw(NotificationSource.NOTIFY, body, config.inputCharset());
        ProcessingResult resent = processor.processRaw(NotificationSource.NOTIFY, body, config.inputCharset());

        assertThat(paid.outcome()).isEqualTo(Outcome.PAID);
        assertThat(resent.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(resent.answer()).isEqualTo("success");
        assertThat(notifyVerifyCalls).hasValue(1);
        assertThat(handler.paid).singleElement()
                .satisfies(t -> assertThat(t.subject()).isEqualTo("测试商品 + 100% & 更多"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk"})
    void aBodyDecodedInTheWrongCharsetOrTamperedWithIsRejectedWithoutAGatewayCall(String charset) {
        AlipayConfig config = config(charset);
        AlipaySigner signer = AlipaySigner.forConfig(config);
        NotificationProcessor processor = new NotificationProcessor(config, new NotificationVerifier(signer, gateway),
                ledger, journal, handler, false);
        ledger.record("T1", new BigDecimal("88.00"), "测试商品");
        Map<String, String> signed = signer.signParameters(unsigned("TRADE_SUCCESS"));
        Map<String, String> tampered = new LinkedHashMap<>(signed);
        tampered.put("total_fee", "0.01");
        var wrongCharset = charset.equals("gbk") ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName("GBK");

        ProcessingResult other = processor.processRaw(NotificationSource.NOTIFY,
                FormData.encode(signed, wrongCharset).getBytes(StandardCharsets.US_ASCII), config.inputCharset());
        ProcessingResult changed = processor.process(NotificationSource.NOTIFY, tampered);

        assertThat(other.answer()).isEqualTo("fail");
        assertThat(other.outcome()).isIn(Outcome.BAD_SIGNATURE, Outcome.MALFORMED);
        assertThat(changed.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(notifyVerifyCalls).hasValue(0);
        assertThat(handler.calls()).isZero();
        assertThat(journal.rejectedPage(0, 10)).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FALSE", "INVALID"})
    void aNotifyIdTheGatewayDoesNotConfirmIsRejected(String answer) {
        AlipayConfig config = config("utf-8");
        AlipaySigner signer = AlipaySigner.forConfig(config);
        NotificationProcessor processor = new NotificationProcessor(config, new NotificationVerifier(signer, gateway),
                ledger, journal, handler, false);
        ledger.record("T1", new BigDecimal("88.00"), "测试商品");
        notifyVerifyAnswer = NotifyVerifyAnswer.valueOf(answer);

        ProcessingResult r = processor.process(NotificationSource.NOTIFY, signer.signParameters(unsigned("TRADE_SUCCESS")));

        assertThat(r.outcome()).isEqualTo(Outcome.NOTIFY_ID_REJECTED);
        assertThat(handler.calls()).isZero();
        assertThat(ledger.find("T1").orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
    }

    @Test
    void theLedgerAsRequestListenerRecordsRequestsAndAllowsTheSameAmountAgain() {
        AlipayConfig config = config("utf-8");
        DirectPayService service = new DirectPayService(config, AlipaySigner.forConfig(config), ledger.requestListener());

        service.recordAndSign(PaymentRequest.builder("T1", "测试商品", Amount.of(new BigDecimal("88.0"))).build());
        service.recordAndSign(PaymentRequest.builder("T1", "测试商品", Amount.of(new BigDecimal("88.00"))).build());

        LedgerEntry e = ledger.find("T1").orElseThrow();
        assertThat(e.totalFee()).hasToString("88.00");
        assertThat(e.status()).isEqualTo(LedgerStatus.UNPAID);
    }

    @Test
    void theLedgerAsRequestListenerRefusesAnotherAmountForTheSameOutTradeNo() {
        AlipayConfig config = config("utf-8");
        DirectPayService service = new DirectPayService(config, AlipaySigner.forConfig(config), ledger.requestListener());
        service.recordAndSign(PaymentRequest.builder("T1", "测试商品", Amount.of(new BigDecimal("88.00"))).build());

        assertThatThrownBy(() -> service.recordAndSign(PaymentRequest.builder("T1", "测试商品", Amount.of(new BigDecimal("88.01"))).build()))
                .isInstanceOfSatisfying(AlipayParameterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.TRADE_TOTALFEE_NOT_MATCH));
        assertThat(ledger.find("T1").orElseThrow().totalFee()).hasToString("88.00");
    }
}

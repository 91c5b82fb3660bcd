package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.protocol.notify.NotificationParser;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeNotification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.SignType;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.GatewayResponseException;
import io.github.alipaystarter.core.protocol.gateway.GatewayUnavailableException;
import io.github.alipaystarter.core.protocol.gateway.NotifyVerifyAnswer;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationVerifierTests {

    static final String KEY = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6";

    static final AlipayConfig CONFIG = AlipayConfig.builder().partner("2088101568338364").key(KEY).build();

    static final AlipaySigner SIGNER = AlipaySigner.forConfig(CONFIG);

    /** A gateway that counts notify_verify calls and answers what the test says. */
    static final class CountingGateway implements AlipayGateway {
        final List<String> notifyIds = new CopyOnWriteArrayList<>();
        final Function<String, NotifyVerifyAnswer> answer;

        CountingGateway(Function<String, NotifyVerifyAnswer> answer) {
            this.answer = answer;
        }

        CountingGateway(NotifyVerifyAnswer answer) {
            this(id -> answer);
        }

        @Override
        public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
            notifyIds.add(notifyId);
            return answer.apply(notifyId);
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

    /** What Alipay would send (spec 6.2), signed with the merchant's key. */
    static Map<String, String> unsignedNotify() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("notify_time", "2026-11-26 09:30:00");
        p.put("notify_type", "trade_status_sync");
        p.put("notify_id", "RqPnCoPT3K9%2Fvwbh3I%2BODmZS9o4qChHwPWbaS7");
        p.put("out_trade_no", "ORDER-1001");
        p.put("trade_no", "2026112621001004010000000001");
        p.put("subject", "测试商品 iphone手机");
        p.put("trade_status", "TRADE_SUCCESS");
        p.put("total_fee", "387.00");
        p.put("discount", "-5.00");
        p.put("seller_id", "2088101568338364");
        p.put("buyer_id", "2088002007013600");
        p.put("gmt_payment", "2026-11-26 09:29:58");
        return p;
    }

    static Map<String, String> signedNotify() {
        return SIGNER.signParameters(unsignedNotify());
    }

    @Test
    void goodSignatureAndTrueAnswerIsVerified() {
        CountingGateway gateway = new CountingGateway(NotifyVerifyAnswer.TRUE);

        Verification v = new NotificationVerifier(SIGNER, gateway).verify(NotificationSource.NOTIFY, signedNotify());

        assertThat(v).isInstanceOfSatisfying(Verification.Verified.class, ok -> {
            assertThat(ok.notification().outTradeNo()).isEqualTo("ORDER-1001");
            assertThat(ok.notification().totalFee()).isEqualTo(new BigDecimal("387.00"));
            assertThat(ok.notification().subject()).isEqualTo("测试商品 iphone手机");
        });
        // the notify_id goes to the gateway as received (decoded once), not decoded again
        assertThat(gateway.notifyIds).containsExactly("RqPnCoPT3K9%2Fvwbh3I%2BODmZS9o4qChHwPWbaS7");
    }

    @Test
    void badSignatureIsRejectedWithoutAskingTheGateway() {
        CountingGateway gateway = new CountingGateway(NotifyVerifyAnswer.TRUE);
        Map<String, String> tampered = new LinkedHashMap<>(signedNotify());
        tampered.put("total_fee", "0.01");

        Verification v = new NotificationVerifier(SIGNER, gateway).verify(NotificationSource.NOTIFY, tampered);

        assertThat(v).isInstanceOf(Verification.BadSignature.class);
        assertThat(gateway.notifyIds).isEmpty();
    }

    @Test
    void signatureMadeWithAnotherKeyIsRejected() {
        CountingGateway gateway = new CountingGateway(NotifyVerifyAnswer.TRUE);
        AlipaySigner other = AlipaySigner.forConfig(AlipayConfig.builder().partner("2088101568338364")
                .key("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").build());

        Verification v = new NotificationVerifier(SIGNER, gateway)
                .verify(NotificationSource.NOTIFY, other.signParameters(unsignedNotify()));

        assertThat(v).isInstanceOf(Verification.BadSignature.class);
        assertThat(gateway.notifyIds).isEmpty();
    }

    @Test
    void missingSignIsBadSignatureWithoutAskingTheGateway() {
        CountingGateway gateway = new CountingGateway(NotifyVerifyAnswer.TRUE);
        Map<String, String> unsigned = new LinkedHashMap<>(signedNotify());
        unsigned.remove("sign");

        Verification v = new NotificationVerifier(SIGNER, gateway).verify(NotificationSource.NOTIFY, unsigned);

        assertThat(v).isInstanceOfSatisfying(Verification.BadSignature.class,
                bad -> assertThat(bad.reason()).contains("no sign"));
        assertThat(gateway.notifyIds).isEmpty();
    }

    @Test
    void emptySignIsBadSignature() {
        Map<String, String> p = new LinkedHashMap<>(signedNotify());
        p.put("sign", "");

        assertThat(new NotificationVerifier(SIGNER, new CountingGateway(NotifyVerifyAnswer.TRUE))
                .verify(NotificationSource.NOTIFY, p)).isInstanceOf(Verification.BadSignature.class);
    }

    @ParameterizedTest
    @CsvSource({"RSA", "DSA", "md5", "'MD5 '"})
    void otherSignTypeThanConfiguredIsUnsupportedWithoutAskingTheGateway(String signType) {
        CountingGateway gateway = new CountingGateway(NotifyVerifyAnswer.TRUE);
        Map<String, String> p = new LinkedHashMap<>(signedNotify());
        p.put("sign_type", signType);

        Verification v = new NotificationVerifier(SIGNER, gateway).verify(NotificationSource.NOTIFY, p);

        assertThat(v).isEqualTo(new Verification.UnsupportedSignType(signType));
        assertThat(gateway.notifyIds).isEmpty();
    }

    @Test
    void missingSignTypeIsUnsupported() {
        Map<String, String> p = new LinkedHashMap<>(signedNotify());
        p.remove("sign_type");

        assertThat(new NotificationVerifier(SIGNER, new CountingGateway(NotifyVerifyAnswer.TRUE))
                .verify(NotificationSource.NOTIFY, p)).isEqualTo(new Verification.UnsupportedSignType(null));
    }

    @ParameterizedTest
    @CsvSource({"FALSE, false", "INVALID, invalid", "OTHER, other"})
    void notifyIdNotConfirmedByTheGatewayIsRejected(NotifyVerifyAnswer answer, String expected) {
        CountingGateway gateway = new CountingGateway(answer);

        Verification v = new NotificationVerifier(SIGNER, gateway).verify(NotificationSource.NOTIFY, signedNotify());

        assertThat(v).isEqualTo(new Verification.NotifyIdRejected(expected));
        assertThat(gateway.notifyIds).hasSize(1);
    }

    @Test
    void unreachableGatewayIsGatewayUnavailable() {
        CountingGateway gateway = new CountingGateway(id -> {
            throw new GatewayUnavailableException("notify_verify: http://127.0.0.1/gateway.do timed out");
        });

        Verification v = new NotificationVerifier(SIGNER, gateway).verify(NotificationSource.NOTIFY, signedNotify());

        assertThat(v).isInstanceOfSatisfying(Verification.GatewayUnavailable.class,
                u -> assertThat(u.reason()).contains("timed out"));
    }

    @Test
    void unreadableGatewayAnswerIsTreatedAsGatewayUnavailable() {
        CountingGateway gateway = new CountingGateway(id -> {
            throw new GatewayResponseException("garbled");
        });

        Verification v = new NotificationVerifier(SIGNER, gateway).verify(NotificationSource.NOTIFY, signedNotify());

        assertThat(v).isInstanceOf(Verification.GatewayUnavailable.class);
    }

    @Test
    void unknownExtraParametersAreSignedAndVerify() {
        Map<String, String> unsigned = unsignedNotify();
        unsigned.put("out_channel_inst", "ICBC");
        unsigned.put("some_param_alipay_adds_in_2030", "x y+z");
        Map<String, String> signed = SIGNER.signParameters(unsigned);

        Verification v = new NotificationVerifier(SIGNER, new CountingGateway(NotifyVerifyAnswer.TRUE))
                .verify(NotificationSource.NOTIFY, signed);

        assertThat(v).isInstanceOfSatisfying(Verification.Verified.class,
                ok -> assertThat(ok.notification().parameter("some_param_alipay_adds_in_2030")).isEqualTo("x y+z"));
    }

    @Test
    void droppingAnUnknownSignedParameterBreaksTheSignature() {
        Map<String, String> unsigned = unsignedNotify();
        unsigned.put("some_param_alipay_adds_in_2030", "x");
        Map<String, String> signed = new LinkedHashMap<>(SIGNER.signParameters(unsigned));
        signed.remove("some_param_alipay_adds_in_2030");

        assertThat(new NotificationVerifier(SIGNER, new CountingGateway(NotifyVerifyAnswer.TRUE))
                .verify(NotificationSource.NOTIFY, signed)).isInstanceOf(Verification.BadSignature.class);
    }

    @Test
    void aParameterAddedByTheApplicationsFrameworkBreaksTheSignature() {
        Map<String, String> p = new LinkedHashMap<>(signedNotify());
        p.put("jsessionid", "ABC123");

        assertThat(new NotificationVerifier(SIGNER, new CountingGateway(NotifyVerifyAnswer.TRUE))
                .verify(NotificationSource.NOTIFY, p)).isInstanceOf(Verification.BadSignature.class);
    }

    @Test
    void signedButMalformedIsMalformedWithoutAskingTheGateway() {
        CountingGateway gateway = new CountingGateway(NotifyVerifyAnswer.TRUE);
        Map<String, String> unsigned = unsignedNotify();
        unsigned.put("total_fee", "387.001");

        Verification v = new NotificationVerifier(SIGNER, gateway)
                .verify(NotificationSource.NOTIFY, SIGNER.signParameters(unsigned));

        assertThat(v).isInstanceOfSatisfying(Verification.Malformed.class,
                m -> assertThat(m.reason()).contains("total_fee"));
        assertThat(gateway.notifyIds).isEmpty();
    }

    @Test
    void aNullValueIsMalformed() {
        Map<String, String> p = new HashMap<>(signedNotify());
        p.put("body", null);

        assertThat(new NotificationVerifier(SIGNER, new CountingGateway(NotifyVerifyAnswer.TRUE))
                .verify(NotificationSource.NOTIFY, p)).isInstanceOf(Verification.Malformed.class);
    }

    @Test
    void checkSignatureAloneDoesNotAskTheGateway() {
        CountingGateway gateway = new CountingGateway(NotifyVerifyAnswer.FALSE);

        Verification v = new NotificationVerifier(SIGNER, gateway).checkSignature(NotificationSource.NOTIFY, signedNotify());

        assertThat(v).isInstanceOf(Verification.Verified.class);
        assertThat(gateway.notifyIds).isEmpty();
    }

    @Test
    void checkNotifyIdWithoutANotifyIdIsMalformedAndAsksNothing() {
        CountingGateway gateway = new CountingGateway(NotifyVerifyAnswer.TRUE);
        TradeNotification fromQuery = NotificationParser.parse(NotificationSource.QUERY,
                Map.of("out_trade_no", "ORDER-1001", "trade_status", "TRADE_SUCCESS"));

        assertThat(new NotificationVerifier(SIGNER, gateway).checkNotifyId(fromQuery)).isInstanceOf(Verification.Malformed.class);
        assertThat(gateway.notifyIds).isEmpty();
    }

    @Test
    void verifiesAReturnSignedInGbkWithChineseSubject() {
        AlipayConfig gbk = AlipayConfig.builder().partner("2088101568338364").key(KEY).inputCharset("gbk").build();
        AlipaySigner gbkSigner = AlipaySigner.forConfig(gbk);
        Map<String, String> unsigned = unsignedNotify();
        unsigned.put("is_success", "T");
        Map<String, String> signed = gbkSigner.signParameters(unsigned);

        assertThat(new NotificationVerifier(gbkSigner, new CountingGateway(NotifyVerifyAnswer.TRUE))
                .verify(NotificationSource.RETURN, signed)).isInstanceOf(Verification.Verified.class);
        // the same parameters checked as utf-8 do not match: the charset is part of the signature
        assertThat(new NotificationVerifier(SIGNER, new CountingGateway(NotifyVerifyAnswer.TRUE))
                .verify(NotificationSource.RETURN, signed)).isInstanceOf(Verification.BadSignature.class);
    }

    @Test
    void verifiesAnRsaSignedNotificationAndRejectsAnMd5OneWhenConfiguredForRsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Base64.Encoder b64 = Base64.getEncoder();
        // the test plays Alipay: the same pair signs (as Alipay's private key) and verifies (as Alipay's public key)
        AlipayConfig rsa = AlipayConfig.builder().partner("2088101568338364").signType(SignType.RSA)
                .privateKey(b64.encodeToString(pair.getPrivate().getEncoded()))
                .alipayPublicKey(b64.encodeToString(pair.getPublic().getEncoded())).build();
        AlipaySigner rsaSigner = AlipaySigner.forConfig(rsa);
        NotificationVerifier verifier = new NotificationVerifier(rsaSigner, new CountingGateway(NotifyVerifyAnswer.TRUE));
        Map<String, String> signed = rsaSigner.signParameters(unsignedNotify());
        Map<String, String> tampered = new LinkedHashMap<>(signed);
        tampered.put("total_fee", "0.01");

        assertThat(signed).containsEntry("sign_type", "RSA");
        assertThat(verifier.verify(NotificationSource.NOTIFY, signed)).isInstanceOf(Verification.Verified.class);
        assertThat(verifier.verify(NotificationSource.NOTIFY, tampered)).isInstanceOf(Verification.BadSignature.class);
        assertThat(verifier.verify(NotificationSource.NOTIFY, signedNotify())).isEqualTo(new Verification.UnsupportedSignType("MD5"));
    }

    @Test
    void neverChangesTheCallersMap() {
        Map<String, String> signed = Map.copyOf(signedNotify()); // unmodifiable: any write would throw

        Verification v = new NotificationVerifier(SIGNER, new CountingGateway(NotifyVerifyAnswer.TRUE))
                .verify(NotificationSource.NOTIFY, signed);

        assertThat(v).isInstanceOf(Verification.Verified.class);
        assertThat(signed).isEqualTo(signedNotify());
    }

    @Test
    void nullGatewayIsRefusedAtConstructionNotSkippedLater() {
        assertThatThrownBy(() -> new NotificationVerifier(SIGNER, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("gateway");
        assertThatThrownBy(() -> new NotificationVerifier(null, new CountingGateway(NotifyVerifyAnswer.TRUE)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("signer");
        assertThatThrownBy(() -> NotificationVerifier.signatureOnlyInsecureForTests(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void insecureTestVerifierSkipsOnlyTheNotifyIdCheck() {
        NotificationVerifier insecure = NotificationVerifier.signatureOnlyInsecureForTests(SIGNER);
        Map<String, String> tampered = new LinkedHashMap<>(signedNotify());
        tampered.put("total_fee", "0.01");

        assertThat(insecure.verify(NotificationSource.NOTIFY, signedNotify())).isInstanceOf(Verification.Verified.class);
        assertThat(insecure.verify(NotificationSource.NOTIFY, tampered)).isInstanceOf(Verification.BadSignature.class);
    }
}

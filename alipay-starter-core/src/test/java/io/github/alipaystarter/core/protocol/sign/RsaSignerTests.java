package io.github.alipaystarter.core.protocol.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.AlipayConfigException;
import io.github.alipaystarter.core.Charsets;
import io.github.alipaystarter.core.SignType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RsaSignerTests {

    static KeyPair merchant;
    static String privatePem;
    static String publicBase64;

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        merchant = g.generateKeyPair();
        privatePem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(merchant.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        publicBase64 = Base64.getEncoder().encodeToString(merchant.getPublic().getEncoded());
    }

    @Test
    void signatureIsSha1WithRsaBase64AsTheJdkComputesIt() throws Exception {
        RsaSigner signer = new RsaSigner(privatePem, publicBase64);
        String content = "a=1&subject=测试";
        Signature jdk = Signature.getInstance("SHA1withRSA");
        jdk.initVerify(merchant.getPublic());
        jdk.update(content.getBytes(Charsets.GBK));
        assertThat(jdk.verify(Base64.getDecoder().decode(signer.sign(content, Charsets.GBK)))).isTrue();
    }

    @Test
    void roundTripsAndRejectsATamperedPayload() {
        AlipaySigner signer = new AlipaySigner(new RsaSigner(privatePem, publicBase64), StandardCharsets.UTF_8);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("out_trade_no", "A1");
        p.put("subject", "手机 phone");
        p.put("total_fee", "0.01");
        Map<String, String> signed = signer.signParameters(p);
        assertThat(signed).containsEntry("sign_type", "RSA");
        signer.verify(signed);
        Map<String, String> tampered = new LinkedHashMap<>(signed);
        tampered.put("total_fee", "0.02");
        assertThatThrownBy(() -> signer.verify(tampered))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(SignatureException.Reason.MISMATCH);
    }

    @Test
    void garbageSignatureIsAMismatchNotAnError() {
        RsaSigner signer = new RsaSigner(privatePem, publicBase64);
        assertThat(signer.matches("a=1", "not base64 !!!", StandardCharsets.UTF_8)).isFalse();
        assertThat(signer.matches("a=1", "AAAA", StandardCharsets.UTF_8)).isFalse();
    }

    @Test
    void configWithRsaKeysBuildsAnRsaSigner() {
        AlipayConfig config = AlipayConfig.builder().partner("2088101568338364").signType(SignType.RSA)
                .privateKey(privatePem).alipayPublicKey(publicBase64).build();
        assertThat(AlipaySigner.forConfig(config).signType()).isEqualTo(SignType.RSA);
        assertThat(config.toString()).doesNotContain(privatePem.substring(40, 80));
    }

    @Test
    void configRejectsPkcs1PrivateKeyWithTheConversionCommand() {
        assertThatThrownBy(() -> AlipayConfig.builder().partner("2088101568338364").signType(SignType.RSA)
                .privateKey("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----").alipayPublicKey(publicBase64).build())
                .isInstanceOf(AlipayConfigException.class)
                .hasMessageContaining("private-key").hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void configRejectsUnreadablePublicKey() {
        assertThatThrownBy(() -> AlipayConfig.builder().partner("2088101568338364").signType(SignType.RSA)
                .privateKey(privatePem).alipayPublicKey("bm90IGEga2V5").build())
                .isInstanceOf(AlipayConfigException.class).hasMessageStartingWith("alipay-public-key");
    }

    @Test
    void configRequiresBothKeysForRsa() {
        assertThatThrownBy(() -> AlipayConfig.builder().partner("2088101568338364").signType(SignType.RSA)
                .privateKey(privatePem).build())
                .isInstanceOf(AlipayConfigException.class).hasMessageStartingWith("alipay-public-key: is not set");
    }
}

package io.github.alipaystarter.sandbox;

import static io.github.alipaystarter.sandbox.SandboxTestSupport.errorCode;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.post;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.RsaSigner;
import io.github.alipaystarter.core.protocol.sign.SignatureException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An RSA merchant: requests verified with its public key, everything sent signed with "Alipay's" private key. */
class RsaMerchantTests {

    static KeyPair merchantKeys;
    static SandboxMerchant merchant;
    static AlipaySandbox sandbox;
    static MerchantServer shop;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        merchantKeys = g.generateKeyPair();
        merchant = SandboxMerchant.rsa("2088000000000077",
                SandboxCodec.pem("PUBLIC KEY", merchantKeys.getPublic().getEncoded()));
        shop = new MerchantServer();
        sandbox = AlipaySandbox.builder().merchant(merchant).timeScale(0.001).start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        shop.close();
    }

    private static AlipaySigner merchantSigner() {
        return new AlipaySigner(new RsaSigner(merchantKeys.getPrivate(), null), StandardCharsets.UTF_8);
    }

    @Test
    void acceptsARequestSignedWithTheMerchantsPrivateKey() throws Exception {
        Map<String, String> p = request(merchant, "RSA-1", "utf-8");
        HttpResponse<String> r = post(sandbox.gatewayUrl(), "utf-8", merchantSigner().signParameters(p), StandardCharsets.UTF_8);
        assertThat(errorCode(r)).as(r.body()).isNull();
    }

    @Test
    void rejectsARequestSignedWithAnotherKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        AlipaySigner stranger = new AlipaySigner(new RsaSigner(g.generateKeyPair().getPrivate(), null), StandardCharsets.UTF_8);
        HttpResponse<String> r = post(sandbox.gatewayUrl(), "utf-8",
                stranger.signParameters(request(merchant, "RSA-2", "utf-8")), StandardCharsets.UTF_8);
        assertThat(errorCode(r)).isEqualTo("ILLEGAL_SIGN");
        assertThat(sandbox.rejections().get(sandbox.rejections().size() - 1).reason()).contains("SHA1withRSA");
    }

    @Test
    void signsNotificationsAndReturnsWithTheKeyWhosePublicHalfItPublishes() {
        sandbox.newTrade("RSA-3", "9.99").subject("RSA 商品").notifyUrl(shop.notifyUrl()).returnUrl(shop.returnUrl()).create();
        SandboxPayment payment = sandbox.pay("RSA-3");
        AlipaySigner alipay = new AlipaySigner(new RsaSigner(null, sandbox.alipayPublicKey()), StandardCharsets.UTF_8);

        Map<String, String> ret = FormData.decode(payment.returnUrl().getRawQuery(), StandardCharsets.UTF_8);
        assertThat(ret).containsEntry("sign_type", "RSA");
        assertThatNoException().isThrownBy(() -> alipay.verify(ret));

        NotificationDelivery d = sandbox.awaitDeliveries("RSA-3", 1, Duration.ofSeconds(10)).get(0);
        assertThatNoException().isThrownBy(() -> alipay.verify(d.parameters()));
        // the merchant's own key does not verify Alipay's signature
        AlipaySigner wrong = new AlipaySigner(new RsaSigner(null,
                Base64.getEncoder().encodeToString(merchantKeys.getPublic().getEncoded())), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> wrong.verify(d.parameters())).isInstanceOf(SignatureException.class);
    }

    @Test
    void refusesAnMd5SignatureFromAnRsaMerchant() throws Exception {
        Map<String, String> p = request(merchant, "RSA-4", "utf-8");
        p.put("sign", "0123456789abcdef0123456789abcdef");
        p.put("sign_type", "MD5");
        HttpResponse<String> r = post(sandbox.gatewayUrl(), "utf-8", p, StandardCharsets.UTF_8);
        assertThat(errorCode(r)).isEqualTo("ILLEGAL_SIGN_TYPE");
    }

    @Test
    void usesTheAlipayKeysItIsGiven() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair alipayKeys = g.generateKeyPair();
        try (AlipaySandbox fixed = AlipaySandbox.builder().merchant(merchant)
                .alipayKeys(SandboxCodec.pem("PRIVATE KEY", alipayKeys.getPrivate().getEncoded()),
                        Base64.getEncoder().encodeToString(alipayKeys.getPublic().getEncoded())).start()) {
            assertThat(fixed.alipayPublicKey()).isEqualTo(Base64.getEncoder().encodeToString(alipayKeys.getPublic().getEncoded()));
            fixed.newTrade("RSA-5", "1.00").returnUrl(URI.create("http://shop.example.com/r")).create();
            Map<String, String> ret = FormData.decode(fixed.pay("RSA-5").returnUrl().getRawQuery(), StandardCharsets.UTF_8);
            assertThatNoException().isThrownBy(() -> new AlipaySigner(new RsaSigner(null,
                    SandboxCodec.pem("PUBLIC KEY", alipayKeys.getPublic().getEncoded())), StandardCharsets.UTF_8).verify(ret));
        }
    }

    @Test
    void signsWithAMerchantsOwnAlipayKeysWhenItHasThem() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair own = g.generateKeyPair();
        SandboxMerchant second = SandboxMerchant.rsa("2088000000000078", Base64.getEncoder().encodeToString(merchantKeys.getPublic().getEncoded()))
                .alipayKeys(Base64.getEncoder().encodeToString(own.getPrivate().getEncoded()),
                        Base64.getEncoder().encodeToString(own.getPublic().getEncoded()));
        try (AlipaySandbox two = AlipaySandbox.builder().merchant(merchant).merchant(second).start()) {
            assertThat(two.alipayPublicKey("2088000000000078")).isEqualTo(Base64.getEncoder().encodeToString(own.getPublic().getEncoded()));
            assertThat(two.alipayPublicKey(merchant.partner())).isEqualTo(two.alipayPublicKey());
            two.newTrade("RSA-6", "1.00").partner("2088000000000078").returnUrl(URI.create("http://shop.example.com/r")).create();
            Map<String, String> ret = FormData.decode(two.pay("RSA-6").returnUrl().getRawQuery(), StandardCharsets.UTF_8);
            assertThatNoException().isThrownBy(() -> new AlipaySigner(new RsaSigner(null, two.alipayPublicKey("2088000000000078")),
                    StandardCharsets.UTF_8).verify(ret));
            assertThatThrownBy(() -> new AlipaySigner(new RsaSigner(null, two.alipayPublicKey()), StandardCharsets.UTF_8).verify(ret))
                    .isInstanceOf(SignatureException.class);
        }
    }
}

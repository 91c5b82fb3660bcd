package io.github.alipaystarter.sandbox;

import io.github.alipaystarter.core.SignType;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import java.security.PublicKey;
import java.util.Objects;

/**
 * One merchant account known to the sandbox: the partner id, how it signs (an MD5 key, or an RSA public
 * key of the merchant), and the seller's id and email. Immutable; every {@code withXxx}-style method
 * returns a copy:
 *
 * <pre>{@code
 * SandboxMerchant.md5("2088101568338364", key).sellerEmail("shop@example.com").tradeStatusOnPay(TradeStatus.TRADE_FINISHED)
 * }</pre>
 *
 * {@link #toString()} never shows the key.
 */
public final class SandboxMerchant {

    /**
     * The demo merchant of the sample and of {@code SandboxMain} without arguments: partner
     * {@code 2088101568338364} (the partner of the spec's own examples), a fixed key, seller email
     * {@code sandbox-seller@example.com}, seller id = partner. Use it only against the sandbox.
     */
    public static final SandboxMerchant DEMO = md5("2088101568338364", "sandbox0demo0key0for0local0tests")
            .sellerEmail("sandbox-seller@example.com");

    private final String partner;
    private final SignType signType;
    private final String key;
    private final PublicKey merchantPublicKey;
    private final String sellerId;
    private final String sellerEmail;
    private final TradeStatus tradeStatusOnPay;
    private final boolean antiPhishing;
    private final java.security.KeyPair alipayKeys;

    private SandboxMerchant(String partner, SignType signType, String key, PublicKey merchantPublicKey,
            String sellerId, String sellerEmail, TradeStatus tradeStatusOnPay, boolean antiPhishing,
            java.security.KeyPair alipayKeys) {
        this.partner = partner;
        this.signType = signType;
        this.key = key;
        this.merchantPublicKey = merchantPublicKey;
        this.sellerId = sellerId;
        this.sellerEmail = sellerEmail;
        this.tradeStatusOnPay = tradeStatusOnPay;
        this.antiPhishing = antiPhishing;
        this.alipayKeys = alipayKeys;
    }

    /**
     * An MD5 merchant. {@code partner} must be {@code 2088} + 12 digits, {@code key} 32 letters and
     * digits (the real account's rules, so that a configuration that works here is well-formed there).
     */
    public static SandboxMerchant md5(String partner, String key) {
        checkPartner(partner);
        Objects.requireNonNull(key, "key");
        if (!key.matches("[A-Za-z0-9]{32}")) {
            throw new IllegalArgumentException("key must be 32 letters and digits (got " + key.length() + " characters)");
        }
        return new SandboxMerchant(partner, SignType.MD5, key, null, partner, defaultEmail(partner),
                TradeStatus.TRADE_SUCCESS, false, null);
    }

    /**
     * An RSA merchant: the sandbox verifies its requests with {@code merchantPublicKey} (X.509, PEM or
     * bare Base64) and signs what it sends with "Alipay's" private key, whose public half is
     * {@link AlipaySandbox#alipayPublicKey()}.
     */
    public static SandboxMerchant rsa(String partner, String merchantPublicKey) {
        checkPartner(partner);
        PublicKey pk = SandboxCodec.publicKey(Objects.requireNonNull(merchantPublicKey, "merchantPublicKey"));
        return new SandboxMerchant(partner, SignType.RSA, null, pk, partner, defaultEmail(partner),
                TradeStatus.TRADE_SUCCESS, false, null);
    }

    private static void checkPartner(String partner) {
        if (partner == null || !partner.matches("2088\\d{12}")) {
            throw new IllegalArgumentException("partner must be 2088 followed by 12 digits, got '" + partner + "'");
        }
    }

    private static String defaultEmail(String partner) {
        return "seller-" + partner + "@sandbox.example.com";
    }

    /** The seller's Alipay account (an email or a mobile number). */
    public SandboxMerchant sellerEmail(String sellerEmail) {
        Objects.requireNonNull(sellerEmail, "sellerEmail");
        return new SandboxMerchant(partner, signType, key, merchantPublicKey, sellerId, sellerEmail, tradeStatusOnPay, antiPhishing, alipayKeys);
    }

    /** The seller's user id (2088 + 12 digits); the partner by default. */
    public SandboxMerchant sellerId(String sellerId) {
        checkPartner(sellerId);
        return new SandboxMerchant(partner, signType, key, merchantPublicKey, sellerId, sellerEmail, tradeStatusOnPay, antiPhishing, alipayKeys);
    }

    /**
     * The status a paid trade gets: {@code TRADE_SUCCESS} (advanced instant pay, refundable; the
     * default) or {@code TRADE_FINISHED} (plain instant pay, spec 5.2).
     */
    public SandboxMerchant tradeStatusOnPay(TradeStatus status) {
        if (!TradeStatus.TRADE_SUCCESS.equals(status) && !TradeStatus.TRADE_FINISHED.equals(status)) {
            throw new IllegalArgumentException("tradeStatusOnPay must be TRADE_SUCCESS or TRADE_FINISHED, got " + status);
        }
        return new SandboxMerchant(partner, signType, key, merchantPublicKey, sellerId, sellerEmail, status, antiPhishing, alipayKeys);
    }

    /**
     * Whether the account has anti-phishing on: then every request needs a fresh
     * {@code anti_phishing_key} from query_timestamp (one use each) and {@code exter_invoke_ip}
     * equal to the address the buyer's browser calls the gateway from.
     */
    public SandboxMerchant antiPhishing(boolean antiPhishing) {
        return new SandboxMerchant(partner, signType, key, merchantPublicKey, sellerId, sellerEmail, tradeStatusOnPay, antiPhishing, alipayKeys);
    }

    /**
     * "Alipay's" RSA key pair for this merchant only (PKCS#8 private, X.509 public; PEM or Base64);
     * without it the sandbox-wide pair ({@link AlipaySandbox#alipayPublicKey()}) signs.
     */
    public SandboxMerchant alipayKeys(String privateKey, String publicKey) {
        if (signType != SignType.RSA) {
            throw new IllegalStateException("alipayKeys is for RSA merchants; partner " + partner + " signs with MD5");
        }
        java.security.KeyPair keys = new java.security.KeyPair(SandboxCodec.publicKey(publicKey), SandboxCodec.privateKey(privateKey));
        return new SandboxMerchant(partner, signType, key, merchantPublicKey, sellerId, sellerEmail, tradeStatusOnPay, antiPhishing, keys);
    }

    /** This merchant's own "Alipay" key pair, or null (then the sandbox's). */
    java.security.KeyPair alipayKeyPair() { return alipayKeys; }

    public String partner() { return partner; }

    public SignType signType() { return signType; }

    /** The MD5 key (null for RSA). Never log it. */
    public String key() { return key; }

    PublicKey merchantPublicKey() { return merchantPublicKey; }

    public String sellerId() { return sellerId; }

    public String sellerEmail() { return sellerEmail; }

    public TradeStatus tradeStatusOnPay() { return tradeStatusOnPay; }

    public boolean antiPhishing() { return antiPhishing; }

    @Override
    public String toString() {
        return "SandboxMerchant{partner=" + partner + ", signType=" + signType
                + (key != null ? ", key=******" : ", merchantPublicKey=RSA")
                + ", sellerId=" + sellerId + ", sellerEmail=" + sellerEmail
                + ", tradeStatusOnPay=" + tradeStatusOnPay + ", antiPhishing=" + antiPhishing + "}";
    }
}

package io.github.alipaystarter.core;

import io.github.alipaystarter.core.internal.AlipayIds;
import io.github.alipaystarter.core.internal.Secrets;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The merchant's immutable configuration (the guide's alipay_config). Built with {@link #builder()};
 * {@link Builder#build()} validates every value (guide 5.2 A–D) and throws
 * {@link AlipayConfigException} naming the property, the problem and the fix.
 * {@link #toString()} masks the key and the private key.
 */
public final class AlipayConfig {

    /** The real mapi gateway. */
    public static final URI DEFAULT_GATEWAY = URI.create("https://mapi.alipay.com/gateway.do");

    private final String partner;
    private final String seller;
    private final String key;
    private final SignType signType;
    private final String privateKey;
    private final String alipayPublicKey;
    private final Charset inputCharset;
    private final URI gatewayUrl;
    private final URI notifyUrl;
    private final URI returnUrl;
    private final URI showUrl;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    private AlipayConfig(Builder b) {
        this.partner = b.partner;
        this.seller = b.seller();
        this.key = b.key;
        this.signType = b.signType;
        this.privateKey = b.privateKey;
        this.alipayPublicKey = b.alipayPublicKey;
        this.inputCharset = b.inputCharset;
        this.gatewayUrl = b.gatewayUrl;
        this.notifyUrl = b.notifyUrl;
        this.returnUrl = b.returnUrl;
        this.showUrl = b.showUrl;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Partner id: {@code 2088} followed by 12 digits. */
    public String partner() { return partner; }

    /**
     * The seller that notifications must name: a seller_id (2088 + 12 digits) or the seller's Alipay
     * account (email or mobile). Defaults to the partner.
     */
    public String seller() { return seller; }

    /** Whether {@link #seller()} is a 16-digit user id (sent as seller_id) rather than an account name. */
    public boolean sellerIsId() { return AlipayIds.isPartnerId(seller); }

    /** The MD5 key (32 letters and digits); null when signing with RSA. Never log it. */
    public String key() { return key; }

    public SignType signType() { return signType; }

    /** The merchant's RSA private key (PKCS#8, PEM or bare Base64); null for MD5. Never log it. */
    public String privateKey() { return privateKey; }

    /** Alipay's RSA public key (X.509, PEM or bare Base64); null for MD5. */
    public String alipayPublicKey() { return alipayPublicKey; }

    /** The _input_charset: UTF-8, GBK or GB2312. */
    public Charset inputCharset() { return inputCharset; }

    /** The wire name of {@link #inputCharset()}: {@code utf-8}, {@code gbk} or {@code gb2312}. */
    public String inputCharsetName() { return Charsets.wireName(inputCharset); }

    public URI gatewayUrl() { return gatewayUrl; }

    /** May be null: then requests carry no notify_url unless one is given per request. */
    public URI notifyUrl() { return notifyUrl; }

    /** May be null. */
    public URI returnUrl() { return returnUrl; }

    /** May be null. */
    public URI showUrl() { return showUrl; }

    public Duration connectTimeout() { return connectTimeout; }

    public Duration readTimeout() { return readTimeout; }

    @Override
    public String toString() {
        return "AlipayConfig{partner=" + partner + ", seller=" + seller + ", key=" + Secrets.mask(key)
                + ", signType=" + signType + ", privateKey=" + Secrets.mask(privateKey)
                + ", inputCharset=" + inputCharsetName() + ", gatewayUrl=" + gatewayUrl
                + ", notifyUrl=" + notifyUrl + ", returnUrl=" + returnUrl + ", showUrl=" + showUrl
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "}";
    }

    public static final class Builder {
        private String partner;
        private String seller;
        private String key;
        private SignType signType = SignType.MD5;
        private String privateKey;
        private String alipayPublicKey;
        private Charset inputCharset = java.nio.charset.StandardCharsets.UTF_8;
        private URI gatewayUrl = DEFAULT_GATEWAY;
        private URI notifyUrl;
        private URI returnUrl;
        private URI showUrl;
        private Duration connectTimeout = Duration.ofSeconds(5);
        // 5 s: the whole notify answer (notify_verify within connect + read timeout, then the database)
        // must come back while Alipay still waits for it; the texts give no figure for that wait (spec 8.2
        // only says a non-"success" answer is resent), see docs/reliability.md.
        private Duration readTimeout = Duration.ofSeconds(5);
        private final Map<String, AlipayConfigException.Problem> unparsed = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder partner(String partner) { this.partner = partner; return this; }
        /** The seller notifications must name; when not set (or blank), the partner, whatever partner is set last. */
        public Builder seller(String seller) { this.seller = seller; return this; }
        public Builder key(String key) { this.key = key; return this; }
        public Builder signType(SignType signType) { this.signType = signType; return this; }
        public Builder privateKey(String privateKey) { this.privateKey = privateKey; return this; }
        public Builder alipayPublicKey(String alipayPublicKey) { this.alipayPublicKey = alipayPublicKey; return this; }
        public Builder inputCharset(Charset inputCharset) { this.inputCharset = inputCharset; return this; }
        /** Takes {@code utf-8}, {@code gbk}, {@code gb2312} in any case (also {@code utf8}); anything else is reported by {@link #build()}. */
        public Builder inputCharset(String inputCharset) {
            this.inputCharset = parsed("input-charset", () -> {
                ConfigValidation.noUnresolvedPlaceholder("input-charset", inputCharset);
                return Charsets.parse("input-charset", inputCharset);
            });
            return this;
        }
        public Builder gatewayUrl(URI gatewayUrl) { this.gatewayUrl = gatewayUrl; unparsed.remove("gateway-url"); return this; }
        /** Parsed here; a malformed URL is reported by {@link #build()}, with every other problem. */
        public Builder gatewayUrl(String gatewayUrl) { this.gatewayUrl = parsed("gateway-url", () -> ConfigValidation.uri("gateway-url", gatewayUrl)); return this; }
        public Builder notifyUrl(URI notifyUrl) { this.notifyUrl = notifyUrl; unparsed.remove("notify-url"); return this; }
        public Builder notifyUrl(String notifyUrl) { this.notifyUrl = parsed("notify-url", () -> ConfigValidation.uri("notify-url", notifyUrl)); return this; }
        public Builder returnUrl(URI returnUrl) { this.returnUrl = returnUrl; unparsed.remove("return-url"); return this; }
        public Builder returnUrl(String returnUrl) { this.returnUrl = parsed("return-url", () -> ConfigValidation.uri("return-url", returnUrl)); return this; }
        public Builder showUrl(URI showUrl) { this.showUrl = showUrl; unparsed.remove("show-url"); return this; }
        public Builder showUrl(String showUrl) { this.showUrl = parsed("show-url", () -> ConfigValidation.uri("show-url", showUrl)); return this; }
        public Builder connectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; return this; }
        public Builder readTimeout(Duration readTimeout) { this.readTimeout = readTimeout; return this; }

        /**
         * Validates everything and builds; throws one {@link AlipayConfigException} listing every
         * problem ({@link AlipayConfigException#problems()}).
         */
        public AlipayConfig build() {
            ConfigValidation.validate(this, new LinkedHashMap<>(unparsed));
            return new AlipayConfig(this);
        }

        /** A value parsed by a setter: its problem is kept for {@link #build()}, which reports them all. */
        private <T> T parsed(String property, Supplier<T> parse) {
            unparsed.remove(property);
            try {
                return parse.get();
            } catch (AlipayConfigException e) {
                unparsed.put(property, e.problems().get(0));
                return null;
            }
        }

        // package-private read access for ConfigValidation
        String partner() { return partner; }
        /** The seller set, or else the partner: resolved at each read, so that a reused builder follows a new partner. */
        String seller() { return (seller == null || seller.isBlank()) ? partner : seller; }
        String key() { return key; }
        SignType signType() { return signType; }
        String privateKey() { return privateKey; }
        String alipayPublicKey() { return alipayPublicKey; }
        Charset inputCharset() { return inputCharset; }
        URI gatewayUrl() { return gatewayUrl; }
        URI notifyUrl() { return notifyUrl; }
        URI returnUrl() { return returnUrl; }
        URI showUrl() { return showUrl; }
        Duration connectTimeout() { return connectTimeout; }
        Duration readTimeout() { return readTimeout; }
    }
}

package io.github.alipaystarter.autoconfigure;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.SignType;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties for Alipay's create_direct_pay_by_user (即时到账). The merchant values map
 * onto the core's immutable {@link AlipayConfig}, which validates them at start-up (the integration
 * guide's 5.2 checks).
 *
 * <p>{@link #toString()} masks the key and the private key.
 */
@ConfigurationProperties("alipay")
public class AlipayProperties {

    /**
     * Whether to enable the Alipay auto-configuration.
     */
    private boolean enabled = true;

    /**
     * Partner ID (合作身份者ID) of the merchant: "2088" followed by 12 digits.
     */
    private @Nullable String partner;

    /**
     * MD5 security key (安全检验码) of the merchant: 32 letters and digits. Required when sign-type
     * is MD5. Never logged.
     */
    private @Nullable String key;

    /**
     * Signature algorithm of requests and notifications: MD5 (with the key) or RSA (with the private
     * key and Alipay's public key).
     */
    private SignType signType = SignType.MD5;

    /**
     * Merchant's RSA private key (PKCS#8, PEM or bare Base64). Required when sign-type is RSA. Never
     * logged.
     */
    private @Nullable String privateKey;

    /**
     * Alipay's RSA public key (X.509, PEM or bare Base64), used to verify notifications. Required
     * when sign-type is RSA.
     */
    private @Nullable String alipayPublicKey;

    /**
     * Character set of requests and notifications (_input_charset): utf-8, gbk or gb2312.
     */
    private String inputCharset = "utf-8";

    /**
     * Seller that notifications must name: a seller ID ("2088" followed by 12 digits) or the
     * seller's Alipay account (email or mobile). Defaults to the partner ID.
     */
    private @Nullable String seller;

    /**
     * URL of the Alipay gateway. Point it at the sandbox for offline runs and tests.
     */
    private String gatewayUrl = "https://mapi.alipay.com/gateway.do";

    /**
     * Absolute URL, reachable from the internet, at which Alipay posts asynchronous notifications
     * (notify_url). Must end with alipay.web.notify-path to reach the built-in endpoint. No custom
     * query parameters.
     */
    private @Nullable String notifyUrl;

    /**
     * Absolute URL to which Alipay sends the buyer's browser after the payment (return_url). Must
     * end with alipay.web.return-path to reach the built-in endpoint. No custom query parameters.
     */
    private @Nullable String returnUrl;

    /**
     * Absolute URL of a page that shows the goods (show_url), linked from the cashier.
     */
    private @Nullable String showUrl;

    /**
     * Name of the payee (收款方) shown on the application's own payment pages.
     */
    private @Nullable String mainName;

    /**
     * Connect timeout of calls to the gateway (notify_verify, single_trade_query,
     * query_timestamp).
     */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /**
     * Read timeout of calls to the gateway. Short enough that a notification whose notify_verify
     * hangs is still answered ("fail") while Alipay waits for the answer.
     */
    private Duration readTimeout = Duration.ofSeconds(5);

    /**
     * Largest number of notify_verify calls waiting on the gateway at once. A notification arriving
     * beyond it is answered "fail" at once, without asking the gateway (Alipay sends it again).
     */
    private int maxConcurrentNotifyVerify = 16;

    /**
     * How long a notification beyond max-concurrent-notify-verify waits for a notify_verify call to end
     * before it is answered "fail". Lets a burst through when the gateway answers fast; holds a server
     * thread at most this long when it is slow. 0 refuses at once.
     */
    private Duration notifyVerifyMaxWait = Duration.ofMillis(200);

    /**
     * Number of trades each instance remembers as settled, so that a repeated TRADE_SUCCESS or
     * TRADE_FINISHED for one of them is answered as a duplicate (amount still checked) without reading
     * the ledger. Only trades seen PAID or REFUNDED in the ledger, or paid by this instance, are
     * remembered; beyond the number the oldest half is forgotten. Per instance, in memory. 0 reads the
     * ledger every time: set it so in tests that delete ledger rows and reuse an out_trade_no within one
     * application context.
     */
    private int duplicateCacheSize = 10000;

    /**
     * Name of the SSL bundle (spring.ssl.bundle.*) whose trust material, and key material if any, the
     * gateway client uses; for a gateway behind a TLS-inspecting proxy or with a private CA. Unset: the
     * JVM's default trust store.
     */
    private @Nullable String sslBundle;

    @NestedConfigurationProperty
    private final AlipayWebProperties web = new AlipayWebProperties();

    @NestedConfigurationProperty
    private final AlipayLedgerProperties ledger = new AlipayLedgerProperties();

    @NestedConfigurationProperty
    private final AlipayReconciliationProperties reconciliation = new AlipayReconciliationProperties();

    @NestedConfigurationProperty
    private final AlipayJournalProperties journal = new AlipayJournalProperties();

    @NestedConfigurationProperty
    private final AlipayHealthProperties health = new AlipayHealthProperties();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getPartner() {
        return this.partner;
    }

    public void setPartner(@Nullable String partner) {
        this.partner = partner;
    }

    public @Nullable String getKey() {
        return this.key;
    }

    public void setKey(@Nullable String key) {
        this.key = key;
    }

    public SignType getSignType() {
        return this.signType;
    }

    public void setSignType(SignType signType) {
        this.signType = signType;
    }

    public @Nullable String getPrivateKey() {
        return this.privateKey;
    }

    public void setPrivateKey(@Nullable String privateKey) {
        this.privateKey = privateKey;
    }

    public @Nullable String getAlipayPublicKey() {
        return this.alipayPublicKey;
    }

    public void setAlipayPublicKey(@Nullable String alipayPublicKey) {
        this.alipayPublicKey = alipayPublicKey;
    }

    public String getInputCharset() {
        return this.inputCharset;
    }

    public void setInputCharset(String inputCharset) {
        this.inputCharset = inputCharset;
    }

    public @Nullable String getSeller() {
        return this.seller;
    }

    public void setSeller(@Nullable String seller) {
        this.seller = seller;
    }

    public String getGatewayUrl() {
        return this.gatewayUrl;
    }

    public void setGatewayUrl(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    public @Nullable String getNotifyUrl() {
        return this.notifyUrl;
    }

    public void setNotifyUrl(@Nullable String notifyUrl) {
        this.notifyUrl = notifyUrl;
    }

    public @Nullable String getReturnUrl() {
        return this.returnUrl;
    }

    public void setReturnUrl(@Nullable String returnUrl) {
        this.returnUrl = returnUrl;
    }

    public @Nullable String getShowUrl() {
        return this.showUrl;
    }

    public void setShowUrl(@Nullable String showUrl) {
        this.showUrl = showUrl;
    }

    public @Nullable String getMainName() {
        return this.mainName;
    }

    public void setMainName(@Nullable String mainName) {
        this.mainName = mainName;
    }

    public Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getMaxConcurrentNotifyVerify() {
        return this.maxConcurrentNotifyVerify;
    }

    public void setMaxConcurrentNotifyVerify(int maxConcurrentNotifyVerify) {
        this.maxConcurrentNotifyVerify = maxConcurrentNotifyVerify;
    }

    public Duration getNotifyVerifyMaxWait() {
        return this.notifyVerifyMaxWait;
    }

    public void setNotifyVerifyMaxWait(Duration notifyVerifyMaxWait) {
        this.notifyVerifyMaxWait = notifyVerifyMaxWait;
    }

    public int getDuplicateCacheSize() {
        return this.duplicateCacheSize;
    }

    public void setDuplicateCacheSize(int duplicateCacheSize) {
        this.duplicateCacheSize = duplicateCacheSize;
    }

    public Duration getReadTimeout() {
        return this.readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public @Nullable String getSslBundle() {
        return this.sslBundle;
    }

    public void setSslBundle(@Nullable String sslBundle) {
        this.sslBundle = sslBundle;
    }

    public AlipayWebProperties getWeb() {
        return this.web;
    }

    public AlipayLedgerProperties getLedger() {
        return this.ledger;
    }

    public AlipayReconciliationProperties getReconciliation() {
        return this.reconciliation;
    }

    public AlipayJournalProperties getJournal() {
        return this.journal;
    }

    public AlipayHealthProperties getHealth() {
        return this.health;
    }

    /**
     * The core configuration; validates every value and throws one
     * {@link io.github.alipaystarter.core.AlipayConfigException} listing every problem.
     */
    public AlipayConfig toConfig() {
        return AlipayConfig.builder()
            .partner(this.partner)
            .seller(this.seller)
            .key(this.key)
            .signType(this.signType)
            .privateKey(this.privateKey)
            .alipayPublicKey(this.alipayPublicKey)
            .inputCharset(this.inputCharset)
            .gatewayUrl(this.gatewayUrl)
            .notifyUrl(this.notifyUrl)
            .returnUrl(this.returnUrl)
            .showUrl(this.showUrl)
            .connectTimeout(this.connectTimeout)
            .readTimeout(this.readTimeout)
            .build();
    }

    @Override
    public String toString() {
        return "AlipayProperties{enabled=" + this.enabled + ", partner=" + this.partner + ", key="
                + mask(this.key) + ", signType=" + this.signType + ", privateKey=" + mask(this.privateKey)
                + ", inputCharset=" + this.inputCharset + ", seller=" + this.seller + ", gatewayUrl="
                + this.gatewayUrl + ", notifyUrl=" + this.notifyUrl + ", returnUrl=" + this.returnUrl + "}";
    }

    private static String mask(@Nullable String secret) {
        return (secret != null) ? "******" : "null";
    }

}

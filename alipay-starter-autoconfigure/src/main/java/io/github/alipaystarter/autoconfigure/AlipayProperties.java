package io.github.alipaystarter.autoconfigure;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.SignType;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

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
     * Name of the SSL bundle (spring.ssl.bundle.*) whose trust material, and key material if any, the
     * gateway client uses; for a gateway behind a TLS-inspecting proxy or with a private CA. Unset: the
     * JVM's default trust store.
     */
    private @Nullable String sslBundle;

    private final Web web = new Web();

    private final Ledger ledger = new Ledger();

    private final Reconciliation reconciliation = new Reconciliation();

    private final Journal journal = new Journal();
    private final Health health = new Health();

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

    public Web getWeb() {
        return this.web;
    }

    public Ledger getLedger() {
        return this.ledger;
    }

    public Reconciliation getReconciliation() {
        return this.reconciliation;
    }

    public Journal getJournal() {
        return this.journal;
    }

    public Health getHealth() {
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

    /**
     * The built-in notify and return endpoints (servlet web applications only).
     */
    public static class Web {

        /**
         * Whether to register the built-in notify and return endpoints.
         */
        private boolean enabled = true;

        /**
         * Path, relative to the context path, of the endpoint that receives Alipay's asynchronous
         * notifications (POST).
         */
        private String notifyPath = "/alipay/notify";

        /**
         * Path, relative to the context path, of the endpoint that receives the buyer's browser
         * after the payment (GET).
         */
        private String returnPath = "/alipay/return";

        /**
         * Where the buyer lands after the return endpoint processed the return. The placeholders
         * {outTradeNo} and {outcome} are replaced, URL-encoded; without either placeholder, both
         * are appended as the query parameters outTradeNo and outcome. A path starting with "/"
         * is relative to the context path.
         */
        private String resultUrl = "/";

        /**
         * Largest notification body accepted; a bigger one is answered "fail" without being
         * processed.
         */
        private DataSize maxBodySize = DataSize.ofKilobytes(64);

        /**
         * Longest time a notification's body may take to arrive; a slower sender is answered "fail"
         * and its connection closed. The body is read without holding a server thread.
         */
        private Duration bodyReadTimeout = Duration.ofSeconds(5);

        /**
         * Largest number of notifications received or processed at once; one more is answered "fail"
         * at once, without its body being read (Alipay sends it again). A body being received holds
         * no server thread, only its bytes (at most max-body-size).
         */
        private int maxConcurrentNotifications = 500;

        public Duration getBodyReadTimeout() {
            return this.bodyReadTimeout;
        }

        public void setBodyReadTimeout(Duration bodyReadTimeout) {
            this.bodyReadTimeout = bodyReadTimeout;
        }

        public int getMaxConcurrentNotifications() {
            return this.maxConcurrentNotifications;
        }

        public void setMaxConcurrentNotifications(int maxConcurrentNotifications) {
            this.maxConcurrentNotifications = maxConcurrentNotifications;
        }

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getNotifyPath() {
            return this.notifyPath;
        }

        public void setNotifyPath(String notifyPath) {
            this.notifyPath = notifyPath;
        }

        public String getReturnPath() {
            return this.returnPath;
        }

        public void setReturnPath(String returnPath) {
            this.returnPath = returnPath;
        }

        public String getResultUrl() {
            return this.resultUrl;
        }

        public void setResultUrl(String resultUrl) {
            this.resultUrl = resultUrl;
        }

        public DataSize getMaxBodySize() {
            return this.maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

    }

    /**
     * The payment ledger (the record of requested and paid trades).
     */
    public static class Ledger {

        /**
         * Whether to accept a verified notification for an out_trade_no that the ledger never
         * recorded (a payment requested by another system with the same partner). It is then
         * recorded with the notified amount and processed; otherwise it is answered "fail".
         */
        private boolean acceptUnknownTrades = false;

        public boolean isAcceptUnknownTrades() {
            return this.acceptUnknownTrades;
        }

        public void setAcceptUnknownTrades(boolean acceptUnknownTrades) {
            this.acceptUnknownTrades = acceptUnknownTrades;
        }

    }

    /**
     * Reconciliation of trades whose notification never arrived (the integration guide's 5.3).
     */
    public static class Reconciliation {

        /**
         * Whether to ask the gateway (single_trade_query) periodically about trades that are still
         * unpaid.
         */
        private boolean enabled = false;

        /**
         * Age after which an unpaid trade is asked about.
         */
        private Duration olderThan = Duration.ofMinutes(15);

        /**
         * Time between two reconciliation runs.
         */
        private Duration interval = Duration.ofMinutes(5);

        /**
         * Maximum number of trades asked about in one run.
         */
        private int batchSize = 50;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getOlderThan() {
            return this.olderThan;
        }

        public void setOlderThan(Duration olderThan) {
            this.olderThan = olderThan;
        }

        public Duration getInterval() {
            return this.interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public int getBatchSize() {
            return this.batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

    }

    /**
     * The notification journal (what the notify and return endpoints received, and what became of it).
     */
    public static class Journal {

        /**
         * Number of rejected deliveries (bad signature, malformed, oversized) journaled and logged one by
         * one per minute and per instance; beyond it they are counted and summarised once a minute.
         */
        private int rejectedPerMinute = 60;

        public int getRejectedPerMinute() {
            return this.rejectedPerMinute;
        }

        public void setRejectedPerMinute(int rejectedPerMinute) {
            this.rejectedPerMinute = rejectedPerMinute;
        }

    }

    /**
     * The {@code alipay} health contributor (with Spring Boot Actuator).
     */
    public static class Health {

        /**
         * How far back handler failures and gateway failures are counted in the health details.
         */
        private Duration troubleWindow = Duration.ofMinutes(15);

        /**
         * Whether the health check also asks the gateway (query_timestamp) whether it answers; the
         * contributor is DOWN when it does not answer in time.
         */
        private boolean gatewayCheck = false;

        /**
         * Longest wait for the gateway's answer to the health check.
         */
        private Duration gatewayTimeout = Duration.ofSeconds(2);

        public Duration getTroubleWindow() {
            return this.troubleWindow;
        }

        public void setTroubleWindow(Duration troubleWindow) {
            this.troubleWindow = troubleWindow;
        }

        public boolean isGatewayCheck() {
            return this.gatewayCheck;
        }

        public void setGatewayCheck(boolean gatewayCheck) {
            this.gatewayCheck = gatewayCheck;
        }

        public Duration getGatewayTimeout() {
            return this.gatewayTimeout;
        }

        public void setGatewayTimeout(Duration gatewayTimeout) {
            this.gatewayTimeout = gatewayTimeout;
        }

    }

}

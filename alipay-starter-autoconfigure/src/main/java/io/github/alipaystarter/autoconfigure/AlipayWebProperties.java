package io.github.alipaystarter.autoconfigure;

import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * The built-in notify and return endpoints (servlet web applications only).
 */
public class AlipayWebProperties {

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

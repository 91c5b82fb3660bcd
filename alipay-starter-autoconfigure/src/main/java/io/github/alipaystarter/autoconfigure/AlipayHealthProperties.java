package io.github.alipaystarter.autoconfigure;

import java.time.Duration;

/**
 * The {@code alipay} health contributor (with Spring Boot Actuator).
 */
public class AlipayHealthProperties {

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

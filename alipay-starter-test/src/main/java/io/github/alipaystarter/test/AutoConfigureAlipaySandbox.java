package io.github.alipaystarter.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts the Alipay sandbox for a {@code @SpringBootTest} and points {@code alipay.*} at it, so that a
 * shop's own tests pay, get notified and refund without Alipay and without setting anything by hand:
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * @AutoConfigureAlipaySandbox
 * class PaymentFlowTests {
 *     @Autowired AlipaySandboxTester alipay;   // pay, resend, refund, inspect deliveries
 * }
 * }</pre>
 *
 * Before the context starts, the sandbox is started on a free port of 127.0.0.1 and these properties
 * are set (above {@code application.properties}; a value the test itself sets in
 * {@code @SpringBootTest(properties = ...)} is kept): {@code alipay.gateway-url} (the sandbox),
 * {@code alipay.partner}, {@code alipay.key}, {@code alipay.seller}, {@code alipay.sign-type=MD5}, and
 * {@code alipay.notify-url} and {@code alipay.return-url} at {@code http://127.0.0.1:<port><context
 * path><alipay.web.*-path>} of this application. With {@code RANDOM_PORT} a free port is chosen for
 * {@code server.port} here, since the notify URL must be known before the server starts. The sandbox
 * ({@code AlipaySandbox}) and the handle ({@link AlipaySandboxTester}) are beans of the test's context
 * and live as long as it (Spring caches contexts between test classes: use distinct out_trade_nos, or
 * {@code sandbox().reset()}). Its console lines are logged under {@code io.github.alipaystarter.sandbox.console}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureAlipaySandbox {

    /** The merchant's partner id; empty for the sandbox's demo merchant (then {@link #key()} must be empty too). */
    String partner() default "";

    /** The merchant's 32-character MD5 key, with {@link #partner()}. */
    String key() default "";

    /**
     * Multiplies the sandbox's delays: resends of a notification not answered {@code success} come after
     * 2m, 10m, ... times this (0.001: 120 ms, 600 ms, ...). The return's notify_id lives a real minute.
     */
    double timeScale() default 0.001;

    /**
     * Whether a full refund (and a close) is notified (TRADE_CLOSED): Alipay does so only for merchants who
     * turned on 交易关闭通知, so it is off by default, as it is there.
     */
    boolean notifyClosedTrades() default false;
}

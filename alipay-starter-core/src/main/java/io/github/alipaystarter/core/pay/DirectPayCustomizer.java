package io.github.alipaystarter.core.pay;

/**
 * Applied by {@link DirectPayService#recordAndSign} to every request before the configuration is applied and
 * anything is signed or recorded: adds what every request of the application needs (such as
 * {@link AntiPhishing}'s anti_phishing_key and exter_invoke_ip), typically with
 * {@code request.toBuilder()...build()}. Throwing stops the request: the exception reaches the caller of
 * {@code recordAndSign}, and nothing is recorded.
 */
@FunctionalInterface
public interface DirectPayCustomizer {

    DirectPayCustomizer NONE = request -> request;

    /** The request to sign: {@code request} itself, or a copy with additions. */
    PaymentRequest customize(PaymentRequest request);
}

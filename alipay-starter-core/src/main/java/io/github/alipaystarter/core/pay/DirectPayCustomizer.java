package io.github.alipaystarter.core.pay;

/**
 * Applied by {@link DirectPayService#directPay()} to every new request builder before the caller sees it:
 * values that every request of the application needs (such as {@link AntiPhishing}'s anti_phishing_key and
 * exter_invoke_ip). Throwing stops the request: the exception reaches the caller of {@code directPay()}.
 */
@FunctionalInterface
public interface DirectPayCustomizer {

    DirectPayCustomizer NONE = request -> { };

    void customize(DirectPayRequest request);
}

package io.github.alipaystarter.sample.web;

import io.github.alipaystarter.core.error.AlipayParameterException;
import java.util.Map;
import org.springframework.validation.Errors;

/** Puts the starter's parameter errors on the form field they are about. */
final class Rejections {

    private static final Map<String, String> FIELDS = Map.of(
            "subject", "subject",
            "body", "body",
            "total_fee", "totalFee");

    private Rejections() {
    }

    static void reject(Errors errors, AlipayParameterException e) {
        String field = FIELDS.get(e.parameter());
        String message = "支付宝不接受此参数 / Alipay would refuse this: " + e.getMessage();
        if (field != null) {
            errors.rejectValue(field, "alipay." + e.errorCode().name(), message);
        } else {
            errors.reject("alipay." + e.errorCode().name(), message);
        }
    }
}

package io.github.alipaystarter.core.error;

import io.github.alipaystarter.core.internal.Texts;

/**
 * A request parameter breaks a rule of the spec. Names the parameter, the rule, the (truncated) value,
 * and the Alipay error code the request would have caused, so the developer sees it before the buyer
 * sees Alipay's error page.
 */
public class AlipayParameterException extends IllegalArgumentException {

    private final String parameter;
    private final String rule;
    private final AlipayErrorCode errorCode;

    public AlipayParameterException(String parameter, String rule, String value, AlipayErrorCode errorCode) {
        super(parameter + ": " + rule + (value == null ? "" : " (was \"" + Texts.forLog(value, 77) + "\")")
                + "; Alipay would answer " + errorCode.name());
        this.parameter = parameter;
        this.rule = rule;
        this.errorCode = errorCode;
    }

    public String parameter() {
        return parameter;
    }

    public String rule() {
        return rule;
    }

    public AlipayErrorCode errorCode() {
        return errorCode;
    }
}

package io.github.alipaystarter.core.error;


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
        super(parameter + ": " + rule + (value == null ? "" : " (was \"" + abbreviate(value) + "\")")
                + "; Alipay would answer " + errorCode.name());
        this.parameter = parameter;
        this.rule = rule;
        this.errorCode = errorCode;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
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

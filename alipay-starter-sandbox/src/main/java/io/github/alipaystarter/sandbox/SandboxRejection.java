package io.github.alipaystarter.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * A request the sandbox refused, as Alipay would: the error code and Alipay's Chinese meaning, plus
 * what Alipay never tells: the parameter, the rule it broke, and for {@code ILLEGAL_SIGN} the canonical
 * content the sandbox signed and the charset of its bytes.
 *
 * @param code the error code, e.g. {@code ILLEGAL_SIGN}
 * @param meaning Alipay's text for the code (from the core's catalogue where it has the code)
 * @param parameter the parameter at fault; null when none is
 * @param reason the rule and the value, in English
 * @param canonicalContent for ILLEGAL_SIGN: the string the sandbox signed (without the key); else null
 * @param charset the charset the request was decoded in and (for ILLEGAL_SIGN) signed in
 * @param parameters the parameters as decoded (sign included, never a key)
 * @param at when it happened
 */
public record SandboxRejection(
        String code,
        String meaning,
        String parameter,
        String reason,
        String canonicalContent,
        String charset,
        Map<String, String> parameters,
        Instant at) {

    /** One line for logs and exception messages. */
    public String summary() {
        return code + " (" + meaning + "): " + reason;
    }
}

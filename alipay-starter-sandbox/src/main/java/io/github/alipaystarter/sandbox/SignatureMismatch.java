package io.github.alipaystarter.sandbox;

import io.github.alipaystarter.core.SignType;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * Why a create_direct_pay_by_user signature does not match, as far as the sandbox can tell: the rule,
 * then notes on the usual causes (a charset missing from the form's action, bytes of another charset,
 * spaces around a value, a sign of the wrong length) and, for MD5, the sign the sandbox computed.
 */
final class SignatureMismatch {

    private SignatureMismatch() {
    }

    static String explain(Map<String, String> p, PayRequestChecker.Arrival arrival, SandboxMerchant merchant, SignType type,
            String sign, Charset charset) {
        StringBuilder reason = new StringBuilder("the signature does not match the canonical content (spec 9.1: every"
                + " parameter but sign and sign_type, empty ones left out, sorted by name, raw values joined with &)"
                + " signed with ").append(type == SignType.MD5 ? "md5(content + key)" : "SHA1withRSA and the merchant's public key")
                .append(" over its ").append(SandboxCodec.wireName(charset)).append(" bytes");
        noteDefaultedCharset(reason, p.get("_input_charset"), arrival);
        noteUndecodableBytes(reason, p, arrival);
        noteSpaces(reason, p);
        if (type == SignType.MD5) {
            // harmless in a sandbox, and the quickest way to see whether the content or the key differs
            reason.append(". Received sign ").append(sign).append(", the sandbox computed ")
                    .append(SandboxCodec.md5(SandboxCodec.canonical(p), merchant.key(), charset));
            if (sign.length() != 32) {
                reason.append(". NOTE: an MD5 sign has 32 hex digits, this one has ").append(sign.length());
            }
        }
        return reason.toString();
    }

    /** A form whose action names no charset is read as gbk, whatever its _input_charset field says (rules v1.4). */
    private static void noteDefaultedCharset(StringBuilder reason, String declared, PayRequestChecker.Arrival arrival) {
        if (arrival.charsetDefaulted() && !"gbk".equalsIgnoreCase(declared)) {
            reason.append(". NOTE: the request was decoded as gbk because the URL carries no ?_input_charset=");
            if (declared != null) {
                reason.append(" (the form field says ").append(declared).append(", but the gateway reads the body before it:"
                        + " the form's action must be gateway.do?_input_charset=").append(declared).append(", rules v1.4)");
            }
        }
    }

    private static void noteUndecodableBytes(StringBuilder reason, Map<String, String> p, PayRequestChecker.Arrival arrival) {
        p.entrySet().stream().filter(e -> e.getValue().indexOf('\uFFFD') >= 0).findFirst().ifPresent(e -> reason
                .append(". NOTE: the bytes of '").append(e.getKey()).append("' are not valid ")
                .append(SandboxCodec.wireName(arrival.decodedIn()))
                .append(": the request was encoded in another charset than the one it was decoded in"));
    }

    private static void noteSpaces(StringBuilder reason, Map<String, String> p) {
        p.entrySet().stream().filter(e -> !e.getValue().equals(e.getValue().strip())).findFirst().ifPresent(e -> reason
                .append(". NOTE: the value of '").append(e.getKey()).append("' has leading or trailing spaces"));
    }
}

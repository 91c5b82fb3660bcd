package io.github.alipaystarter.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the real gateway takes as the merchant's {@code success}: the seven characters, optionally followed
 * by one line break, since the integration guide's own JSP writes {@code out.println("success")} (LF, or
 * CR LF on Windows). Anything else (HTML, spaces, a BOM, {@code SUCCESS}) is a failure and is resent.
 */
final class SuccessAnswer {

    private static final byte[] SUCCESS = "success".getBytes(StandardCharsets.US_ASCII);

    private SuccessAnswer() {
    }

    static boolean isSuccess(byte[] body) {
        if (body == null || body.length < SUCCESS.length || body.length > SUCCESS.length + 2) {
            return false;
        }
        if (!Arrays.equals(body, 0, SUCCESS.length, SUCCESS, 0, SUCCESS.length)) {
            return false;
        }
        int rest = body.length - SUCCESS.length;
        return rest == 0
                || rest == 1 && body[SUCCESS.length] == '\n'
                || rest == 2 && body[SUCCESS.length] == '\r' && body[SUCCESS.length + 1] == '\n';
    }
}

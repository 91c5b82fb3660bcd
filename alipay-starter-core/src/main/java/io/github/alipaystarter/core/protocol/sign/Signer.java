package io.github.alipaystarter.core.protocol.sign;

import io.github.alipaystarter.core.SignType;
import java.nio.charset.Charset;

/** One signature algorithm over an already canonical content string. */
public interface Signer {

    SignType type();

    /** The signature of {@code content} with its bytes in {@code charset}. */
    String sign(String content, Charset charset);

    /**
     * Whether {@code signature} is right for {@code content}; constant-time for MD5. Never throws for a
     * malformed signature (that is a mismatch).
     */
    boolean matches(String content, String signature, Charset charset);
}

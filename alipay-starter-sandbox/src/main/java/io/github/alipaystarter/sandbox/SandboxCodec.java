package io.github.alipaystarter.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sandbox's own form codec, canonical string and signatures. Deliberately written without the
 * core's {@code sign} package and {@code FormData}: the sandbox plays the other side of the wire, so
 * a bug in one implementation is caught by the other.
 */
final class SandboxCodec {

    /** Alipay's legacy gateway decodes a request without {@code _input_charset} as GBK. */
    static final Charset GATEWAY_DEFAULT_CHARSET = Charset.forName("GBK");

    private SandboxCodec() {
    }

    /** A request body or query that is not well-formed form encoding. */
    static final class MalformedFormException extends Exception {
        private static final long serialVersionUID = 1L;
        final String parameter;

        MalformedFormException(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }
    }

    // ---------------------------------------------------------------- charsets

    /** utf-8, gbk or gb2312 in any case, else null. */
    static Charset legalCharset(String wireName) {
        if (wireName == null) {
            return null;
        }
        return switch (wireName.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "utf-8" -> StandardCharsets.UTF_8;
            case "gbk" -> Charset.forName("GBK");
            case "gb2312" -> Charset.forName("GB2312");
            default -> null;
        };
    }

    static String wireName(Charset charset) {
        String name = charset.name().toLowerCase(java.util.Locale.ROOT);
        return switch (name) {
            case "utf-8" -> "utf-8";
            case "gbk" -> "gbk";
            case "gb2312", "euc-cn" -> "gb2312";
            default -> name;
        };
    }

    // ---------------------------------------------------------------- form decoding

    /**
     * The raw (still encoded) value of {@code name} in a query string, or null. Used to find
     * {@code _input_charset} before anything is decoded, as the gateway does.
     */
    static String rawValue(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }

    /**
     * Decodes {@code k=v&k=v} exactly once in {@code charset}: {@code +} is a space, {@code %XX}
     * sequences are collected as bytes and decoded together. A repeated name or a broken {@code %}
     * escape is an error; bytes that are not valid in the charset become U+FFFD (then the signature
     * fails, as on the real gateway, and the error page says which parameter was garbled).
     */
    static Map<String, String> decodeForm(String encoded, Charset charset) throws MalformedFormException {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawKey = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String key = percentDecode(rawKey, charset, rawKey);
            String value = percentDecode(rawValue, charset, key);
            if (out.containsKey(key)) {
                throw new MalformedFormException(key, "parameter '" + key + "' is sent more than once");
            }
            out.put(key, value);
        }
        return out;
    }

    static Map<String, String> decodeForm(byte[] body, Charset charset) throws MalformedFormException {
        // form bodies are ASCII on the wire; a raw non-ASCII byte means the sender did not encode
        for (byte b : body) {
            if (b < 0) {
                throw new MalformedFormException(null,
                        "the body holds raw non-ASCII bytes: values must be percent-encoded in the _input_charset");
            }
        }
        return decodeForm(new String(body, StandardCharsets.US_ASCII), charset);
    }

    private static String percentDecode(String s, Charset charset, String parameter) throws MalformedFormException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new MalformedFormException(parameter, "broken %-escape at the end of '" + s + "'");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedFormException(parameter, "broken %-escape '" + s.substring(i, i + 3) + "'");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7f) {
                // a query string the client did not encode: take the character as is
                byte[] raw = String.valueOf(c).getBytes(charset);
                bytes.write(raw, 0, raw.length);
            } else {
                bytes.write(c);
            }
        }
        try {
            return charset.newDecoder()
                    // like the gateway, garbled bytes become U+FFFD and fail the signature later
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFormException(parameter, "the bytes of '" + parameter + "' are not valid "
                    + wireName(charset) + " (sent in another charset than the _input_charset?)");
        }
    }

    // ---------------------------------------------------------------- form encoding

    /** Encodes like a browser form: unreserved {@code A-Za-z0-9-_.*} kept, space as '+', the rest %XX. */
    static String encode(String value, Charset charset) {
        StringBuilder sb = new StringBuilder(value.length() * 3);
        for (byte b : value.getBytes(charset)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '*') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    static String encodeForm(Map<String, String> params, Charset charset) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(encode(e.getKey(), charset)).append('=').append(encode(e.getValue(), charset));
        }
        return sb.toString();
    }

    /** Whether {@code s} encodes to bytes and back unchanged (e.g. a Chinese subject in latin-1 would not). */
    static boolean encodable(String s, Charset charset) {
        try {
            charset.newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- signing (spec 9)

    /**
     * Spec 9.1: every parameter except sign and sign_type, empty values left out, sorted by name in
     * byte order, joined as raw {@code k=v} with {@code &}.
     */
    static String canonical(Map<String, String> params) {
        TreeMap<String, String> sorted = new TreeMap<>(SandboxCodec::compareBytes);
        for (Map.Entry<String, String> e : params.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            if (k.equals("sign") || k.equals("sign_type") || v == null || v.isEmpty()) {
                continue;
            }
            sorted.put(k, v);
        }
        List<String> parts = new ArrayList<>(sorted.size());
        sorted.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join("&", parts);
    }

    private static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    /** Spec 9.2.1: md5(bytes(content + key, charset)), 32 lower-case hex digits. */
    static String md5(String content, String key, Charset charset) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest((content + key).getBytes(charset)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }

    static boolean md5Matches(String content, String key, Charset charset, String signature) {
        if (signature == null) {
            return false;
        }
        String expected = md5(content, key, charset);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** SHA1withRSA over the content's bytes in {@code charset}, Base64 (legacy mapi RSA). */
    static String rsaSign(String content, PrivateKey key, Charset charset) {
        try {
            Signature s = Signature.getInstance("SHA1withRSA");
            s.initSign(key);
            s.update(content.getBytes(charset));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with RSA: " + e.getMessage(), e);
        }
    }

    static boolean rsaMatches(String content, PublicKey key, Charset charset, String signature) {
        if (signature == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("SHA1withRSA");
            s.initVerify(key);
            s.update(content.getBytes(charset));
            return s.verify(Base64.getMimeDecoder().decode(signature.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** An X.509 public key from PEM or bare Base64. */
    static PublicKey publicKey(String pemOrBase64) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pemBytes(pemOrBase64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA public key (X.509, PEM or Base64): " + e.getMessage(), e);
        }
    }

    /** A PKCS#8 private key from PEM or bare Base64. */
    static PrivateKey privateKey(String pemOrBase64) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBytes(pemOrBase64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // never echo the key
            throw new IllegalArgumentException("not an RSA private key (PKCS#8, PEM or Base64)", e);
        }
    }

    private static byte[] pemBytes(String pemOrBase64) {
        String body = pemOrBase64.replaceAll("-----(BEGIN|END)[A-Z ]*-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

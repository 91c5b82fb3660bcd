package io.github.alipaystarter.core;

import java.nio.charset.Charset;
import java.util.Locale;

/** The three legal values of {@code _input_charset} (spec 4.2): utf-8, gbk, gb2312. */
public final class Charsets {

    public static final Charset GBK = Charset.forName("GBK");
    public static final Charset GB2312 = Charset.forName("GB2312");

    private Charsets() {
    }

    /** Parses a wire name in any case; throws {@link AlipayConfigException} for anything else. */
    public static Charset parse(String property, String name) {
        Charset charset = fromWire(name);
        if (charset == null) {
            throw new AlipayConfigException(property,
                    name == null || name.isBlank() ? "is empty" : "is \"" + name + "\", which Alipay does not accept",
                    "use utf-8, gbk or gb2312, the same charset as your pages and database");
        }
        return charset;
    }

    /** Parses a wire name in any case ({@code UTF8} and {@code utf-8} alike); null when it is not one of the three. */
    public static Charset fromWire(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "utf-8", "utf8" -> java.nio.charset.StandardCharsets.UTF_8;
            case "gbk" -> GBK;
            case "gb2312" -> GB2312;
            default -> null;
        };
    }

    /** {@code utf-8}, {@code gbk} or {@code gb2312}: the lower-case name Alipay expects. */
    public static String wireName(Charset charset) {
        if (java.nio.charset.StandardCharsets.UTF_8.equals(charset)) {
            return "utf-8";
        }
        if (GBK.equals(charset)) {
            return "gbk";
        }
        if (GB2312.equals(charset)) {
            return "gb2312";
        }
        throw new AlipayConfigException("input-charset", "is " + charset + ", which Alipay does not accept",
                "use utf-8, gbk or gb2312");
    }
}

package io.github.alipaystarter.core;

import java.nio.charset.Charset;

/** The three legal values of {@code _input_charset} (spec 4.2): utf-8, gbk, gb2312. */
public final class Charsets {

    private Charsets() {
    }

    /** Parses a wire name in any case; throws {@link AlipayConfigException} for anything else. */
    public static Charset parse(String property, String name) {
        throw new UnsupportedOperationException("TODO core: Charsets.parse");
    }

    /** Parses a wire name in any case; null when it is not one of the three. */
    public static Charset fromWire(String name) {
        throw new UnsupportedOperationException("TODO core: Charsets.fromWire");
    }

    /** {@code utf-8}, {@code gbk} or {@code gb2312}: the lower-case name Alipay expects. */
    public static String wireName(Charset charset) {
        throw new UnsupportedOperationException("TODO core: Charsets.wireName");
    }
}

package io.github.alipaystarter.core.pay;

import java.util.Objects;

/**
 * {@code qr_pay_mode} and, for the embedded mode only, {@code qrcode_width}: the QR-code cashier modes of
 * Alipay's later texts for this interface (not in spec v3.2). Only {@link #embedded(int)} takes a width, so
 * a width without mode 4 cannot be written.
 */
public final class QrCode {

    private final String mode;
    private final Integer width;

    private QrCode(String mode, Integer width) {
        this.mode = mode;
        this.width = width;
    }

    /** Mode 0, 订单码-简约前置模式: the QR code in a box of 600×300 in the merchant's page. */
    public static QrCode simpleFront() {
        return new QrCode("0", null);
    }

    /** Mode 1, 订单码-前置模式: the QR code in a box of 300×600. */
    public static QrCode front() {
        return new QrCode("1", null);
    }

    /** Mode 2, 订单码-跳转模式: the buyer is sent to Alipay's QR-code page. */
    public static QrCode redirect() {
        return new QrCode("2", null);
    }

    /** Mode 3, 订单码-迷你前置模式: a box of 75×75. */
    public static QrCode miniFront() {
        return new QrCode("3", null);
    }

    /** Mode 4, 订单码-可定义宽度的嵌入式二维码: a QR code {@code widthPixels} wide (at least 1). */
    public static QrCode embedded(int widthPixels) {
        return new QrCode("4", widthPixels);
    }

    /** qr_pay_mode, {@code 0} to {@code 4}. */
    public String mode() {
        return mode;
    }

    /** qrcode_width in pixels, or null (only mode 4 has one). */
    public Integer width() {
        return width;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QrCode q && mode.equals(q.mode) && Objects.equals(width, q.width);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, width);
    }

    @Override
    public String toString() {
        return "QrCode{mode=" + mode + (width == null ? "" : ", width=" + width) + "}";
    }
}

package io.github.alipaystarter.core.internal;

import java.util.regex.Pattern;

/**
 * The shape of an Alipay user id (a partner id, seller_id or buyer_id): {@code 2088} followed by 12
 * digits, 16 digits in all.
 */
public final class AlipayIds {

    private static final Pattern USER_ID = Pattern.compile("2088\\d{12}");

    private AlipayIds() {
    }

    /** Whether {@code value} is {@code 2088} followed by 12 ASCII digits; false for null. */
    public static boolean isPartnerId(String value) {
        return value != null && value.length() == 16 && USER_ID.matcher(value).matches();
    }
}

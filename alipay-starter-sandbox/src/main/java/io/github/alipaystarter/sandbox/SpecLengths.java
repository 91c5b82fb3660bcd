package io.github.alipaystarter.sandbox;

import java.util.Map;

/**
 * The String(n) limits of table 4-1 and Alipay's way of counting them, read from the spec by the
 * sandbox itself: it does not share the starter's rules, so that each can catch the other's misreading.
 */
final class SpecLengths {

    private SpecLengths() {
    }

    /**
     * The String(n) lengths of table 4-1, counted as Alipay counts them: a non-ASCII (Chinese) character 2,
     * whatever the _input_charset (spec 4.2: subject String(256) "该参数最长为128个汉字").
     */
    static final Map<String, Integer> MAX_LENGTH = Map.ofEntries(
            Map.entry("partner", 16), Map.entry("notify_url", 190), Map.entry("return_url", 200),
            Map.entry("error_notify_url", 200), Map.entry("out_trade_no", 64), Map.entry("subject", 256),
            Map.entry("payment_type", 4), Map.entry("seller_email", 100), Map.entry("buyer_email", 100),
            Map.entry("seller_id", 16), Map.entry("buyer_id", 16), Map.entry("seller_account_name", 100),
            Map.entry("buyer_account_name", 100), Map.entry("body", 1000), Map.entry("show_url", 400),
            Map.entry("royalty_type", 2), Map.entry("exter_invoke_ip", 15), Map.entry("extra_common_param", 100),
            Map.entry("product_type", 50), Map.entry("token", 40), Map.entry("item_orders_info", 40000));

    /** ASCII counts 1, every other character 2 (spec 4.2: String(256) is 128 Chinese characters). */
    static int alipayLength(String value) {
        int length = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            length += cp < 0x80 ? 1 : 2;
            i += Character.charCount(cp);
        }
        return length;
    }
}

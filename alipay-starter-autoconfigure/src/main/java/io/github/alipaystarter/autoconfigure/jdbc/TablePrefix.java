package io.github.alipaystarter.autoconfigure.jdbc;

import java.util.regex.Pattern;

/**
 * The validated prefix of the ledger and journal tables. It is written into SQL, so it is restricted to
 * what every supported database accepts as an unquoted identifier start: a letter or underscore, then
 * letters, digits and underscores.
 */
final class TablePrefix {

    static final String DEFAULT = "alipay_";

    /** 30 leaves room for the longest suffix ("journal_out_trade_no") within PostgreSQL's 63 characters. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,29}");

    private TablePrefix() {
    }

    /** Returns the prefix unchanged, or throws with a message naming the property, the rule and the value. */
    static String validate(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("alipay.jdbc.table-prefix must not be null; leave it unset for the"
                    + " default \"" + DEFAULT + "\"");
        }
        if (!prefix.isEmpty() && !VALID.matcher(prefix).matches()) {
            String shown = prefix.length() > 40 ? prefix.substring(0, 40) + "..." : prefix;
            throw new IllegalArgumentException("alipay.jdbc.table-prefix must start with a letter or underscore"
                    + " and contain only letters, digits and underscores (at most 30 characters), because it"
                    + " becomes part of table names in SQL; was \"" + shown + "\". Example: alipay_ or shop1_alipay_");
        }
        return prefix;
    }
}

package io.github.alipaystarter.autoconfigure.jdbc;

import io.github.alipaystarter.core.AlipayConfigException;
import io.github.alipaystarter.core.internal.Texts;
import java.util.regex.Pattern;

/**
 * The validated prefix of the ledger and journal tables. It is written into SQL, so it is restricted to
 * what every supported database accepts as an unquoted identifier start: a letter or underscore, then
 * letters, digits and underscores.
 */
public final class TablePrefix {

    static final String DEFAULT = "alipay_";

    /** 30 leaves room for the longest suffix ("journal_out_trade_no") within PostgreSQL's 63 characters. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,29}");

    private TablePrefix() {
    }

    /**
     * Returns the prefix unchanged, or throws an {@link AlipayConfigException} naming the property
     * ({@code jdbc.table-prefix}), the rule and the value.
     */
    public static String validate(String prefix) {
        if (prefix == null) {
            throw new AlipayConfigException("jdbc.table-prefix", "must not be null",
                    "leave it unset for the default \"" + DEFAULT + "\"");
        }
        if (!prefix.isEmpty() && !VALID.matcher(prefix).matches()) {
            throw new AlipayConfigException("jdbc.table-prefix", "must start with a letter or underscore and contain"
                    + " only letters, digits and underscores (at most 30 characters), because it becomes part of"
                    + " table names in SQL; was \"" + Texts.forLog(prefix, 40) + "\"",
                    "use letters, digits and underscores, such as alipay_ or shop1_alipay_");
        }
        return prefix;
    }
}

package io.github.alipaystarter.core.pay;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * {@code royalty_type} and {@code royalty_parameters} (分润, table 4-1): shares of the trade paid to third
 * parties. royalty_type is always {@code 10} (the only type, "the seller pays a third party"), so it goes
 * with the shares and cannot be forgotten. At most 10 shares; each amount at most the trade amount, and
 * those the seller pays together too; remarks at most 1000 characters (a Chinese one counting 2); no
 * {@code ^} or {@code |} in any field. Checked when the {@link PaymentRequest} is built (ROYALTY_FORAMT_ERROR,
 * ROYALTY_LENGTH_ERROR).
 */
public final class Royalties {

    /** The only royalty_type of table 4-1. */
    public static final String ROYALTY_TYPE = "10";

    private final List<Share> shares;

    private Royalties(List<Share> shares) {
        this.shares = List.copyOf(shares);
    }

    /** The shares, sent in this order. */
    public static Royalties of(List<Share> shares) {
        return new Royalties(Objects.requireNonNull(shares, "shares"));
    }

    /** The shares, sent in this order. */
    public static Royalties of(Share... shares) {
        return of(List.of(shares));
    }

    public List<Share> shares() {
        return shares;
    }

    /**
     * One share: {@code receiver^amount^remark} (the seller pays) or, with a payer,
     * {@code payer^receiver^amount^remark}. Accounts are Alipay accounts (email, mobile or user id); the
     * remark may be null (sent empty).
     */
    public record Share(String payer, String receiver, BigDecimal amount, String remark) {

        /** A share the seller pays to {@code receiver}. */
        public static Share of(String receiver, BigDecimal amount, String remark) {
            return new Share(null, receiver, amount, remark);
        }

        /** A share {@code payer} pays to {@code receiver}. */
        public static Share paidBy(String payer, String receiver, BigDecimal amount, String remark) {
            return new Share(payer, receiver, amount, remark);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Royalties r && shares.equals(r.shares);
    }

    @Override
    public int hashCode() {
        return shares.hashCode();
    }

    @Override
    public String toString() {
        return "Royalties" + shares;
    }
}

package io.github.alipaystarter.sandbox;

/**
 * The buyer who pays at the sandbox's cashier.
 *
 * @param id buyer_id, 2088 + 12 digits
 * @param email buyer_email (an email or a mobile number)
 */
public record SandboxBuyer(String id, String email) {

    /** The buyer used when none is given. */
    public static final SandboxBuyer DEFAULT = new SandboxBuyer("2088102146225135", "sandbox-buyer@example.com");

    public SandboxBuyer {
        if (id == null || !id.matches("2088\\d{12}")) {
            throw new IllegalArgumentException("buyer id must be 2088 followed by 12 digits, got '" + id + "'");
        }
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("buyer email is required");
        }
    }
}

package io.github.alipaystarter.core.protocol.gateway;

/** The body of a notify_verify answer. */
public enum NotifyVerifyAnswer {
    TRUE,
    FALSE,
    INVALID,
    /** Any other text. */
    OTHER;

    public static NotifyVerifyAnswer fromBody(String body) {
        if (body == null) {
            return OTHER;
        }
        return switch (body.trim()) {
            case "true" -> TRUE;
            case "false" -> FALSE;
            case "invalid" -> INVALID;
            default -> OTHER;
        };
    }
}

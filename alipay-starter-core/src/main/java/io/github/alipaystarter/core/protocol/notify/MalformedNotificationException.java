package io.github.alipaystarter.core.protocol.notify;

/**
 * The parameters cannot be a notification: a required one missing, a number or date unreadable.
 * {@link #parameter()} names the offending parameter when there is one.
 */
public class MalformedNotificationException extends RuntimeException {

    private final String parameter;

    public MalformedNotificationException(String message) {
        this(null, message);
    }

    /** {@code parameter} is the wire name (e.g. {@code total_fee}); the message should name it too. */
    public MalformedNotificationException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The wire name of the parameter at fault, or null when the problem is not about one parameter. */
    public String parameter() {
        return parameter;
    }
}

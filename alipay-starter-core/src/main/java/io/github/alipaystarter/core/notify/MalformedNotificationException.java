package io.github.alipaystarter.core.notify;

/** The parameters cannot be a notification: a required one missing, a number or date unreadable. */
public class MalformedNotificationException extends RuntimeException {

    public MalformedNotificationException(String message) {
        super(message);
    }
}

package io.github.alipaystarter.sandbox;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One POST of a notification to a notify_url, with what the merchant answered.
 *
 * @param outTradeNo the trade
 * @param notifyId the notification's notify_id (the same across resends of one notification)
 * @param attempt 1 for the first delivery of this notification, then 2, 3, ... (extra sends by
 *     {@code resendNotification} and {@code sendNotificationConcurrently} count on)
 * @param url the notify_url
 * @param parameters the signed parameters sent
 * @param sentAt when the POST started
 * @param took how long until the answer (or the failure)
 * @param httpStatus the answer's status; -1 when there was none (timeout, refused connection)
 * @param body the answer's body as text (ISO-8859-1, byte for byte); null when there was none
 * @param error the I/O error or timeout; null when an answer came
 * @param success whether the body was exactly the 7 bytes {@code success}
 */
public record NotificationDelivery(
        String outTradeNo,
        String notifyId,
        int attempt,
        URI url,
        Map<String, String> parameters,
        Instant sentAt,
        Duration took,
        int httpStatus,
        String body,
        String error,
        boolean success) {
}

package dev.yantra.lottery.player;

import java.util.UUID;

/**
 * Delivers one message to a player (an SMS provider later; {@link LogNotifier} here). Called by
 * {@link NotificationOutbox} after the message was committed to notification_outbox, so a failed delivery is
 * retried and never lost; an implementation throws to say "not delivered".
 */
public interface Notifier {
    record Notification(UUID id, UUID userId, String channel, String destination, String template, String body) {
    }

    void send(Notification notification) throws Exception;
}

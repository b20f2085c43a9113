package dev.yantra.lottery.player;

import dev.yantra.db.Rows;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one writer of notification_outbox. {@link #enqueue} runs inside the transaction that decides to notify;
 * {@link #deliverPending} then claims pending rows one batch at a time ({@code FOR UPDATE SKIP LOCKED}, so two
 * nodes never send one message twice), hands each to the {@link Notifier} and records the outcome. A row
 * that failed {@link #MAX_ATTEMPTS} times is marked failed and left for an operator.
 */
public class NotificationOutbox {
    static final int MAX_ATTEMPTS = 5;
    static final int BATCH = 50;
    private static final Logger log = LoggerFactory.getLogger(NotificationOutbox.class);
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Notifier notifier;
    private final Clock clock;

    public NotificationOutbox(JdbcClient jdbc, TransactionTemplate tx, Notifier notifier, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.notifier = notifier;
        this.clock = clock;
    }

    public UUID enqueue(UUID userId, String channel, String destination, String template, String body) {
        UUID id = UUID.randomUUID();
        int rows = jdbc.sql("""
                        INSERT INTO notification_outbox (id, user_id, channel, destination, template, body, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, userId, channel, destination, template, body, Timestamp.from(clock.instant())).update();
        Rows.exactlyOne(rows, "outbox insert");
        return id;
    }

    /** Sends up to one batch of pending messages; returns how many were sent. */
    public int deliverPending() {
        Integer sent = tx.execute(status -> {
            List<Notifier.Notification> batch = jdbc.sql("""
                            SELECT id, user_id, channel, destination, template, body FROM notification_outbox
                            WHERE state = 'pending' ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                    .param(BATCH)
                    .query((rs, n) -> new Notifier.Notification(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                    .list();
            int ok = 0;
            for (Notifier.Notification n : batch) {
                ok += deliver(n) ? 1 : 0;
            }
            return ok;
        });
        return sent == null ? 0 : sent;
    }

    private boolean deliver(Notifier.Notification n) {
        Timestamp now = Timestamp.from(clock.instant());
        try {
            notifier.send(n);
            jdbc.sql("UPDATE notification_outbox SET state = 'sent', attempts = attempts + 1, sent_at = ? WHERE id = ?")
                    .params(now, n.id()).update();
            return true;
        } catch (Exception e) {
            log.warn("notification {} not delivered: {}", n.id(), e.toString());
            String error = String.valueOf(e.getMessage());
            jdbc.sql("""
                            UPDATE notification_outbox SET attempts = attempts + 1, last_error = ?,
                              state = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END
                            WHERE id = ?""")
                    .params(error.length() > 500 ? error.substring(0, 500) : error, MAX_ATTEMPTS, n.id()).update();
            return false;
        }
    }
}

package dev.yantra.lottery.player;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The outbox on real Postgres: a message survives a failing notifier and is sent once it recovers. */
class NotificationOutboxTest {
    static Database db;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshDatabase();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    String state(UUID id) {
        return db.jdbc().sql("SELECT state FROM notification_outbox WHERE id = ?").param(id).query(String.class).single();
    }

    @Test
    void a_message_the_notifier_refused_stays_pending_and_is_sent_on_a_later_sweep_exactly_once() {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        List<UUID> delivered = new ArrayList<>();
        Notifier flaky = n -> {
            if (failuresLeft.getAndDecrement() > 0) throw new IllegalStateException("provider down");
            delivered.add(n.id());
        };
        NotificationOutbox outbox = new NotificationOutbox(db.jdbc(), db.tx(), flaky, Clock.systemUTC());
        UUID id = db.tx().execute(st -> outbox.enqueue(null, "sms", "+18095550000", "password_reset", "code 123456"));
        assertThat(outbox.deliverPending()).isZero();
        assertThat(outbox.deliverPending()).isZero();
        assertThat(state(id)).isEqualTo("pending");
        assertThat(outbox.deliverPending()).isEqualTo(1);
        assertThat(outbox.deliverPending()).isZero();
        assertThat(state(id)).isEqualTo("sent");
        assertThat(delivered).containsExactly(id);
    }

    @Test
    void a_message_that_keeps_failing_is_marked_failed_after_the_last_attempt() {
        NotificationOutbox outbox = new NotificationOutbox(db.jdbc(), db.tx(), n -> {
            throw new IllegalStateException("no route");
        }, Clock.systemUTC());
        UUID id = db.tx().execute(st -> outbox.enqueue(null, "sms", "+18095550001", "password_reset", "code 654321"));
        for (int i = 0; i < NotificationOutbox.MAX_ATTEMPTS; i++) outbox.deliverPending();
        assertThat(state(id)).isEqualTo("failed");
        assertThat(db.jdbc().sql("SELECT last_error FROM notification_outbox WHERE id = ?").param(id).query(String.class).single())
                .contains("no route");
    }
}

package dev.yantra.play;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refusal log on real Postgres: batched rows, a bounded queue whose overflow is counted, retention. */
class BetRefusalWriterTest {
    Database db;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final UUID op = UUID.randomUUID();

    @BeforeEach
    void open() {
        db = TestPostgres.freshDatabase();
    }

    @AfterEach
    void close() {
        db.close();
    }

    long rows(String reason) {
        return db.jdbc().sql("SELECT count(*) FROM bet_refusals WHERE operator_id = ? AND reason = ?").params(op, reason)
                .query(Long.class).single();
    }

    double unrecorded() {
        return meters.counter("bet_refusals_unrecorded").count();
    }

    @Test
    void refusals_are_written_in_one_batch_and_a_full_queue_counts_what_it_drops() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        try (BetRefusalWriter w = new BetRefusalWriter(db.jdbc(), Clock.fixed(now, ZoneOffset.UTC), meters)) {
            for (int i = 0; i < BetRefusalWriter.QUEUE_CAPACITY + 5; i++) {
                w.refused(op, "p" + (i % 7), "ketapola-dice", i % 2 == 0 ? BetRefusals.OPERATOR_UNAVAILABLE : BetRefusals.BETS_HALTED);
            }
            // the periodic flush may already have taken some out, so up to 5 refusals were dropped, never more
            assertThat(unrecorded()).isBetween(0.0, 5.0);
            w.flush();
            long written = rows(BetRefusals.OPERATOR_UNAVAILABLE) + rows(BetRefusals.BETS_HALTED);
            assertThat(written + (long) unrecorded()).isEqualTo(BetRefusalWriter.QUEUE_CAPACITY + 5);
            assertThat(db.jdbc().sql("SELECT count(*) FROM bet_refusals WHERE refused_at <> ?").param(java.sql.Timestamp.from(now))
                    .query(Long.class).single()).as("each row keeps the instant of its refusal").isZero();
        }
    }

    @Test
    void close_writes_what_is_still_queued() {
        BetRefusalWriter w = new BetRefusalWriter(db.jdbc(), Clock.systemUTC(), meters);
        w.refused(op, "ann", "ketapola-dice", BetRefusals.OPERATOR_PAUSED);
        w.close();
        assertThat(rows(BetRefusals.OPERATOR_PAUSED)).isEqualTo(1);
    }

    @Test
    void rows_older_than_the_retention_are_deleted() {
        Instant now = Instant.now();
        for (Duration age : new Duration[] {BetRefusalWriter.RETENTION.plusMinutes(1), BetRefusalWriter.RETENTION.minusMinutes(1)}) {
            db.jdbc().sql("INSERT INTO bet_refusals (operator_id, player_ref, game_code, reason, refused_at) VALUES (?, 'p', 'g', 'old', ?)")
                    .params(op, java.sql.Timestamp.from(now.minus(age))).update();
        }
        try (BetRefusalWriter w = new BetRefusalWriter(db.jdbc(), Clock.fixed(now, ZoneOffset.UTC), meters)) {
            assertThat(w.prune()).isEqualTo(1);
        }
        assertThat(rows("old")).isEqualTo(1);
    }
}

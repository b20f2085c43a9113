package dev.yantra.round.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.db.Database;
import dev.yantra.testing.TestPostgres;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bet path's operator lookup is remembered for at most a second, and a miss is never remembered. */
class OperatorDirectoryTest {

    @Test
    void a_pause_by_direct_sql_is_seen_within_a_second_and_an_operator_created_after_a_miss_is_seen_at_once() throws Exception {
        try (Database db = TestPostgres.freshDatabase()) {
            OperatorDirectory dir = new OperatorDirectory(db.jdbc());
            UUID op = UUID.randomUUID();
            assertThat(dir.find(op)).as("no such operator yet").isEmpty();
            db.jdbc().sql("INSERT INTO operators (id, name, compliance_contact, allowed_currencies) VALUES (?, 'o', 'c@x', '{LKR}')")
                    .param(op).update();
            assertThat(dir.find(op)).as("the miss was not remembered").get().extracting(OperatorInfo::status).isEqualTo("ACTIVE");

            db.jdbc().sql("UPDATE operators SET status = 'PAUSED' WHERE id = ?").param(op).update();
            long changedAt = System.nanoTime();
            String seen = dir.find(op).orElseThrow().status();
            while (!seen.equals("PAUSED")) {
                assertThat(System.nanoTime() - changedAt).as("the pause is seen within a second").isLessThan(1_100_000_000L);
                Thread.sleep(50);
                seen = dir.find(op).orElseThrow().status();
            }
            assertThat(dir.find(op).orElseThrow().allowedCurrencies()).containsExactly("LKR");
        }
    }
}

package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.lottery.bet.BetType;
import dev.yantra.lottery.catalog.LotterySeed;
import dev.yantra.lottery.schedule.DrawSchedule;
import dev.yantra.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two `yantra serve` processes on one database, each with its draw scheduler, and a lottery drawing every minute
 * (sales close at the draw). The scheduler's leader is killed with SIGKILL: the other node closes the next draws,
 * and across the whole run every draw is opened once and closed once, by one node, a few seconds after its
 * cut-off at most.
 */
class DrawSchedulerKillNineTest {
    private static final String LOTTERY = "test-minute";

    @Test
    void each_draw_closes_once_on_one_of_two_nodes_and_a_killed_leaders_draws_close_on_the_other() throws Exception {
        try (Cluster c = new Cluster("draws-kill9", 1200, Map.of())) {
            JdbcClient j = c.jdbc();
            new LotterySeed(j).seed(new LotterySeed.Entry(LOTTERY, "Every minute", DrawSchedule.everyMinutes(LotterySeed.SANTO_DOMINGO, 1),
                    0, EnumSet.of(BetType.QUINIELA), List.of("DOP")));
            ChaosNode a = c.addNode();
            ChaosNode b = c.addNode();
            a.awaitReady(Cluster.NODE_START);
            b.awaitReady(Cluster.NODE_START);
            // Besides the schedule's one draw a minute, a draw every 6 s from now: the run needs a few closes, and
            // waiting for minute boundaries made this the suite's second longest test.
            j.sql("""
                    INSERT INTO draws (id, lottery_id, draw_time, closes_at, state, state_changed_at)
                    SELECT gen_random_uuid(), :l, now() + (i * 6 + 5) * interval '1 second',
                           now() + (i * 6 + 5) * interval '1 second', 'SCHEDULED', now()
                      FROM generate_series(0, 60) AS i
                    ON CONFLICT (lottery_id, draw_time) DO NOTHING""").param("l", LOTTERY).update();
            Await.until("a first draw closed", Duration.ofSeconds(90), () -> closes(j, "%") >= 1);

            String owner = j.sql("SELECT lease_owner FROM leader_leases WHERE name = 'draw-scheduler'").query(String.class).single();
            ChaosNode victim = owner.contains(a.ownerFragment()) ? a : b;
            ChaosNode survivor = victim == a ? b : a;
            assertThat(owner).contains(victim.ownerFragment());
            String survivorMoves = "%" + survivor.ownerFragment() + "%";
            int survivorClosesBefore = closes(j, survivorMoves);
            victim.kill9();
            System.err.println("[chaos] killed the draw scheduler's leader " + victim.name());
            Await.until("a draw closed by " + survivor.name(), Duration.ofSeconds(90),
                    () -> closes(j, survivorMoves) > survivorClosesBefore);

            victim.start();
            victim.awaitReady(Cluster.NODE_START);
            int all = closes(j, "%");
            Await.until("one more draw closed with both nodes up", Duration.ofSeconds(90), () -> closes(j, "%") > all);

            assertThat(j.sql("SELECT count(*) FROM (SELECT draw_id, to_state FROM draw_transitions GROUP BY 1, 2 HAVING count(*) > 1) x")
                    .query(Integer.class).single()).as("draws moved to one state twice").isZero();
            List<Map<String, Object>> closed = j.sql("""
                    SELECT d.id, d.closes_at, d.state, d.moved_by, t.moved_by AS closed_by, t.moved_at,
                           (SELECT count(*) FROM draw_transitions o WHERE o.draw_id = d.id AND o.to_state = 'OPEN') AS opens
                      FROM draws d JOIN draw_transitions t ON t.draw_id = d.id AND t.to_state = 'CLOSED'
                     WHERE d.lottery_id = :l ORDER BY d.closes_at""").param("l", LOTTERY).query().listOfRows();
            assertThat(closed).hasSizeGreaterThanOrEqualTo(3);
            for (Map<String, Object> r : closed) {
                assertThat(r.get("state")).isEqualTo("CLOSED");
                // these draws are inserted 5 s before their cut-off, so a draw whose whole window fell in the
                // leaderless seconds of a takeover (or a tick late on a loaded machine) closes unopened
                // (DrawState CLOSE_UNOPENED); none may open twice
                assertThat((Long) r.get("opens")).as("opened at most once before it closed").isBetween(0L, 1L);
                assertThat(r.get("moved_by")).isEqualTo(r.get("closed_by"));
                Instant closesAt = ((java.sql.Timestamp) r.get("closes_at")).toInstant();
                Instant movedAt = ((java.sql.Timestamp) r.get("moved_at")).toInstant();
                // a takeover waits for the dead leader's lease to expire (5 s) and one poll (1 s)
                assertThat(Duration.between(closesAt, movedAt)).isBetween(Duration.ZERO, Duration.ofSeconds(10));
            }
            assertThat(closed).extracting(r -> (String) r.get("closed_by")).anyMatch(by -> by.contains(survivor.ownerFragment()));
            assertThat(closed).as("draws opened for sales, then closed").anyMatch(r -> Long.valueOf(1).equals(r.get("opens")));
            Instant now = Instant.now();
            assertThat(j.sql("SELECT count(*) FROM draws WHERE lottery_id = :l AND state = 'OPEN' AND closes_at < :t")
                    .param("l", LOTTERY).param("t", java.sql.Timestamp.from(now.minusSeconds(10))).query(Integer.class).single())
                    .as("open draws past their cut-off").isZero();
        }
    }

    private static int closes(JdbcClient j, String movedByLike) {
        return j.sql("""
                SELECT count(*) FROM draw_transitions t JOIN draws d ON d.id = t.draw_id
                 WHERE d.lottery_id = :l AND t.to_state = 'CLOSED' AND t.moved_by LIKE :who""")
                .param("l", LOTTERY).param("who", movedByLike).query(Integer.class).single();
    }
}

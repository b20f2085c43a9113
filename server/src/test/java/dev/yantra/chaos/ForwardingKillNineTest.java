package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.Await;
import dev.yantra.testing.TestPostgres;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two `yantra serve` processes on one database forwarding plays to the real demo banca, on the harness's lottery
 * rig (the demo banca in this JVM answering part at once and the rest by webhook, here each answer 150 ms slow so
 * calls are in flight; the Stripe stand-in for the card plays), while buyers play on both nodes over three draws,
 * two of which close during the run. Each node is killed with SIGKILL once, at a moment it holds a forwarding job
 * (waiting up to 10 s for one; at least one kill must catch one), and restarted. A buyer whose request died with its
 * node sends the same body (same requestId) to the other node. Afterwards: every play a buyer was answered for
 * exists once, and none it was refused; every play is final; the harness's lottery rules hold ({@link
 * LotteryInvariants}: each confirmed play registered once at the banca with our ticket code, the dead node's tries
 * retried under the same idempotency key; every wallet play debited once and refunded unless confirmed; every
 * balance adds up; no card hold left open); each draw was moved to each of its states once.
 */
class ForwardingKillNineTest {

    @Test
    void a_kill_9_of_either_node_while_forwarding_loses_no_play_and_the_banca_registers_each_once() throws Exception {
        long startedAt = System.nanoTime();
        try (ChaosRig rig = ChaosRig.start(Files.createTempDirectory("chaos-forwarding-kill9-"), TestPostgres.freshDatabaseUrl(),
                2, 0, 0, null, true)) {
            JdbcClient j = rig.jdbc();
            rig.startNodes(Cluster.NODE_START);
            // draws closing 24.5 s and 49 s from now and one two hours away; ten buyers with an audited deposit each
            rig.lottery.after(rig, 70_000, 10);
            rig.lottery.banca.changeFaults(Map.of("slowMs", 150));
            ChaosNode a = rig.nodes.get(0);
            ChaosNode b = rig.nodes.get(1);
            long seed = Long.getLong("chaos.seed", System.nanoTime());
            System.err.println("[chaos] forwarding-kill9 seed " + seed + " (rerun with -Dchaos.seed=" + seed + ")");
            Random random = new Random(seed);   // which node dies first
            ChaosNode first = random.nextBoolean() ? a : b;
            ChaosNode second = first == a ? b : a;
            int killedHoldingJobs = 0;
            Timeline timeline = new Timeline(System.nanoTime());
            ChaosBuyers buyers = new ChaosBuyers(rig.nodes, rig.lottery, j, timeline, 3);
            try (buyers) {
                awaitMorePlays(buyers, 20, "before the first kill");
                killedHoldingJobs += killWhileForwarding(j, first) > 0 ? 1 : 0;
                first.start();
                first.awaitReady(Cluster.NODE_START);
                awaitMorePlays(buyers, 15, "with both nodes up again");
                killedHoldingJobs += killWhileForwarding(j, second) > 0 ? 1 : 0;
                // restarted, but not waited for: the drain below overlaps its start (the dead node's jobs are
                // taken over by the survivor once their lease expires, whichever comes first)
                second.start();
                awaitMorePlays(buyers, 15, "while the second victim restarts");
            }
            long drainFrom = System.nanoTime();
            Await.until("every play final and no banca or payment job open", Duration.ofSeconds(150), () -> j.sql("""
                    SELECT (SELECT count(*) FROM plays WHERE status IN ('AWAITING_PAYMENT', 'QUEUED', 'AWAITING_WEBHOOK'))
                         + (SELECT count(*) FROM pending_banca_jobs WHERE completed_at IS NULL)
                         + (SELECT count(*) FROM pending_payment_jobs WHERE completed_at IS NULL)""").query(Long.class).single() == 0);
            Await.until("both closing draws closed", Duration.ofSeconds(60), () -> j.sql(
                    "SELECT count(*) FROM draws WHERE id = ANY(?) AND state = 'CLOSED'").param(rig.lottery.draws.subList(0, 2).toArray(new UUID[0]))
                    .query(Long.class).single() == 2);
            long drainedMs = (System.nanoTime() - drainFrom) / 1_000_000;

            assertThat(buyers.accepted()).as("plays accepted").hasSizeGreaterThan(60);
            assertThat(timeline.total(s -> s.playsUnanswered)).as("plays no node answered within a minute").isZero();
            assertThat(timeline.total(s -> s.playsRefused)).as("plays refused, all because their draw closed meanwhile")
                    .isEqualTo(buyers.refusedClosed().size());
            assertThat(killedHoldingJobs).as("kills that caught a node holding a forwarding job").isPositive();
            assertEachAnsweredPlayExistsOnce(j, buyers);
            assertThat(Invariants.broken(j, Stream.concat(LotteryInvariants.SAMPLED.stream(), LotteryInvariants.AT_END.stream()).toList()))
                    .as("the harness's lottery rules broken").isEmpty();
            assertThat(j.sql("SELECT count(*) FROM (SELECT draw_id, to_state FROM draw_transitions GROUP BY 1, 2 HAVING count(*) > 1) x")
                    .query(Long.class).single()).as("draws moved to one state twice").isZero();
            System.err.printf("[chaos] forwarding-kill9: %d accepted, %d refused draw_closed, %s; %d kill(s) holding jobs; "
                            + "drained %d ms; wall %d ms%n", buyers.accepted().size(), buyers.refusedClosed().size(),
                    j.sql("SELECT status || ' ' || payment_method || ' ' || count(*) FROM plays GROUP BY status, payment_method ORDER BY 1").query(String.class).list(),
                    killedHoldingJobs, drainedMs, (System.nanoTime() - startedAt) / 1_000_000);
        }
    }

    /** Lets the buyers get {@code more} plays accepted (a few seconds of load) before the next step. */
    private static void awaitMorePlays(ChaosBuyers buyers, int more, String when) {
        int from = buyers.accepted().size();
        Await.until(more + " more plays accepted " + when, Duration.ofSeconds(60), () -> buyers.accepted().size() >= from + more);
    }

    /** Waits (up to 10 s) for the victim to hold an open forwarding job, then kills it; returns the jobs it held. */
    private static int killWhileForwarding(JdbcClient j, ChaosNode victim) throws InterruptedException {
        int held = 0;
        try {
            held = Await.value(victim.name() + " holding a forwarding job", Duration.ofSeconds(10), () -> heldBy(j, victim), n -> n > 0);
        } catch (AssertionError none) {
            // no job caught in 10 s: killed anyway (the test needs one of the two kills to catch one)
        }
        victim.kill9();
        System.err.printf("[chaos] killed %s (pid %d) holding %d forwarding job(s)%n", victim.name(), victim.pid(), held);
        return held;
    }

    private static int heldBy(JdbcClient j, ChaosNode n) {
        return j.sql("SELECT count(*) FROM pending_banca_jobs WHERE completed_at IS NULL AND locked_until > now() AND locked_by LIKE ?")
                .param("%" + n.ownerFragment() + "%").query(Integer.class).single();
    }

    /** Every requestId a buyer got a play for has exactly that play; one refused draw_closed has none; no other play. */
    private static void assertEachAnsweredPlayExistsOnce(JdbcClient j, ChaosBuyers buyers) {
        for (Map.Entry<UUID, UUID> e : buyers.accepted().entrySet()) {
            assertThat(j.sql("SELECT id FROM plays WHERE request_id = ?").param(e.getKey()).query(UUID.class).list())
                    .as("plays of request %s", e.getKey()).containsExactly(e.getValue());
        }
        for (UUID refused : buyers.refusedClosed()) {
            assertThat(j.sql("SELECT count(*) FROM plays WHERE request_id = ?").param(refused).query(Long.class).single()).isZero();
        }
        assertThat(j.sql("SELECT count(*) FROM plays").query(Long.class).single()).as("plays nobody was told of")
                .isEqualTo(buyers.accepted().size());
    }
}

package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.demowallet.Faults;
import dev.yantra.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SIGTERM while a round is full of bets and the wallet is slow. The process exits
 * within SHUTDOWN_GRACE_SECONDS, /readyz said 503 before the port closed, and the database shows nothing half-done.
 */
class SigtermDrainTest {
    static final int GRACE_SECONDS = 10;

    @Test
    void sigterm_during_a_busy_round_drains_within_the_grace_and_leaves_nothing_half_done() throws Exception {
        try (Cluster c = new Cluster("sigterm", 4000, Map.of("SHUTDOWN_GRACE_SECONDS", String.valueOf(GRACE_SECONDS)))) {
            ChaosNode node = c.addNode();
            node.awaitReady(Cluster.NODE_START);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 12; i++) tokens.add(c.session("drain-" + i));
            c.wallet.setFaults(Faults.NONE.withSlowMs(250));   // wallet calls in flight when the signal lands
            String roundId = c.awaitBettingOpen(node, tokens.getFirst(), 2500, Duration.ofSeconds(30));

            // bets keep arriving while the signal lands
            List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
            ReadyzRecorder readyz = new ReadyzRecorder(node);
            long signalledAt;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> sent = new ArrayList<>();
                for (String t : tokens) {
                    sent.add(pool.submit(() -> {
                        for (String side : List.of("LOW", "HIGH")) statuses.add(c.bet(node, t, side, 20_000));
                    }));
                }
                // the first bets answered (a stake still in flight when the drain closes betting is refunded), the
                // second ones in flight
                Await.until("a first bet accepted", Duration.ofSeconds(20), () -> statuses.contains(201));
                readyz.start();
                Await.until("readyz seen serving before the signal", Duration.ofSeconds(10), () -> readyz.saw(200));
                signalledAt = System.nanoTime();
                node.signalTerm();
                for (Future<?> f : sent) f.get();
            }
            boolean exited = node.waitForExit(Duration.ofSeconds(GRACE_SECONDS + 5));
            long exitMs = (System.nanoTime() - signalledAt) / 1_000_000;
            readyz.stop();
            System.err.println("[chaos] exit " + exitMs + " ms after SIGTERM; bet statuses " + statuses + "; readyz " + readyz.summary());

            assertThat(exited).as("exited").isTrue();
            assertThat(exitMs).as("exit within SHUTDOWN_GRACE_SECONDS").isLessThanOrEqualTo(GRACE_SECONDS * 1000L);
            assertThat(statuses).as("bets were accepted in the busy round").contains(201);
            readyz.assertSaid503BeforeClosing();

            JdbcClient j = c.jdbc();
            assertThat(j.sql("SELECT count(*) FROM rounds WHERE state NOT IN ('SETTLED','VOIDED')").query(Integer.class).single())
                    .as("no round left in flight").isZero();
            assertThat(j.sql("SELECT state FROM rounds WHERE id = ?::uuid").param(roundId).query(String.class).single())
                    .isIn("SETTLED", "VOIDED");
            assertThat(j.sql("SELECT count(*) FROM game_tables WHERE lease_owner IS NOT NULL").query(Integer.class).single())
                    .as("table lease released").isZero();
            assertThat(j.sql("SELECT count(*) FROM pending_wallet_jobs WHERE completed_at IS NULL AND locked_by IS NOT NULL")
                    .query(Integer.class).single()).as("no job still locked by the stopped node").isZero();
            assertThat(j.sql("SELECT count(*) FROM bets WHERE state IN ('PENDING','ACCEPTED')").query(Integer.class).single())
                    .as("no bet left pending or accepted in a finished round").isZero();
            assertThat(j.sql("""
                    SELECT count(*) FROM bets b WHERE b.state IN ('WIN_OWED','UNCERTAIN','REFUND_OWED')
                       AND NOT EXISTS (SELECT 1 FROM pending_wallet_jobs p WHERE p.bet_id = b.id AND p.completed_at IS NULL)""")
                    .query(Integer.class).single()).as("money still owed has an open job").isZero();

            // a fresh node finishes whatever was handed to the queue, and the money reconciles
            c.wallet.setFaults(Faults.NONE);
            ChaosNode next = c.addNode();
            next.awaitReady(Cluster.NODE_START);
            Await.until("queue drained", Duration.ofSeconds(60),
                    c::drained);
            c.assertEveryRuleHolds();
        }
    }
}

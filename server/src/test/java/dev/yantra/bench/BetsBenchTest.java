package dev.yantra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code yantra bench bets} with tiny numbers: every figure in its table comes from a real run, none is zero. */
class BetsBenchTest {

    @Test
    void a_short_run_prints_real_throughput_latency_and_pgbench_figures_and_judges_both_goals() throws Exception {
        BetsBench.Result r = BetsBench.run(TestPostgres.freshEnv(TestServer.freePort()),
                new BetsBench.Options(40, 4, Duration.ofSeconds(3), 500, 2));

        for (BetsBench.PhaseResult p : new BetsBench.PhaseResult[]{r.max(), r.at80()}) {
            BetLoad.Phase l = p.load();
            assertThat(l.accepted()).as("%s: bets accepted over HTTP", l.name()).isPositive();
            assertThat(l.sent()).isGreaterThanOrEqualTo(l.accepted());
            assertThat(l.openNanos()).as("%s: time the table was open", l.name()).isPositive();
            assertThat(l.percentileMs(50)).as("%s: p50", l.name()).isPositive();
            assertThat(l.percentileMs(99)).as("%s: p99", l.name()).isGreaterThanOrEqualTo(l.percentileMs(50));
            assertThat(p.settled()).as("%s: bets settled WON/LOST in the phase", l.name()).isPositive();
            assertThat(p.settledPerSecond()).isPositive();
            assertThat(p.walletBetP50Ms()).as("%s: BET wallet calls journaled", l.name()).isNotNaN();
        }
        // the 80 % phase was offered 0.8 x what the max phase accepted per open second
        assertThat(r.at80().targetPerOpenSecond()).isCloseTo(0.8 * r.max().load().acceptedPerOpenSecond(),
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(r.unsettledAfterWait()).as("every bet final after the load stopped").isZero();
        assertThat(r.pgbenchTps()).as("pgbench -N ran against the same server").isNotNull().isPositive();

        // where the CPU went: the embedded server and this JVM, per settled bet and per pgbench transaction
        assertThat(r.max().postgresCpuMsPerBet()).as("Postgres CPU per settled bet").isPositive();
        assertThat(r.max().jvmCpuMsPerBet()).as("JVM CPU per settled bet").isPositive();
        assertThat(r.pgbench().postgresCpuMsPerTransaction()).as("Postgres CPU per pgbench transaction").isPositive();
        assertThat(r.postgresBoundRatio()).isCloseTo(r.pgbench().postgresCpuMsPerTransaction() / r.max().postgresCpuMsPerBet(),
                org.assertj.core.data.Offset.offset(1e-9));

        // with the operator's breaker open every bet is refused operator_unavailable, none reaches the wallet
        BetLoad.Phase open = r.breakerOpen();
        assertThat(open.sent()).as("bets sent with the breaker open").isPositive();
        assertThat(open.accepted()).isZero();
        assertThat(open.refused().get(BetsBench.OPERATOR_UNAVAILABLE)).as("refused operator_unavailable").isPositive();
        assertThat(r.walletCallsWhileOpen()).as("BET wallet calls while open").isZero();
        assertThat(r.breakerRefusalP99Ms()).isPositive().isGreaterThanOrEqualTo(open.refusalPercentileMs(BetsBench.OPERATOR_UNAVAILABLE, 50));

        String table = BetsBench.table(r);
        assertThat(table).contains("pgbench -N (8 clients, 2 s").contains(String.format(java.util.Locale.ROOT, "%.0f tps", r.pgbenchTps()))
                .containsPattern("goal settled bets/s >= 0.25 x pgbench tps \\(\\d+\\): \\d+ .* -> (MET|NOT MET)")
                .containsPattern("goal p99 accept latency < 50 ms at 80 % of max: [0-9.]+ ms -> (MET|NOT MET)")
                .containsPattern("breaker open \\(\\d+/s open, \\d+ s\\): \\d+ sent, \\d+ refused operator_unavailable, 0 accepted, 0 BET wallet calls")
                .containsPattern("goal breaker-open refusal p99 < 10 ms, no wallet call: [0-9.]+ ms -> (MET|NOT MET)")
                .contains("measured:").contains("derived:")
                .containsPattern("CPU per settled bet in max: Postgres [0-9.]+ ms, this JVM .* [0-9.]+ ms")
                .containsPattern("CPU per transaction: Postgres [0-9.]+ ms")
                .contains(String.format(java.util.Locale.ROOT, "Postgres-bound (derived): %.2f x pgbench tps", r.postgresBoundRatio()));
        assertThat(table).contains(r.throughputGoalMet() ? "-> MET" : "-> NOT MET");
        assertThat(BetsBench.json(r)).containsKeys("phases", "pgbenchNTps", "throughputGoalMet", "latencyGoalMet",
                "postgresBoundRatioOfPgbenchTps");
    }
}

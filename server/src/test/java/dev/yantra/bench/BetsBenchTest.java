package dev.yantra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code yantra bench bets} with tiny numbers: node, demo wallet and load generator run as processes of their own,
 * and every figure of the report comes from that real run — none is zero, each process and each Postgres is billed.
 */
class BetsBenchTest {

    @Test
    void a_short_run_bills_each_process_and_each_database_per_settled_bet_and_judges_every_goal(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        BetsBench.Result r = BetsBench.run(TestPostgres.freshEnv(TestServer.freePort()).withDataDir(dir.resolve("data")),
                new BetsBench.Options(40, 4, Duration.ofSeconds(3), 1000, 2, 2, true, out));

        for (BetsBench.PhaseResult p : BetsReport.phases(r)) {
            BetLoad.Phase l = p.load();
            assertThat(l.accepted()).as("%s: bets accepted over HTTP", l.name()).isPositive();
            assertThat(l.sent()).isGreaterThanOrEqualTo(l.accepted());
            assertThat(l.openNanos()).as("%s: time the table was open", l.name()).isPositive();
            assertThat(l.percentileMs(99)).as("%s: p99", l.name()).isGreaterThanOrEqualTo(l.percentileMs(50)).isPositive();
            assertThat(p.settled()).as("%s: bets settled WON/LOST in the phase", l.name()).isPositive();
            assertThat(p.walletBetP50Ms()).as("%s: BET wallet calls journaled", l.name()).isNotNaN();
            assertThat(p.cpuMsPerBet(BetsBench.NODE)).as("%s: node CPU per settled bet", l.name()).isPositive();
            assertThat(p.cpuMsPerBet(BetsBench.NODE_PG)).as("%s: node's Postgres CPU per settled bet", l.name()).isPositive();
        }
        // each process and each database did work for these bets and is billed for it separately (over all phases:
        // a short phase may fall within one 10 ms tick of a lightly used process)
        for (String source : BetsReport.SOURCES) {
            if (source.equals(BetsBench.BENCH)) continue;   // this JVM only waits during a phase
            assertThat(BetsReport.phases(r).stream().mapToDouble(p -> p.cpu().of(source)).sum()).as("CPU seconds of %s", source).isPositive();
        }
        // the idle interval before max says what the node burns with nobody betting; above it is a bet's marginal cost
        assertThat(r.idle().seconds()).isPositive();
        assertThat(r.idle().cpuSecondsPerSecond(BetsBench.NODE)).as("an idle node still runs its table").isPositive();
        assertThat(r.nodeCpuMsPerBetAboveIdle(r.max())).isLessThan(r.max().cpuMsPerBet(BetsBench.NODE));
        assertThat(r.at80().targetPerOpenSecond()).isCloseTo(0.8 * r.max().load().acceptedPerOpenSecond(), Offset.offset(0.01));
        assertThat(r.tablesPhase().tables()).isEqualTo(2);
        assertThat(r.tablesPhase().targetPerOpenSecond()).isCloseTo(0.5 * r.max().load().acceptedPerOpenSecond(), Offset.offset(0.01));
        assertThat(r.tablesMultiple()).isCloseTo(r.tablesPhase().settledPerSecond() / r.max().settledPerSecond(), Offset.offset(1e-9));
        assertThat(r.tablesGoalMet()).as("the tables goal is for 8 tables, not judged MET with 2").isFalse();
        // the same tables offered the one-table max between them: what a lock global to the node would slow down
        assertThat(r.sharedTablesPhase().tables()).isEqualTo(2);
        assertThat(r.sharedTablesPhase().targetPerOpenSecond()).isCloseTo(r.max().load().acceptedPerOpenSecond() / 2, Offset.offset(0.01));
        assertThat(r.sharedTablesMultiple()).isCloseTo(r.sharedTablesPhase().settledPerSecond() / r.max().settledPerSecond(), Offset.offset(1e-9));
        assertThat(r.unsettledAfterWait()).as("every bet final after the load stopped").isZero();
        assertThat(r.pgbenchTps()).as("pgbench -N ran against the node's server").isNotNull().isPositive();
        assertThat(r.postgresPgbenchTransactionsPerBet()).isCloseTo(
                r.max().cpuMsPerBet(BetsBench.NODE_PG) / r.pgbench().postgresCpuMsPerTransaction(), Offset.offset(1e-9));

        // with the operator's breaker open every bet is refused operator_unavailable, none reaches the wallet
        BetLoad.Phase open = r.breakerOpen();
        assertThat(open.sent()).as("bets sent with the breaker open").isPositive();
        assertThat(open.accepted()).isZero();
        assertThat(open.refused().get(BetsBench.OPERATOR_UNAVAILABLE)).as("refused operator_unavailable").isPositive();
        assertThat(r.walletCallsWhileOpen()).as("BET wallet calls while open").isZero();

        // the node was profiled under the max phase; the recording and its summary stay in the out dir
        assertThat(r.profile().samples()).as("JFR execution samples of the node").isPositive();
        assertThat(r.profile().chargedTo()).extracting(NodeProfile.Share::packageName).anyMatch(p -> p.startsWith("dev.yantra"));
        assertThat(out.resolve("node-max.jfr")).isNotEmptyFile();
        assertThat(Files.readString(out.resolve("node-profile.txt"))).contains("charged to");
        assertThat(out.resolve("node.log")).exists();
        assertThat(out.resolve("wallet.log")).exists();

        String table = BetsReport.table(r);
        assertThat(Files.readString(out.resolve("report.txt"))).isEqualTo(table);
        assertThat(table).containsPattern("goal node CPU per settled bet <= 1.0 ms \\(max phase\\): [0-9.]+ ms -> (MET|NOT MET)")
                .containsPattern("goal node's Postgres CPU per settled bet <= 5 x a pgbench -N transaction \\([0-9.]+ ms\\): [0-9.]+ ms = [0-9.]+ x -> (MET|NOT MET)")
                .containsPattern("goal 2 tables at 50 % of the one-table max each settle >= 4 x its settled/s \\(\\d+\\): \\d+ \\([0-9.]+ x\\) "
                        + "\\(the goal is for --tables 8\\) -> NOT MET")
                .containsPattern("check 2 tables offered the one-table max between them settle >= 0.9 x its settled/s \\(nothing global "
                        + "serializes tables, within this machine's cores\\): \\d+ \\([0-9.]+ x\\) -> (MET|NOT MET|not judged .*)")
                .containsPattern("  cores busy \\(all\\) +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+")
                .containsPattern("    of it, JIT +[0-9.]+ +[0-9.]+")
                .containsPattern("goal p99 accept latency < 50 ms at 80 % of max: [0-9.]+ ms -> (MET|NOT MET)")
                .containsPattern("breaker open \\(\\d+/s open, \\d+ s\\): \\d+ sent, \\d+ refused operator_unavailable, 0 accepted, 0 BET wallet calls")
                .containsPattern("goal breaker-open refusal p99 < 10 ms, no wallet call: [0-9.]+ ms -> (MET|NOT MET)")
                .containsPattern("  node +[0-9.]+ +[0-9.]+ +[0-9.]+")
                .containsPattern("  wallet's Postgres +[0-9.]+ +[0-9.]+ +[0-9.]+")
                .containsPattern("  node above idle +-?[0-9.]+ +-?[0-9.]+ +-?[0-9.]+")
                .containsPattern("idle \\(table 0 running, no bets, [0-9.]+ s\\): node \\d+ ms CPU/s")
                .contains("node profile (JFR jdk.ExecutionSample")
                .contains("measured:").contains("derived:");
        assertThat(BetsReport.json(r)).containsKeys("phases", "pgbenchNTps", "nodeCpuGoalMet", "postgresCpuGoalMet", "tablesGoalMet",
                "latencyGoalMet", "breakerRefusalGoalMet", "nodeProfileChargedTo");
    }
}

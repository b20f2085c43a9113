package dev.yantra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yantra.testing.TestPostgres;
import dev.yantra.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code yantra bench plays} with tiny numbers: every figure in its table comes from a real run, none is zero. */
class PlaysBenchTest {

    @Test
    void a_short_run_prints_real_accepted_and_confirmed_rates_create_latency_and_pgbench_and_judges_both_goals() throws Exception {
        PlaysBench.Result r = PlaysBench.run(TestPostgres.freshEnv(TestServer.freePort()),
                new PlaysBench.Options(20, 4, Duration.ofSeconds(3), 2, 0.5, 200));

        for (PlaysBench.PhaseResult p : new PlaysBench.PhaseResult[]{r.max(), r.at80()}) {
            PlayLoad.Phase l = p.load();
            assertThat(l.accepted()).as("%s: plays accepted over HTTP", l.name()).isPositive();
            assertThat(l.refused()).as("%s: nothing refused", l.name()).isEmpty();
            assertThat(l.percentileMs(50)).as("%s: p50", l.name()).isPositive();
            assertThat(l.percentileMs(99)).as("%s: p99", l.name()).isGreaterThanOrEqualTo(l.percentileMs(50));
            assertThat(p.confirmed()).as("%s: plays confirmed through the demo banca during the phase", l.name()).isPositive();
            assertThat(p.confirmedPerSecond()).isPositive();
        }
        assertThat(r.at80().targetPerSecond()).isCloseTo(0.8 * r.max().load().acceptedPerSecond(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(r.unfinishedAfterWait()).as("every play final after the load stopped").isZero();
        assertThat(r.statuses()).containsKey("CONFIRMED").doesNotContainKeys("QUEUED", "AWAITING_WEBHOOK");
        assertThat(r.statuses().values().stream().mapToLong(Long::longValue).sum())
                .as("every accepted play is in the table").isEqualTo(r.max().load().accepted() + r.at80().load().accepted());
        assertThat(r.pgbenchTps()).as("pgbench -N ran against the same server").isNotNull().isPositive();

        String table = PlaysBench.table(r);
        assertThat(table).contains("pgbench -N (8 clients, 2 s").contains(String.format(java.util.Locale.ROOT, "%.0f tps", r.pgbenchTps()))
                .containsPattern("goal create p99 < 50 ms at 80 % of max: [0-9.]+ ms -> (MET|NOT MET)")
                .containsPattern("goal confirmed/s >= 0.5 x accepted/s sustained: max [0-9.]+ / [0-9.]+ = [0-9.]+ x, 80 % [0-9.]+ / [0-9.]+ = [0-9.]+ x -> (MET|NOT MET)")
                .contains("measured:").contains("derived:");
        assertThat(table).contains(r.latencyGoalMet() ? "ms -> MET" : "ms -> NOT MET");
        assertThat(PlaysBench.json(r)).containsKeys("phases", "pgbenchNTps", "latencyGoalMet", "forwardingGoalMet", "statuses");
    }
}

package dev.yantra.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
    static final long TEN_MINUTES = 600_000;

    @Test
    void the_same_seed_gives_the_same_schedule_fault_for_fault() {
        for (Scenario s : Scenario.values()) {
            FaultSchedule a = FaultSchedule.of(s, 42, TEN_MINUTES, 3);
            FaultSchedule b = FaultSchedule.of(s, 42, TEN_MINUTES, 3);
            assertThat(a.faults()).as(s.wireName()).isNotEmpty().isEqualTo(b.faults());
            assertThat(a.describe()).isEqualTo(b.describe());
        }
    }

    @Test
    void another_seed_gives_another_schedule() {
        assertThat(FaultSchedule.of(Scenario.KILL_STORM, 1, TEN_MINUTES, 3).faults())
                .isNotEqualTo(FaultSchedule.of(Scenario.KILL_STORM, 2, TEN_MINUTES, 3).faults());
        assertThat(FaultSchedule.of(Scenario.WALLET_FLAP, 1, TEN_MINUTES, 3).faults())
                .isNotEqualTo(FaultSchedule.of(Scenario.WALLET_FLAP, 2, TEN_MINUTES, 3).faults());
    }

    @Test
    void a_kill_storm_kills_a_node_every_twenty_to_forty_seconds_one_at_a_time() {
        List<Fault> faults = FaultSchedule.of(Scenario.KILL_STORM, 7, TEN_MINUTES, 3).faults();
        assertThat(faults).allSatisfy(f -> {
            assertThat(f.kind().onNode()).isTrue();
            assertThat(f.node()).isBetween(0, 2);
        });
        assertThat(faults.stream().filter(f -> f.kind() == FaultKind.KILL9)).hasSizeGreaterThan(5);
        for (int i = 1; i < faults.size(); i++) {
            long gap = faults.get(i).startMs() - faults.get(i - 1).endMs();
            assertThat(gap).as("gap before fault " + i).isBetween(20_000L, 40_000L);
        }
        assertThat(faults.stream().map(Fault::node).distinct()).as("several nodes are hit").hasSizeGreaterThan(1);
    }

    @Test
    void every_fault_lies_between_the_warm_up_and_the_quiet_tail() {
        for (Scenario s : Scenario.values()) {
            for (long seed = 0; seed < 20; seed++) {
                assertThat(FaultSchedule.of(s, seed, 120_000, 2).faults()).allSatisfy(f -> {
                    assertThat(f.startMs()).isGreaterThanOrEqualTo(FaultSchedule.WARMUP_MS);
                    assertThat(f.endMs()).isLessThanOrEqualTo(120_000 - FaultSchedule.QUIET_TAIL_MS);
                });
            }
        }
    }

    @Test
    void a_wallet_outage_is_one_long_down_interval_over_the_middle_of_the_run() {
        List<Fault> faults = FaultSchedule.of(Scenario.WALLET_OUTAGE, 3, TEN_MINUTES, 3).faults();
        assertThat(faults).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FaultKind.WALLET_DOWN);
            assertThat(f.endMs() - f.startMs()).isGreaterThan(TEN_MINUTES / 2);
        });
    }

    @Test
    void wallet_faults_of_a_flap_never_overlap() {
        List<Fault> faults = FaultSchedule.of(Scenario.EVERYTHING, 11, TEN_MINUTES, 3).faults().stream()
                .filter(f -> f.kind().onWallet()).toList();
        assertThat(faults).hasSizeGreaterThan(10);
        for (int i = 1; i < faults.size(); i++) assertThat(faults.get(i).startMs()).isGreaterThan(faults.get(i - 1).endMs());
    }

    @Test
    void a_run_too_short_for_warm_up_and_tail_is_refused_with_the_minimum() {
        assertThatThrownBy(() -> FaultSchedule.of(Scenario.KILL_STORM, 1, 10_000, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 21 s");
        assertThatThrownBy(() -> Scenario.ofName("kill-stom")).hasMessageContaining("kill-storm, wallet-outage");
    }
}

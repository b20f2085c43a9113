package dev.yantra.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpSimulatorTest {

    /** 1M rounds by default; the full 10M regression with RTP_REGRESSION_FULL=1 (docs/playbooks/rtp-regression.md). */
    private static final long ROUNDS = "1".equals(System.getenv("RTP_REGRESSION_FULL")) ? 10_000_000 : 1_000_000;
    private static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    @Test
    void symmetric_48_48_with_commission_3000_passes_with_theory_0_97() {
        RtpSimulator.Report report = RtpSimulator.run(new RtpSimulator.Params(ROUNDS, THREADS, 48, 48, 3000));
        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.sides()).allSatisfy(s -> assertThat(s.theoreticalRtp()).isCloseTo(0.97, within(1e-12)));
        assertThat(report.faces()).extracting(RtpSimulator.FaceStats::count).allMatch(c -> c > 0);
        assertThat(report.faces().stream().mapToLong(RtpSimulator.FaceStats::count).sum()).isEqualTo(ROUNDS);
    }

    @Test
    void asymmetric_60_40_without_commission_passes_simulation_only() {
        RtpSimulator.Report report = RtpSimulator.run(new RtpSimulator.Params(ROUNDS, THREADS, 60, 40, 0));
        assertThat(report.failures()).isEmpty();
        assertThat(report.sides().get(0).theoreticalRtp()).isCloseTo(1.2, within(1e-9));
        assertThat(report.sides().get(1).theoreticalRtp()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void asymmetric_40_56_without_commission_passes_simulation_only() {
        RtpSimulator.Report report = RtpSimulator.run(new RtpSimulator.Params(ROUNDS, THREADS, 40, 56, 0));
        assertThat(report.failures()).isEmpty();
        assertThat(report.sides().get(0).theoreticalRtp()).isCloseTo(2 * 40 / 96.0, within(1e-9));
        assertThat(report.sides().get(1).theoreticalRtp()).isCloseTo(2 * 56 / 96.0, within(1e-9));
    }

    @Test
    void a_biased_mapping_is_caught() {
        // Counts as if HIGH came up 1% too often: far beyond 4 sigma at 1M rounds.
        long n = 1_000_000;
        long[] faces = {163_333, 163_333, 163_334, 170_000, 170_000, 170_000};
        RtpSimulator.Report report = RtpSimulator.report(new RtpSimulator.Params(n, 1, 48, 48, 0), 1, faces);
        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).anyMatch(f -> f.startsWith("LOW RTP"));
    }

    @Test
    void the_simulator_loop_computes_exactly_what_the_rng_computes() throws Exception {
        RtpSimulator.Params params = new RtpSimulator.Params(1, 1, 7, 3, 0);
        RtpSimulator.Worker worker = new RtpSimulator.Worker(params, null, 0, null);
        String seed = "2".repeat(64);
        worker.startBlock(seed);
        KetapolaRng rng = new KetapolaRng();
        for (int nonce : new int[] {0, 1, 9, 10, 99, 100, 12345, 65535, 1_000_000, Integer.MAX_VALUE}) {
            DiceOutcome expected = rng.roll(seed, RtpSimulator.CLIENT_SEED, nonce, 7, 3);
            assertThat(RtpSimulator.FACES[worker.faceIndex(nonce)]).as("nonce %d", nonce).isEqualTo(expected.sum());
        }
    }

    @Test
    void progress_is_reported_up_to_one() {
        List<Double> seen = new ArrayList<>();
        RtpSimulator.run(new RtpSimulator.Params(200_000, 2, 48, 48, 3000, 4096), seen::add);
        assertThat(seen).isNotEmpty().last().isEqualTo(1.0);
        assertThat(seen).isSorted();
    }

    @Test
    void bad_parameters_are_refused() {
        assertThatThrownBy(() -> new RtpSimulator.Params(0, 1, 48, 48, 0)).hasMessageContaining("rounds");
        assertThatThrownBy(() -> new RtpSimulator.Params(10, 0, 48, 48, 0)).hasMessageContaining("threads");
        assertThatThrownBy(() -> new RtpSimulator.Params(10, 1, 0, 48, 0)).hasMessage("lowWeight must be > 0, was 0");
        assertThatThrownBy(() -> new RtpSimulator.Params(10, 1, 48, 48, 100_001))
                .hasMessage("commissionMicro must be in 0..100000, was 100001");
    }

    @Test
    void payouts_floor_in_exact_integer_math_and_guard_overflow() {
        assertThat(Payouts.evenMoneyWinMicro(100_000, 3000)).isEqualTo(194_000);
        assertThat(Payouts.evenMoneyWinMicro(1, 3000)).isEqualTo(1); // 1.94 floors to 1
        assertThat(Payouts.evenMoneyWinMicro(333_333, 1)).isEqualTo(666_659); // 666659.99334
        assertThat(Payouts.evenMoneyWinMicro(5, 100_000)).isZero();
        assertThatThrownBy(() -> Payouts.evenMoneyWinMicro(Long.MAX_VALUE / 2, 0)).hasMessageContaining("overflows");
        assertThatThrownBy(() -> Payouts.evenMoneyWinMicro(0, 0)).hasMessage("stakeMicro must be > 0, was 0");
    }

    @Test
    void decimal_digits_are_written_like_long_to_string() {
        byte[] buf = new byte[12];
        for (int v : new int[] {0, 7, 10, 99, 100, 65535, 999_999, 1_000_000, Integer.MAX_VALUE}) {
            int n = RtpSimulator.writeDecimal(v, buf, 1);
            assertThat(new String(buf, 1, n)).isEqualTo(Integer.toString(v));
        }
    }
}

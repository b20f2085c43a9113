package dev.yantra.lottery.bet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per payout rule, with the default table and 1 unit (100,000 micro) staked unless said otherwise. */
class PrizeEvaluatorTest {

    private static final long ONE = 100_000L;
    private static final PayoutTable T = PayoutTable.DEFAULTS;

    private static long prize(BetType type, List<String> numbers, DrawResult r) {
        return PrizeEvaluator.prizeMicro(type, numbers, ONE, T, r);
    }

    private static long units(long u) {
        return u * ONE;
    }

    @Test
    void quiniela_pays_the_line_of_the_position_it_matches() {
        DrawResult r = DrawResult.of("05", "17", "42");
        assertThat(prize(BetType.QUINIELA, List.of("05"), r)).isEqualTo(units(60));
        assertThat(prize(BetType.QUINIELA, List.of("17"), r)).isEqualTo(units(8));
        assertThat(prize(BetType.QUINIELA, List.of("42"), r)).isEqualTo(units(4));
        assertThat(prize(BetType.QUINIELA, List.of("50"), r)).as("reversed digits are another number").isZero();
    }

    @Test
    void quiniela_is_paid_for_every_position_a_repeated_prize_number_holds() {
        assertThat(PrizeEvaluator.evaluate(BetType.QUINIELA, List.of("05"), ONE, T, DrawResult.of("05", "05", "20")))
                .isEqualTo(new PrizeEvaluator.Prize(units(68), List.of(PayoutCase.QUINIELA_FIRST, PayoutCase.QUINIELA_SECOND)));
        assertThat(prize(BetType.QUINIELA, List.of("05"), DrawResult.of("05", "05", "05"))).isEqualTo(units(72));
        assertThat(prize(BetType.QUINIELA, List.of("20"), DrawResult.of("05", "20", "20"))).isEqualTo(units(12));
    }

    @Test
    void pale_pays_by_the_two_positions_in_any_order() {
        DrawResult r = DrawResult.of("12", "34", "56");
        assertThat(prize(BetType.PALE, List.of("12", "34"), r)).as("1st+2nd").isEqualTo(units(1000));
        assertThat(prize(BetType.PALE, List.of("34", "12"), r)).as("either order").isEqualTo(units(1000));
        assertThat(prize(BetType.PALE, List.of("56", "12"), r)).as("1st+3rd").isEqualTo(units(1000));
        assertThat(prize(BetType.PALE, List.of("34", "56"), r)).as("2nd+3rd").isEqualTo(units(100));
        assertThat(prize(BetType.PALE, List.of("12", "99"), r)).as("only one came out").isZero();
    }

    @Test
    void pale_with_a_repeated_prize_number_takes_the_best_assignment_once() {
        // 12 and 34 against 34-12-34: positions (1st,2nd), (2nd,3rd) both fit; 1st+2nd pays more, paid once
        assertThat(PrizeEvaluator.evaluate(BetType.PALE, List.of("12", "34"), ONE, T, DrawResult.of("34", "12", "34")))
                .isEqualTo(new PrizeEvaluator.Prize(units(1000), List.of(PayoutCase.PALE_FIRST_SECOND)));
        // 12 twice and no 34: one number cannot fill two positions of a pale
        assertThat(prize(BetType.PALE, List.of("12", "34"), DrawResult.of("12", "12", "56"))).isZero();
        // with a banca that prices 2nd+3rd above 1st+2nd, the best assignment follows the frozen table
        PayoutTable odd = T.with(PayoutCase.PALE_SECOND_THIRD, 2000 * PayoutTable.MULTIPLIER_SCALE);
        assertThat(PrizeEvaluator.prizeMicro(BetType.PALE, List.of("12", "34"), ONE, odd, DrawResult.of("34", "12", "34")))
                .isEqualTo(units(2000));
    }

    @Test
    void tripleta_pays_the_top_line_when_all_three_came_out_in_any_order() {
        assertThat(prize(BetType.TRIPLETA, List.of("01", "02", "03"), DrawResult.of("03", "01", "02")))
                .isEqualTo(units(20000));
    }

    @Test
    void tripleta_pays_the_small_line_when_exactly_two_came_out() {
        assertThat(prize(BetType.TRIPLETA, List.of("01", "02", "03"), DrawResult.of("01", "77", "03")))
                .isEqualTo(units(100));
        assertThat(prize(BetType.TRIPLETA, List.of("01", "02", "03"), DrawResult.of("01", "77", "88"))).isZero();
    }

    @Test
    void tripleta_counts_a_repeated_prize_number_once() {
        assertThat(PrizeEvaluator.evaluate(BetType.TRIPLETA, List.of("01", "02", "03"), ONE, T,
                DrawResult.of("01", "01", "02")).cases()).containsExactly(PayoutCase.TRIPLETA_TWO);
        assertThat(prize(BetType.TRIPLETA, List.of("01", "02", "03"), DrawResult.of("01", "01", "01"))).isZero();
    }

    @Test
    void pega3_and_straight_win_only_in_exact_order() {
        DrawResult r = DrawResult.of("10", "20", "30", "042");
        assertThat(prize(BetType.PEGA3, List.of("0", "4", "2"), r)).isEqualTo(units(500));
        assertThat(prize(BetType.STRAIGHT, List.of("0", "4", "2"), r)).isEqualTo(units(500));
        assertThat(prize(BetType.PEGA3, List.of("2", "4", "0"), r)).isZero();
        assertThat(prize(BetType.STRAIGHT, List.of("4", "0", "2"), r)).isZero();
        assertThat(prize(BetType.PEGA3, List.of("7", "7", "7"), DrawResult.of("10", "20", "30", "777")))
                .isEqualTo(units(500));
    }

    @Test
    void toca3_and_box_with_three_different_digits_pay_the_six_way_line_in_any_order() {
        DrawResult r = DrawResult.of("10", "20", "30", "123");
        for (List<String> order : List.of(List.of("1", "2", "3"), List.of("3", "2", "1"), List.of("2", "1", "3"))) {
            assertThat(prize(BetType.TOCA3, order, r)).as("%s", order).isEqualTo(units(80));
            assertThat(prize(BetType.BOX, order, r)).as("%s", order).isEqualTo(units(80));
        }
        assertThat(prize(BetType.BOX, List.of("1", "2", "4"), r)).isZero();
    }

    @Test
    void toca3_and_box_with_one_pair_pay_the_three_way_line() {
        DrawResult r = DrawResult.of("10", "20", "30", "121");
        assertThat(PrizeEvaluator.evaluate(BetType.TOCA3, List.of("1", "1", "2"), ONE, T, r).cases())
                .containsExactly(PayoutCase.TOCA3_THREE_WAY);
        assertThat(prize(BetType.BOX, List.of("2", "1", "1"), r)).isEqualTo(units(160));
        assertThat(prize(BetType.BOX, List.of("1", "2", "2"), r)).as("same digits, other multiplicities").isZero();
    }

    @Test
    void the_prize_is_amount_times_the_frozen_multiplier_without_the_stake() {
        PayoutTable banca = T.withOverrides(PayoutTable.empty().with(PayoutCase.QUINIELA_FIRST, 62_500_000L));
        // 12.50 staked at 62.5 = 781.25
        assertThat(PrizeEvaluator.prizeMicro(BetType.QUINIELA, List.of("05"), 1_250_000L, banca,
                DrawResult.of("05", "06", "07"))).isEqualTo(78_125_000L);
        // 1.01 at 62.5 = 63.125 → rounded down to 63.12
        assertThat(PrizeEvaluator.prizeMicro(BetType.QUINIELA, List.of("05"), 101_000L, banca,
                DrawResult.of("05", "06", "07"))).isEqualTo(6_312_000L);
    }

    @Test
    void a_table_frozen_on_the_play_as_json_pays_what_the_live_table_paid_at_purchase() {
        PayoutTable live = T.withOverrides(PayoutTable.empty().with(PayoutCase.PALE_FIRST_SECOND, 1200 * PayoutTable.MULTIPLIER_SCALE));
        PayoutTable frozen = PayoutTable.fromMap(live.only(BetType.PALE).toMap());
        PayoutTable later = live.with(PayoutCase.PALE_FIRST_SECOND, 900 * PayoutTable.MULTIPLIER_SCALE);
        DrawResult r = DrawResult.of("12", "34", "56");
        assertThat(PrizeEvaluator.prizeMicro(BetType.PALE, List.of("12", "34"), ONE, frozen, r)).isEqualTo(units(1200));
        assertThat(later.multiplierMicro(PayoutCase.PALE_FIRST_SECOND)).as("the price changed after the sale")
                .isEqualTo(900 * PayoutTable.MULTIPLIER_SCALE);
    }

    @Test
    void a_loss_is_zero_with_no_lines() {
        PrizeEvaluator.Prize p = PrizeEvaluator.evaluate(BetType.QUINIELA, List.of("99"), ONE, T, DrawResult.of("01", "02", "03"));
        assertThat(p.won()).isFalse();
        assertThat(p.prizeMicro()).isZero();
        assertThat(p.cases()).isEmpty();
    }

    @Test
    void evaluating_what_cannot_be_evaluated_fails_loudly_instead_of_settling_as_lost() {
        assertThatThrownBy(() -> prize(BetType.PEGA3, List.of("1", "2", "3"), DrawResult.of("01", "02", "03")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has none");
        assertThatThrownBy(() -> prize(BetType.QUINIELA, List.of("5"), DrawResult.of("01", "02", "03")))
                .isInstanceOf(InvalidNumbersException.class);
        assertThatThrownBy(() -> PrizeEvaluator.prizeMicro(BetType.QUINIELA, List.of("01"), 0, T, DrawResult.of("01", "02", "03")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrizeEvaluator.prizeMicro(BetType.QUINIELA, List.of("01"), ONE, PayoutTable.empty(),
                DrawResult.of("01", "02", "03"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_result_must_hold_two_digit_prize_numbers_and_a_three_digit_pick3() {
        assertThatThrownBy(() -> DrawResult.of("5", "06", "07")).hasMessageContaining("first prize number");
        assertThatThrownBy(() -> DrawResult.of("05", "06", "07", "42")).hasMessageContaining("pick3");
        assertThat(DrawResult.of("05", "05", "05").prizes()).containsExactly("05", "05", "05");
    }

    @Test
    void no_play_ever_wins_more_than_its_liability_basis() {
        java.util.Random random = new java.util.Random(7L);
        for (int i = 0; i < 5_000; i++) {
            BetType type = BetType.values()[random.nextInt(BetType.values().length)];
            List<String> numbers = randomNumbers(type, random);
            DrawResult r = new DrawResult(two(random), two(random), two(random),
                    java.util.Optional.of(String.format("%03d", random.nextInt(1000))));
            long amount = (1 + random.nextInt(10_000)) * 1_000L + ONE;
            assertThat(PrizeEvaluator.prizeMicro(type, numbers, amount, T, r))
                    .isLessThanOrEqualTo(T.maxPrizeMicro(type, numbers, amount));
        }
    }

    private static String two(java.util.Random random) {
        return String.format("%02d", random.nextInt(4)); // few values, so repeats and wins are common
    }

    private static List<String> randomNumbers(BetType type, java.util.Random random) {
        while (true) {
            List<String> n = new java.util.ArrayList<>();
            for (int k = 0; k < type.count(); k++) {
                n.add(type.pick3() ? String.valueOf(random.nextInt(3)) : two(random));
            }
            try {
                return Numbers.validate(type, n);
            } catch (InvalidNumbersException retry) {
                // duplicates or all-equal digits: draw again
            }
        }
    }
}

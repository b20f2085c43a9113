package dev.yantra.lottery.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LotteryAmountTest {

    @Test
    void numbers_and_strings_with_up_to_two_decimals_become_micro_units() {
        assertThat(LotteryAmount.parse(100)).isEqualTo(10_000_000L);
        assertThat(LotteryAmount.parse(1L)).isEqualTo(100_000L);
        assertThat(LotteryAmount.parse("12.50")).isEqualTo(1_250_000L);
        assertThat(LotteryAmount.parse("12.5")).isEqualTo(1_250_000L);
        assertThat(LotteryAmount.parse(12.5d)).isEqualTo(1_250_000L);
        assertThat(LotteryAmount.parse(0.1d + 1.0d)).as("1.1 from a double").isEqualTo(110_000L);
        assertThat(LotteryAmount.parse(19.99f)).isEqualTo(1_999_000L);
        assertThat(LotteryAmount.parse(new BigDecimal("12.500"))).as("a number is judged by its value")
                .isEqualTo(1_250_000L);
        assertThat(LotteryAmount.parse(BigInteger.TEN)).isEqualTo(1_000_000L);
        assertThat(LotteryAmount.parse("1000000000")).isEqualTo(LotteryAmount.MAX_MICRO);
    }

    @Test
    void amounts_below_one_unit_or_with_more_decimals_are_refused() {
        assertThatThrownBy(() -> LotteryAmount.parse("0.99")).isInstanceOf(InvalidAmountException.class)
                .hasMessage("amount must be at least 1, was 0.99");
        assertThatThrownBy(() -> LotteryAmount.parse(0)).hasMessage("amount must be at least 1, was 0");
        assertThatThrownBy(() -> LotteryAmount.parse(-5)).hasMessage("amount must be at least 1, was -5");
        assertThatThrownBy(() -> LotteryAmount.parse(12.345d)).hasMessage("amount must have at most 2 decimals, was 12.345");
        assertThatThrownBy(() -> LotteryAmount.parse(new BigDecimal("12.505")))
                .hasMessage("amount must have at most 2 decimals, was 12.505");
        assertThatThrownBy(() -> LotteryAmount.parse(1_000_000_001L))
                .hasMessage("amount must be at most 1000000000, was 1000000001");
        assertThatThrownBy(() -> LotteryAmount.parse(1e300)).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> LotteryAmount.parse(new BigDecimal("1e-999999999")))
                .hasMessage("amount must be at least 1, was 1E-999999999");
        assertThatThrownBy(() -> LotteryAmount.parse(new BigDecimal("1e999999999")))
                .hasMessage("amount must be at most 1000000000, was 1E+999999999");
    }

    @Test
    void strings_must_be_written_plainly() {
        for (String bad : List.of("12.500", "12.", ".5", "+12", "-12", " 12", "12 ", "1e2", "1,000", "012", "0x10",
                "", "NaN", "Infinity", "١٢", "12.5.0", "99999999999")) {
            assertThatThrownBy(() -> LotteryAmount.parse(bad)).as("'%s'", bad).isInstanceOf(InvalidAmountException.class)
                    .hasMessageStartingWith("amount must be");
        }
        assertThatThrownBy(() -> LotteryAmount.parse("12.500"))
                .hasMessage("amount must be a decimal number of units with at most 2 decimals"
                        + " (for example \"100\" or \"12.50\"), was \"12.500\"");
    }

    @Test
    void other_json_values_are_refused_by_name() {
        assertThatThrownBy(() -> LotteryAmount.parse(null)).hasMessage("amount is required");
        assertThatThrownBy(() -> LotteryAmount.parse(true))
                .hasMessage("amount must be a number or a decimal string, was a Boolean");
        assertThatThrownBy(() -> LotteryAmount.parse(List.of(1))).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> LotteryAmount.parse(Double.NaN)).hasMessage("amount must be a finite number, was NaN");
        assertThatThrownBy(() -> LotteryAmount.parse(Double.POSITIVE_INFINITY)).isInstanceOf(InvalidAmountException.class);
    }

    @Test
    void formatting_writes_two_decimals_and_reads_back() {
        assertThat(LotteryAmount.format(1_250_000L)).isEqualTo("12.50");
        assertThat(LotteryAmount.format(10_000_000L)).isEqualTo("100.00");
        assertThat(LotteryAmount.format(123L)).as("below a cent keeps its digits").isEqualTo("0.00123");
        assertThat(LotteryAmount.toDecimal(100_000L)).isEqualTo(new BigDecimal("1.00"));
        for (long micro : new long[] {100_000L, 1_999_000L, 5_000_000_000L, LotteryAmount.MAX_MICRO}) {
            assertThat(LotteryAmount.parse(LotteryAmount.format(micro))).isEqualTo(micro);
        }
    }

    @Test
    void stripe_minor_units_are_cents() {
        assertThat(LotteryAmount.toMinorUnits(1_250_000L)).isEqualTo(1250L);
        assertThat(LotteryCurrency.USD.toMinorUnits(100_000L)).isEqualTo(100L);
        assertThatThrownBy(() -> LotteryAmount.toMinorUnits(1_250_500L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void random_strings_only_ever_fail_with_the_domain_exception() {
        Random random = new Random(42L);
        String alphabet = "0123456789.-+eE ,x\u0661";
        int accepted = 0;
        for (int round = 0; round < 10_000; round++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(16);
            for (int c = 0; c < len; c++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            try {
                long micro = LotteryAmount.parse(s.toString());
                assertThat(micro).isBetween(LotteryAmount.MIN_MICRO, LotteryAmount.MAX_MICRO);
                assertThat(micro % LotteryAmount.MICRO_PER_CENT).isZero();
                accepted++;
            } catch (InvalidAmountException expected) {
                assertThat(expected.code()).isEqualTo("invalid_amount");
            }
            double d = random.nextDouble() * Math.pow(10, random.nextInt(14)) * (random.nextBoolean() ? 1 : -1);
            try {
                assertThat(LotteryAmount.parse(d)).isPositive();
                accepted++;
            } catch (InvalidAmountException expected) {
                assertThat(expected.getMessage()).startsWith("amount must");
            }
        }
        assertThat(accepted).as("the generator also produces valid amounts").isPositive();
    }
}

package dev.yantra.lottery.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yantra.lottery.statements.BancaStatement;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PrizeTaxTest {
    @Test
    void the_tax_is_the_rate_of_the_gross_prize_rounded_half_up_to_the_cent() {
        assertThat(PrizeTax.micro(600_00000L, new BigDecimal("10"))).isEqualTo(60_00000L);
        assertThat(PrizeTax.micro(548_000L, new BigDecimal("10"))).isEqualTo(55_000L);     // 0.548 -> 0.55
        assertThat(PrizeTax.micro(544_000L, new BigDecimal("10"))).isEqualTo(54_000L);     // 0.544 -> 0.54
        assertThat(PrizeTax.micro(545_000L, new BigDecimal("10"))).isEqualTo(55_000L);     // 0.545 -> 0.55 (half up)
        assertThat(PrizeTax.micro(300_00000L, new BigDecimal("12.5"))).isEqualTo(37_50000L);
        assertThat(PrizeTax.micro(0, new BigDecimal("10"))).isZero();
        assertThat(PrizeTax.micro(600_00000L, BigDecimal.ZERO)).isZero();
    }

    @Test
    void a_rate_outside_zero_to_below_one_hundred_or_with_three_decimals_is_refused() {
        assertThatThrownBy(() -> PrizeTax.requireRate(new BigDecimal("100"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrizeTax.requireRate(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrizeTax.requireRate(new BigDecimal("12.345"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PrizeTax.requireRate(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PrizeTax.requireRate(new BigDecimal("99.99"))).isEqualByComparingTo("99.99");
        assertThat(PrizeTax.requireRate(new BigDecimal("12.500"))).isEqualByComparingTo("12.5");
    }

    @Test
    void a_statements_commission_is_the_banca_percent_of_the_stakes_rounded_half_up_to_the_cent() {
        assertThat(BancaStatement.commission(17_00000L, new BigDecimal("5"))).isEqualTo(85_000L);
        assertThat(BancaStatement.commission(24_25000L, new BigDecimal("5"))).isEqualTo(1_21000L);   // 1.2125 -> 1.21
        assertThat(BancaStatement.commission(50_000L, new BigDecimal("5.00"))).isEqualTo(3_000L);    // 0.025 -> 0.03
        assertThat(BancaStatement.commission(100_00000L, BigDecimal.ZERO)).isZero();
    }
}

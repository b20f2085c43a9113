package dev.yantra.lottery.money;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LotteryCurrencyTest {

    @Test
    void card_minimums_default_to_fifty_pesos_and_one_dollar() {
        assertThat(LotteryCurrency.DOP.defaultCardMinimumMicro()).isEqualTo(5_000_000L);
        assertThat(LotteryCurrency.USD.defaultCardMinimumMicro()).isEqualTo(100_000L);
    }

    @Test
    void only_the_exact_uppercase_codes_are_currencies() {
        assertThat(LotteryCurrency.fromWire("DOP")).contains(LotteryCurrency.DOP);
        assertThat(LotteryCurrency.fromWire("USD")).contains(LotteryCurrency.USD);
        assertThat(LotteryCurrency.fromWire("usd")).isEmpty();
        assertThat(LotteryCurrency.fromWire("EUR")).isEmpty();
        assertThat(LotteryCurrency.fromWire(null)).isEmpty();
    }

    @Test
    void people_see_the_amount_with_its_code() {
        assertThat(LotteryCurrency.DOP.format(1_250_000L)).isEqualTo("12.50 DOP");
    }
}

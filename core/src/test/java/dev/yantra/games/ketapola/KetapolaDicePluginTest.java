package dev.yantra.games.ketapola;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.yantra.fairness.DiceOutcome;
import dev.yantra.fairness.Side;
import dev.yantra.games.GamePlugin;
import dev.yantra.games.GamePluginConformanceTest;
import dev.yantra.games.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KetapolaDicePluginTest extends GamePluginConformanceTest<KetapolaConfig, Side, DiceOutcome> {

    private final KetapolaDicePlugin plugin = new KetapolaDicePlugin();

    @Override
    protected GamePlugin<KetapolaConfig, Side, DiceOutcome> plugin() {
        return plugin;
    }

    @Override
    protected Map<String, Side> validSelections() {
        return Map.of(
                "{\"side\":\"LOW\"}", Side.LOW,
                "{\"side\":\"HIGH\"}", Side.HIGH,
                "  {\n\t\"side\" :  \"HIGH\" }\r\n", Side.HIGH);
    }

    @Override
    protected List<String> invalidSelections() {
        return List.of("{\"side\":\"low\"}", "{\"side\":\"High\"}", "{\"side\":\"MIDDLE\"}",
                "{\"side\":\"LOW\",\"amount\":1}", "[{\"side\":\"LOW\"}]", "{\"Side\":\"LOW\"}",
                "{\"side\":LOW}", "{'side':'LOW'}", "{\"side\":\"LOW\"}}", "{\"side\":[\"LOW\"]}",
                "{\"side\":\"L\\u004fW\"}", "LOW");
    }

    @Override
    protected Map<Map<String, String>, String> invalidConfigs() {
        Map<Map<String, String>, String> m = new LinkedHashMap<>();
        m.put(Map.of("lowWeight", "0"), "lowWeight must be > 0, was 0");
        m.put(Map.of("highWeight", "-3"), "highWeight must be > 0, was -3");
        m.put(Map.of("lowWeight", "abc"), "lowWeight must be an integer, was 'abc'");
        m.put(Map.of("commissionMicro", "100001"), "commissionMicro must be in 0..100000, was 100001");
        m.put(Map.of("commissionMicro", "-1"), "was -1");
        m.put(Map.of("minBetMicro", "500", "maxBetMicro", "499"), "maxBetMicro must be >= minBetMicro (500), was 499");
        m.put(Map.of("bettingMs", "0"), "bettingMs must be in 100..600000, was 0");
        m.put(Map.of("maxRtp", "1.5"), "maxRtp must be in (0, 1], was 1.5");
        m.put(Map.of("commissionMicro", "0"), "config gives LOW an RTP of 1.000000");
        m.put(Map.of("lowWeight", "60", "highWeight", "40", "commissionMicro", "0"), "LOW an RTP of 1.200000");
        m.put(Map.of("lowWeight", "40", "highWeight", "56", "commissionMicro", "0"), "HIGH an RTP of 1.166667");
        return m;
    }

    @Test
    void payout_is_floor_of_twice_the_stake_less_commission() {
        KetapolaConfig config = KetapolaConfig.DEFAULT; // commission 3000
        DiceOutcome low = plugin.outcome("0".repeat(64), "client-seed-a", 0, config);
        assertThat(low.side()).isEqualTo(Side.LOW);
        assertThat(plugin.settle(100_000, Side.LOW, low, config)).isEqualTo(194_000);
        assertThat(plugin.settle(10_001, Side.LOW, low, config)).isEqualTo(19_401); // 19401.94 floors
        assertThat(plugin.settle(100_000, Side.HIGH, low, config)).isZero();
        assertThatThrownBy(() -> plugin.settle(0, Side.LOW, low, config)).hasMessage("stakeMicro must be > 0, was 0");
    }

    @Test
    void theoretical_rtp_is_probability_times_two_times_one_minus_commission() {
        assertThat(plugin.theoreticalRtp(Side.LOW, KetapolaConfig.DEFAULT)).isCloseTo(0.97, within(1e-15));
        KetapolaConfig skewed = KetapolaConfig.fromMap(Map.of("lowWeight", "40", "highWeight", "56",
                "commissionMicro", "20000"));
        assertThat(plugin.theoreticalRtp(Side.LOW, skewed)).isCloseTo(40 / 96.0 * 2 * 0.8, within(1e-15));
        assertThat(plugin.theoreticalRtp(Side.HIGH, skewed)).isCloseTo(56 / 96.0 * 2 * 0.8, within(1e-15));
    }

    @Test
    void an_rtp_exactly_at_max_rtp_is_accepted() {
        KetapolaConfig atMax = KetapolaConfig.fromMap(Map.of("commissionMicro", "1000"));
        assertThat(plugin.theoreticalRtp(Side.HIGH, atMax)).isCloseTo(0.99, within(1e-15));
        assertThatThrownBy(() -> KetapolaConfig.fromMap(Map.of("commissionMicro", "999")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("above maxRtp 0.99");
    }

    @Test
    void the_published_vectors_come_out_of_the_plugin() {
        KetapolaConfig sixtyForty = KetapolaConfig.fromMap(Map.of("lowWeight", "60", "highWeight", "40",
                "commissionMicro", "20000"));
        DiceOutcome o = plugin.outcome("1".repeat(64), "asymmetric-low", 0, sixtyForty);
        assertThat(o.side()).isEqualTo(Side.LOW);
        assertThat(o.sum()).isEqualTo(6);
    }

    @Test
    void a_lower_case_side_gets_a_message_that_says_exact_case() {
        assertThatThrownBy(() -> plugin.parseSelection("{\"side\":\"low\"}"))
                .hasMessage("side must be one of [LOW, HIGH] (exact case), was 'low'");
        assertThatThrownBy(() -> plugin.parseSelection("{\"side\":\"LOW\",\"x\":\"1\"}"))
                .hasMessageStartingWith("selection must be exactly {\"side\":\"LOW\"} or {\"side\":\"HIGH\"}, was");
    }
}

package dev.yantra.games;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every game plugin must pass. A plugin's test extends this and supplies the plugin plus a few game-specific
 * examples; the generic checks (selections, config round-trip, determinism, verify, formats) come for free.
 */
public abstract class GamePluginConformanceTest<C, S, O> {

    protected static final String SEED_A = "0".repeat(64);
    protected static final String SEED_B = "0123456789abcdef".repeat(4);

    protected abstract GamePlugin<C, S, O> plugin();

    /** Texts that must parse, each with the selection it must give. */
    protected abstract Map<String, S> validSelections();

    /** Game-specific texts that must be refused (the generic garbage is added by this class). */
    protected abstract List<String> invalidSelections();

    /** Configs that must be refused, each with a fragment the message must contain (naming the bad value). */
    protected abstract Map<Map<String, String>, String> invalidConfigs();

    @Test
    void game_code_and_rng_version_have_the_required_format() {
        assertThat(plugin().gameCode()).matches(GamePlugin.GAME_CODE_FORMAT);
        assertThat(plugin().rngVersion()).matches(GamePlugin.RNG_VERSION_FORMAT);
    }

    @Test
    void the_plugin_is_registered_in_the_standard_registry() {
        assertThat(GameRegistry.standard().get(plugin().gameCode()).getClass()).isEqualTo(plugin().getClass());
    }

    @Test
    void valid_selections_parse_and_round_trip() {
        validSelections().forEach((json, expected) -> assertThat(plugin().parseSelection(json)).isEqualTo(expected));
        for (S s : plugin().selections()) {
            assertThat(plugin().parseSelection(plugin().selectionToJson(s))).isEqualTo(s);
        }
    }

    @Test
    void garbage_selections_are_refused_with_a_message() {
        List<String> garbage = new ArrayList<>(List.of("", " ", "{}", "[]", "null", "true", "42", "\"x\"", "{",
                "}", "{\"\":\"\"}", "x".repeat(10_000), "\u0000", "{\"a\":{\"b\":1}}"));
        garbage.addAll(invalidSelections());
        garbage.add(null);
        for (String g : garbage) {
            assertThatThrownBy(() -> plugin().parseSelection(g)).as("selection %s", g)
                    .isInstanceOf(InvalidSelectionException.class)
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(400));
        }
    }

    @Test
    void the_default_config_round_trips_through_its_string_form() {
        C config = plugin().defaultConfig();
        assertThat(plugin().validateConfig(plugin().configToMap(config))).isEqualTo(config);
        assertThat(plugin().validateConfig(Map.of())).isEqualTo(config);
    }

    @Test
    void invalid_configs_are_refused_naming_the_bad_value() {
        assertThatThrownBy(() -> plugin().validateConfig(Map.of("noSuchKey", "1")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("noSuchKey");
        invalidConfigs().forEach((raw, fragment) ->
                assertThatThrownBy(() -> plugin().validateConfig(raw)).as("config %s", raw)
                        .isInstanceOf(InvalidConfigException.class).hasMessageContaining(fragment));
    }

    @Test
    void outcomes_are_deterministic() {
        C config = plugin().defaultConfig();
        for (long nonce = 0; nonce < 200; nonce++) {
            O first = plugin().outcome(SEED_A, "conformance", nonce, config);
            assertThat(plugin().outcome(SEED_A, "conformance", nonce, config)).isEqualTo(first);
        }
    }

    @Test
    void verify_agrees_with_outcome_and_refuses_a_mismatch() {
        C config = plugin().defaultConfig();
        int disagreements = 0;
        for (long nonce = 0; nonce < 50; nonce++) {
            O outcome = plugin().outcome(SEED_B, "conformance", nonce, config);
            assertThat(plugin().verify(outcome, SEED_B, "conformance", nonce, config)).isTrue();
            if (!plugin().verify(outcome, SEED_A, "conformance", nonce, config)) {
                disagreements++;
            }
        }
        assertThat(disagreements).as("outcomes under another seed must differ").isEqualTo(50);
        O any = plugin().outcome(SEED_B, "conformance", 0, config);
        assertThat(plugin().verify(any, "not-a-seed", "conformance", 0, config)).isFalse();
        assertThat(plugin().verify(any, SEED_B, "conformance", -1, config)).isFalse();
    }

    @Test
    void settlement_pays_nothing_on_a_loss_and_at_most_double_on_a_win() {
        C config = plugin().defaultConfig();
        boolean sawLoss = false;
        boolean sawWin = false;
        for (long nonce = 0; nonce < 100; nonce++) {
            O outcome = plugin().outcome(SEED_A, "settle", nonce, config);
            for (S s : plugin().selections()) {
                long payout = plugin().settle(1_000_000, s, outcome, config);
                assertThat(payout).isBetween(0L, 2_000_000L);
                sawLoss |= payout == 0;
                sawWin |= payout > 0;
            }
        }
        assertThat(sawLoss).isTrue();
        assertThat(sawWin).isTrue();
    }

    @Test
    void theoretical_rtp_of_the_default_config_is_a_probability_weighted_return() {
        for (S s : plugin().selections()) {
            assertThat(plugin().theoreticalRtp(s, plugin().defaultConfig())).isBetween(0.0, 1.0);
        }
    }
}

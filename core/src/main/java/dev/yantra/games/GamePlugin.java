package dev.yantra.games;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A game the server can run. Implementations are stateless and thread-safe.
 *
 * @param <C> the game's immutable, validated config
 * @param <S> a player's selection (what they bet on)
 * @param <O> a round's outcome
 */
public interface GamePlugin<C, S, O> {

    /** rngVersion format: {@code <name>-rng-v<digits>}, e.g. ketapola-rng-v1. */
    Pattern RNG_VERSION_FORMAT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*-rng-v[0-9]+");
    /** gameCode format: lowercase words joined by '-', at most 32 chars. */
    Pattern GAME_CODE_FORMAT = Pattern.compile("(?=.{1,32}$)[a-z0-9]+(-[a-z0-9]+)*");

    String gameCode();

    /** The outcome function's version, stored with every round so old rounds stay verifiable. */
    String rngVersion();

    C defaultConfig();

    /**
     * Parses and validates a config from its string form (as stored per operator); missing keys take defaults,
     * unknown keys are refused.
     *
     * @throws InvalidConfigException naming the bad key and value
     */
    C validateConfig(Map<String, String> raw);

    /** The string form of a config; {@code validateConfig(configToMap(c))} equals {@code c}. */
    Map<String, String> configToMap(C config);

    /** @throws InvalidSelectionException when the text is not exactly one of the game's selections */
    S parseSelection(String json);

    String selectionToJson(S selection);

    /** Every selection a player can make (for RTP reporting per selection). */
    List<S> selections();

    /** The round's outcome; a pure function of its inputs. */
    O outcome(String serverSeed, String clientSeed, long nonce, C config);

    /** Amount credited for a bet: 0 for a loss. Never more than the game's payout bound. */
    long settle(long stakeMicro, S selection, O outcome, C config);

    /** Expected return per unit staked on {@code selection} under {@code config}. */
    double theoreticalRtp(S selection, C config);

    /** True when recomputing from the revealed inputs gives exactly {@code claimed}; false for any bad input. */
    default boolean verify(O claimed, String serverSeed, String clientSeed, long nonce, C config) {
        try {
            return outcome(serverSeed, clientSeed, nonce, config).equals(claimed);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package dev.yantra.games.ketapola;

import dev.yantra.fairness.DiceOutcome;
import dev.yantra.fairness.KetapolaRng;
import dev.yantra.fairness.Payouts;
import dev.yantra.fairness.Side;
import dev.yantra.games.GamePlugin;
import dev.yantra.games.SelectionJson;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Ketapola Dice, on ketapola-rng-v1: bet LOW or HIGH, an even-money win minus commission. */
public final class KetapolaDicePlugin implements GamePlugin<KetapolaConfig, Side, DiceOutcome> {

    public static final String GAME_CODE = "ketapola-dice";
    private static final List<String> SIDES = List.of("LOW", "HIGH");

    private final KetapolaRng rng = new KetapolaRng();

    @Override
    public String gameCode() {
        return GAME_CODE;
    }

    @Override
    public String rngVersion() {
        return KetapolaRng.VERSION;
    }

    @Override
    public KetapolaConfig defaultConfig() {
        return KetapolaConfig.DEFAULT;
    }

    @Override
    public KetapolaConfig validateConfig(Map<String, String> raw) {
        return KetapolaConfig.fromMap(raw);
    }

    @Override
    public Map<String, String> configToMap(KetapolaConfig config) {
        return config.toMap();
    }

    /** Accepts exactly {"side":"LOW"} or {"side":"HIGH"}, whitespace tolerant. */
    @Override
    public Side parseSelection(String json) {
        return Side.valueOf(SelectionJson.singleField(json, "side", SIDES));
    }

    @Override
    public String selectionToJson(Side selection) {
        return "{\"side\":\"" + Objects.requireNonNull(selection, "selection") + "\"}";
    }

    @Override
    public List<Side> selections() {
        return List.of(Side.LOW, Side.HIGH);
    }

    @Override
    public DiceOutcome outcome(String serverSeed, String clientSeed, long nonce, KetapolaConfig config) {
        return rng.roll(serverSeed, clientSeed, nonce, config.lowWeight(), config.highWeight());
    }

    /** floor(2 × stake × (1 − c/100000)) when the selected side came up, else 0. */
    @Override
    public long settle(long stakeMicro, Side selection, DiceOutcome outcome, KetapolaConfig config) {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(outcome, "outcome");
        if (stakeMicro <= 0) {
            throw new IllegalArgumentException("stakeMicro must be > 0, was " + stakeMicro);
        }
        if (stakeMicro > config.maxBetMicro()) {
            throw new IllegalArgumentException("stakeMicro " + stakeMicro + " exceeds maxBetMicro " + config.maxBetMicro());
        }
        return selection == outcome.side() ? Payouts.evenMoneyWinMicro(stakeMicro, config.commissionMicro()) : 0;
    }

    @Override
    public double theoreticalRtp(Side selection, KetapolaConfig config) {
        return config.theoreticalRtp(Objects.requireNonNull(selection, "selection") == Side.LOW);
    }

}

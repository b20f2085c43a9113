package dev.yantra.round;

import dev.yantra.fairness.DiceOutcome;
import dev.yantra.fairness.Payouts;
import dev.yantra.games.GamePlugin;
import dev.yantra.games.ketapola.KetapolaConfig;

/** The game plugin seen through untyped glasses, so the engine can run any registered game. */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class TableGame {
    private final GamePlugin plugin;

    public TableGame(GamePlugin<?, ?, ?> plugin) {
        this.plugin = plugin;
    }

    public String gameCode() {
        return plugin.gameCode();
    }

    public String rngVersion() {
        return plugin.rngVersion();
    }

    public GamePlugin<?, ?, ?> plugin() {
        return plugin;
    }

    public Object parseSelection(String json) {
        return plugin.parseSelection(json);
    }

    public String selectionJson(Object selection) {
        return plugin.selectionToJson(selection);
    }

    public Object outcome(String serverSeed, String clientSeed, long nonce, TableConfig config) {
        return plugin.outcome(serverSeed, clientSeed, nonce, config.gameConfig());
    }

    public long settle(long stakeMicro, Object selection, Object outcome, TableConfig config) {
        long payout = plugin.settle(stakeMicro, selection, outcome, config.gameConfig());
        if (payout < 0 || payout > potentialPayout(stakeMicro, config)) {
            throw new IllegalStateException("payout " + payout + " outside [0, bound] for stake " + stakeMicro);
        }
        return payout;
    }

    /** The most a bet of this stake can be paid: what the exposure limit adds up. */
    public long potentialPayout(long stakeMicro, TableConfig config) {
        if (config.gameConfig() instanceof KetapolaConfig k) {
            return Payouts.evenMoneyWinMicro(stakeMicro, k.commissionMicro());
        }
        return Math.multiplyExact(stakeMicro, 2);
    }

    public static String outcomeJson(Object outcome) {
        if (outcome instanceof DiceOutcome d) return d.toJson();
        return "{\"value\":\"" + outcome + "\"}";
    }
}
